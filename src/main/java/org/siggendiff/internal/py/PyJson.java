package org.siggendiff.internal.py;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Python's {@code json.loads} for a str: the same documents accepted (NaN, Infinity, -Infinity,
 * integers of any size, numbers past the double range) and the same ones rejected (a leading
 * byte-order mark, control characters inside strings, trailing data), each rejection a
 * ValueError worded as Python words it.
 */
public final class PyJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

  /**
   * The deepest nesting {@code json.loads} decodes when a rule calls it: the reference (Python
   * 3.11, recursion limit 1000) raises RecursionError on entering the 994th level from inside
   * a rule. The exact figure is Python's stack budget at that point, not a rule of JSON.
   */
  public static final int MAX_DEPTH_IN_RULE = 993;

  private final String text;
  private int pos;
  private int depth;

  private PyJson(String text) {
    this.text = text;
  }

  /** Parses {@code text} or throws a ValueError {@link PyException}. */
  public static JsonNode loads(String text) {
    if (text.startsWith("\uFEFF")) {
      throw new PyJson(text).error("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    }
    PyJson parser = new PyJson(text);
    parser.skipWhitespace();
    JsonNode value = parser.value();
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("Extra data", parser.pos);
    }
    return value;
  }

  private JsonNode value() {
    if (pos >= text.length()) {
      throw error("Expecting value", pos);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '"':
        pos++;
        return NODES.textNode(string());
      case '{':
        enter("object");
        ObjectNode object = object();
        depth--;
        return object;
      case '[':
        enter("array");
        ArrayNode array = array();
        depth--;
        return array;
      default:
        break;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return NODES.nullNode();
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return NODES.booleanNode(true);
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return NODES.booleanNode(false);
    }
    if (text.startsWith("NaN", pos)) {
      pos += 3;
      return NODES.numberNode(Double.NaN);
    }
    if (text.startsWith("Infinity", pos)) {
      pos += 8;
      return NODES.numberNode(Double.POSITIVE_INFINITY);
    }
    if (text.startsWith("-Infinity", pos)) {
      pos += 9;
      return NODES.numberNode(Double.NEGATIVE_INFINITY);
    }
    JsonNode number = number();
    if (number == null) {
      throw error("Expecting value", pos);
    }
    return number;
  }

  private JsonNode number() {
    int start = pos;
    int i = pos;
    if (i < text.length() && text.charAt(i) == '-') {
      i++;
    }
    if (i >= text.length() || !isDigit(text.charAt(i))) {
      return null;
    }
    if (text.charAt(i) == '0') {
      i++;
    } else {
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    boolean isFloat = false;
    if (i + 1 < text.length() && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      if (j < text.length() && isDigit(text.charAt(j))) {
        while (j < text.length() && isDigit(text.charAt(j))) {
          j++;
        }
        isFloat = true;
        i = j;
      }
    }
    pos = i;
    String literal = text.substring(start, i);
    if (isFloat) {
      return NODES.numberNode(Double.parseDouble(literal));
    }
    return NODES.numberNode(PyInt.parse(literal, 10));
  }

  /** Python's C scanner checks its recursion budget as it enters each container. */
  private void enter(String container) {
    if (++depth > MAX_DEPTH_IN_RULE) {
      throw PyException.recursionError(
          "maximum recursion depth exceeded while decoding a JSON " + container + " from a unicode string");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private ObjectNode object() {
    pos++;
    ObjectNode object = NODES.objectNode();
    skipWhitespace();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      return object;
    }
    while (true) {
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw error("Expecting property name enclosed in double quotes", pos);
      }
      pos++;
      String key = string();
      skipWhitespace();
      if (pos >= text.length() || text.charAt(pos) != ':') {
        throw error("Expecting ':' delimiter", pos);
      }
      pos++;
      skipWhitespace();
      object.set(key, value());
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == '}') {
        pos++;
        return object;
      }
      if (pos >= text.length() || text.charAt(pos) != ',') {
        throw error("Expecting ',' delimiter", pos);
      }
      pos++;
      skipWhitespace();
      // Python 3.11 has no word for a trailing comma (3.13 says "Illegal trailing comma").
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw error("Expecting property name enclosed in double quotes", pos);
      }
    }
  }

  private ArrayNode array() {
    pos++;
    ArrayNode array = NODES.arrayNode();
    skipWhitespace();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      return array;
    }
    while (true) {
      array.add(value());
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == ']') {
        pos++;
        return array;
      }
      if (pos >= text.length() || text.charAt(pos) != ',') {
        throw error("Expecting ',' delimiter", pos);
      }
      pos++;
      skipWhitespace();
    }
  }

  /** Reads a string body; {@link #pos} is just past the opening quote. */
  private String string() {
    int begin = pos - 1;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("Unterminated string starting at", begin);
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("Invalid control character at", pos);
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      if (pos + 1 >= text.length()) {
        throw error("Unterminated string starting at", begin);
      }
      char escape = text.charAt(pos + 1);
      switch (escape) {
        case '"', '\\', '/' -> sb.append(escape);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          char unit = hex4(pos + 2, pos);
          pos += 6;
          if (Character.isHighSurrogate(unit)
              && text.startsWith("\\u", pos)
              && isHex4(pos + 2)) {
            char low = hex4(pos + 2, pos);
            if (Character.isLowSurrogate(low)) {
              sb.append(unit).append(low);
              pos += 6;
              continue;
            }
          }
          sb.append(unit);
          continue;
        }
        default -> throw error("Invalid \\escape", pos);
      }
      pos += 2;
    }
  }

  private boolean isHex4(int at) {
    if (at + 4 > text.length()) {
      return false;
    }
    for (int i = at; i < at + 4; i++) {
      if (Character.digit(text.charAt(i), 16) < 0 || text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  private char hex4(int at, int escapeStart) {
    if (!isHex4(at)) {
      // Python points at the u.
      throw error("Invalid \\uXXXX escape", escapeStart + 1);
    }
    return (char) Integer.parseInt(text.substring(at, at + 4), 16);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** Python's error, its positions counted in code points, as Python indexes a str. */
  private PyException error(String message, int at) {
    int end = Math.min(at, text.length());
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = text.codePointCount(lineStart, end) + 1;
    int position = text.codePointCount(0, end);
    return PyException.valueError(
        message + ": line " + line + " column " + column + " (char " + position + ")");
  }
}
