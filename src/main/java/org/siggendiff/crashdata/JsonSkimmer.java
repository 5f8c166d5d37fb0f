package org.siggendiff.crashdata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks the outline of a UTF-8 JSON document byte by byte, so that the large values nobody
 * reads (module lists, the threads that did not crash) are passed over without tokenizing them;
 * the values that are read are parsed by Jackson, in full.
 *
 * <p>A value passed over is checked for its outline only: its strings must close and its
 * brackets must match, but its tokens are not validated. Not for shared use: it has a position.
 */
final class JsonSkimmer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final byte[] json;
  private int position;
  /** Open brackets of the value being passed over, deepest last. */
  private byte[] open = new byte[64];

  JsonSkimmer(byte[] json) {
    this(json, 0);
  }

  /** A skimmer at a position {@link #position()} gave earlier. */
  JsonSkimmer(byte[] json, int position) {
    this.json = json;
    this.position = position;
  }

  /** Where the next value starts, once {@link #peek()} or a visitor has reached it. */
  int position() {
    return position;
  }

  /** Takes one field of an object: its key is read, and the visitor must read or skip its value. */
  @FunctionalInterface
  interface FieldVisitor {
    void visit(String key) throws IOException;
  }

  /** Takes one element of an array, whose value the visitor must read or skip. */
  @FunctionalInterface
  interface ElementVisitor {
    void visit(int index) throws IOException;
  }

  /** The first byte of the next value, or -1 at the end of the document. */
  int peek() {
    skipWhitespace();
    return position < json.length ? json[position] : -1;
  }

  /** Reads the object that comes next, handing each field to {@code visitor} in order. */
  void readObject(FieldVisitor visitor) throws IOException {
    expect('{');
    if (peek() == '}') {
      position++;
      return;
    }
    while (true) {
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = readKey();
      expect(':');
      skipWhitespace();
      visitor.visit(key);
      if (endsContainer('}', "object")) {
        return;
      }
    }
  }

  /** Reads the array that comes next, handing each element to {@code visitor} in order. */
  void readArray(ElementVisitor visitor) throws IOException {
    expect('[');
    if (peek() == ']') {
      position++;
      return;
    }
    for (int index = 0; ; index++) {
      skipWhitespace();
      visitor.visit(index);
      if (endsContainer(']', "array")) {
        return;
      }
    }
  }

  /** Reads the value that comes next, whole. */
  JsonNode readValue() throws IOException {
    int start = valueStart();
    skipValue();
    int length = position - start;
    if (json[start] == '"' && isPlainAscii(start + 1, position - 1)) {
      return NODES.textNode(new String(json, start + 1, length - 2, StandardCharsets.ISO_8859_1));
    }
    if (length == 4 && json[start] == 'n' && json[start + 1] == 'u' && json[start + 2] == 'l' && json[start + 3] == 'l') {
      return NODES.nullNode();
    }
    return parse(start, length);
  }

  /** A Jackson parser over the value that comes next, which is then passed over here. */
  JsonParser parseValue() throws IOException {
    int start = valueStart();
    skipValue();
    return CrashJson.mapper().createParser(json, start, position - start);
  }

  /** Passes over the value that comes next. */
  void skipValue() throws IOException {
    int start = valueStart();
    byte first = json[position];
    if (first == '"') {
      skipString();
    } else if (first == '{' || first == '[') {
      skipContainer();
    } else {
      while (position < json.length && !isDelimiter(json[position])) {
        position++;
      }
      if (position == start) {
        throw error("expected a value");
      }
    }
  }

  /** Fails unless only whitespace is left. */
  void expectEnd() throws IOException {
    if (peek() != -1) {
      throw error("extra data after the JSON value");
    }
  }

  private int valueStart() throws IOException {
    if (peek() == -1) {
      throw error("expected a value");
    }
    return position;
  }

  private void skipContainer() throws IOException {
    int depth = 0;
    while (position < json.length) {
      byte b = json[position];
      if (b == '"') {
        skipString();
        continue;
      }
      position++;
      if (b == '{' || b == '[') {
        if (depth == open.length) {
          open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = b;
      } else if (b == '}' || b == ']') {
        if (depth == 0 || open[depth - 1] != (b == '}' ? '{' : '[')) {
          position--;
          throw error("unmatched '" + (char) b + "'");
        }
        if (--depth == 0) {
          return;
        }
      }
    }
    throw error("unclosed '" + (char) open[depth - 1] + "'");
  }

  private void skipString() throws IOException {
    int start = position;
    for (int i = position + 1; i < json.length; i++) {
      byte b = json[i];
      if (b == '"') {
        position = i + 1;
        return;
      }
      if (b == '\\') {
        i++;
      }
    }
    position = start;
    throw error("unterminated string");
  }

  /** A key, decoded as JSON decodes strings: escapes are undone. */
  private String readKey() throws IOException {
    int start = position;
    skipString();
    if (isPlainAscii(start + 1, position - 1)) {
      return new String(json, start + 1, position - start - 2, StandardCharsets.ISO_8859_1);
    }
    return parse(start, position - start).textValue();
  }

  /** Jackson's reading of the value at {@code start}, which must be all of {@code length} bytes. */
  private JsonNode parse(int start, int length) throws IOException {
    try (JsonParser parser = CrashJson.mapper().createParser(json, start, length)) {
      JsonNode value = CrashJson.mapper().readTree(parser);
      if (parser.nextToken() != null) {
        throw new IOException("not one JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new IOException("bad value at byte " + start + ": " + e.getMessage(), e);
    }
  }

  /** ASCII without control characters or backslashes: the bytes are the text, as decoding gives it. */
  private boolean isPlainAscii(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = json[i];
      if (b < 0x20 || b == '\\') {
        return false;
      }
    }
    return true;
  }

  private void expect(char expected) throws IOException {
    if (peek() != expected) {
      throw error("expected '" + expected + "'");
    }
    position++;
  }

  /** Consumes the comma before another member (false) or the closing bracket (true). */
  private boolean endsContainer(char close, String container) throws IOException {
    int b = peek();
    if (b != ',' && b != close) {
      throw error("expected ',' or the end of the " + container);
    }
    position++;
    return b == close;
  }

  private void skipWhitespace() {
    while (position < json.length) {
      byte b = json[position];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      position++;
    }
  }

  private static boolean isDelimiter(byte b) {
    return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ':';
  }

  private IOException error(String what) {
    return new IOException(what + " at byte " + position);
  }
}
