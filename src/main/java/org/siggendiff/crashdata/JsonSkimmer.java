package org.siggendiff.crashdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Walks the outline of a UTF-8 JSON document byte by byte, so that the large values nobody
 * reads (module lists, the threads that did not crash) are passed over without tokenizing them.
 * The values that are read are checked in full and made into the nodes Jackson would make:
 * the common ones (ASCII or UTF-8 strings, small integers, literals, containers) here, the rest
 * by Jackson itself.
 *
 * <p>A value passed over is checked for its outline only: its strings must close and its
 * brackets must match, but its tokens are not validated. Not for shared use: it has a position.
 */
final class JsonSkimmer {
  private static final JsonNodeFactory NODES = CompactNodeFactory.INSTANCE;


  /** Deeper than this, values are left to Jackson, which reads them without recursing. */
  private static final int MAX_OWN_DEPTH = 64;
  /** Far below Jackson's limit on names (50,000), and far above any key of a crash. */
  private static final int MAX_WHOLE_KEY_BYTES = 1024;

  private final byte[] json;
  /** Where the document ends: the array may be a reused buffer, longer than what it holds. */
  private final int end;
  private int position;
  /** How many arrays and objects enclose the position; bounded by {@link CrashJson#MAX_DEPTH}. */
  private int level;
  /** Open brackets of the value being passed over, deepest last. */
  private byte[] open = new byte[64];
  /**
   * Reading a whole document for {@link #readWhole}, which gives up on a key long enough for
   * Jackson's limit on names, where a partial reader leaves that to Jackson's check of the whole.
   */
  private boolean whole;

  /** Where the outer containers end, when the document was checked first; else null. */
  private final JsonChecker.Spans spans;

  JsonSkimmer(byte[] json) {
    this(json, json.length);
  }

  /** A skimmer of the document in the first {@code length} bytes of {@code json}. */
  JsonSkimmer(byte[] json, int length) {
    this(json, length, 0, 0, null);
  }

  /** A skimmer of a document {@link JsonChecker} checked, which jumps over the containers it noted. */
  JsonSkimmer(byte[] json, JsonChecker.Spans spans) {
    this(json, json.length, 0, 0, spans);
  }

  private JsonSkimmer(byte[] json, int end, int position, int level, JsonChecker.Spans spans) {
    if (end < 0 || end > json.length) {
      throw new IndexOutOfBoundsException("a document of " + end + " bytes in an array of " + json.length);
    }
    this.json = json;
    this.end = end;
    this.position = position;
    this.level = level;
    this.spans = spans;
  }

  /** A skimmer of the same document at a position and level this one's {@link #position()} and {@link #level()} gave. */
  JsonSkimmer at(int position, int level) {
    return new JsonSkimmer(json, end, position, level, spans);
  }

  /** Where the next value starts, once {@link #peek()} or a visitor has reached it. */
  int position() {
    return position;
  }

  /** How many arrays and objects enclose the position. */
  int level() {
    return level;
  }

  /**
   * Takes one field of an object: its key is read, and the visitor must read or skip its value.
   * Where one is made for every value or frame read, it is an anonymous class, not a lambda:
   * under the client compiler the launcher uses, a lambda that captures anything is made
   * through a method handle, at ten times the cost of {@code new} (30 ns against 3).
   */
  @FunctionalInterface
  interface FieldVisitor {
    void visit(String key) throws IOException;
  }

  /** Looks at one key of an object; returns whether it read the value, which is otherwise another's to read. */
  @FunctionalInterface
  interface KeyReader {
    boolean read(String key, JsonSkimmer skimmer) throws IOException;
  }

  /** Takes one element of an array, whose value the visitor must read or skip; made as {@link FieldVisitor} is. */
  @FunctionalInterface
  interface ElementVisitor {
    void visit(int index) throws IOException;
  }

  /** The first byte of the next value, or -1 at the end of the document. */
  int peek() {
    if (position < end) {
      // Most documents have no whitespace between tokens: a byte above a space is the answer.
      byte b = json[position];
      if (b > ' ' || b < 0) {
        return b;
      }
    }
    skipWhitespace();
    return position < end ? json[position] : -1;
  }

  /** Reads the object that comes next, handing each field to {@code visitor} in order. */
  void readObject(FieldVisitor visitor) throws IOException {
    readObject(null, visitor);
  }

  /**
   * Reads the object that comes next, handing the fields whose keys are {@code wanted} to
   * {@code visitor} in order and passing over the others; a key is compared by its bytes, and
   * decoded only when it has escapes.
   */
  void readObject(Keys wanted, FieldVisitor visitor) throws IOException {
    expect('{');
    enter();
    if (peek() == '}') {
      position++;
      level--;
      return;
    }
    while (true) {
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = wanted == null ? readKey() : readKey(wanted);
      expect(':');
      skipWhitespace();
      if (key != null) {
        visitor.visit(key);
      } else {
        skipValue();
      }
      if (endsContainer('}', "object")) {
        level--;
        return;
      }
    }
  }

  /** Reads the array that comes next, handing each element to {@code visitor} in order. */
  void readArray(ElementVisitor visitor) throws IOException {
    expect('[');
    enter();
    if (peek() == ']') {
      position++;
      level--;
      return;
    }
    for (int index = 0; ; index++) {
      skipWhitespace();
      visitor.visit(index);
      if (endsContainer(']', "array")) {
        level--;
        return;
      }
    }
  }

  /**
   * The whole document as {@link CrashJson#parse(byte[])} reads it with Jackson, or null when
   * Jackson has to say what it is: it is not well-formed (Jackson's message is the one to give)
   * or has a key long enough to meet Jackson's limit on names. The values Jackson reads for this
   * reader (numbers other than small integers, rare strings, what nests deeper than {@link
   * #MAX_OWN_DEPTH}) are judged as Jackson judges them in place: the outline bounds their nesting
   * by {@link CrashJson#MAX_DEPTH} counted from the document's top.
   */
  static JsonNode readWhole(byte[] json) {
    JsonSkimmer skimmer = new JsonSkimmer(json);
    skimmer.whole = true;
    try {
      JsonNode value = skimmer.readValue();
      skimmer.expectEnd();
      return value;
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads the value that comes next, whole, into the nodes Jackson would make of it. */
  JsonNode readValue() throws IOException {
    return readValue(0);
  }

  private JsonNode readValue(int depth) throws IOException {
    int start = valueStart();
    byte first = json[start];
    if (first == '{' && depth < MAX_OWN_DEPTH) {
      ObjectNode object = NODES.objectNode();
      readObject(new FieldVisitor() {
        @Override
        public void visit(String key) throws IOException {
          object.set(key, readValue(depth + 1));
        }
      });
      return object;
    }
    if (first == '[' && depth < MAX_OWN_DEPTH) {
      ArrayNode array = NODES.arrayNode();
      readArray(new ElementVisitor() {
        @Override
        public void visit(int index) throws IOException {
          array.add(readValue(depth + 1));
        }
      });
      return array;
    }
    if (first == '"') {
      String text = plainString(start);
      if (text != null) {
        return NODES.textNode(text);
      }
    }
    skipValue();
    if (first == '"') {
      String text = decodeString(start + 1, position - 1);
      if (text != null) {
        return NODES.textNode(text);
      }
    } else if (isWord(start, JsonChecker.NULL)) {
      return NODES.nullNode();
    } else if (isWord(start, JsonChecker.TRUE) || isWord(start, JsonChecker.FALSE)) {
      return NODES.booleanNode(first == 't');
    } else if (isSmallInteger(start, position)) {
      // As Jackson reads integers: an IntNode when the value fits, else a LongNode.
      long value = parseLong(start, position);
      return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }
    // Everything else (other numbers, NaN, strings with rare escapes or bad bytes) is Jackson's
    // to read or refuse.
    return parse(start, position - start);
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
      while (position < end && !isDelimiter(json[position])) {
        position++;
      }
      if (position == start) {
        throw error("expected a value");
      }
    }
  }

  /** Fails unless only whitespace is left. */
  void expectEnd() throws IOException {
    int valueEnd = position;
    if (peek() != -1) {
      boolean laterLine = false;
      for (int i = valueEnd; i < position; i++) {
        laterLine |= json[i] == '\n' || json[i] == '\r';
      }
      throw CrashJson.extraData("at byte " + position, laterLine);
    }
  }

  private void enter() throws IOException {
    if (++level > CrashJson.MAX_DEPTH) {
      throw CrashJson.tooDeep();
    }
  }

  private int valueStart() throws IOException {
    if (peek() == -1) {
      throw error("expected a value");
    }
    return position;
  }

  private void skipContainer() throws IOException {
    if (spans != null) {
      int end = spans.endOf(position);
      if (end >= 0) {
        position = end + 1;
        return;
      }
    }
    // In locals: the client compiler keeps a field in memory, a local in a register, and this
    // loop passes over most of a cached crash's bytes.
    byte[] bytes = json;
    int limit = end;
    byte[] brackets = open;
    int at = position;
    int depth = 0;
    int maxDepth = CrashJson.MAX_DEPTH - level;
    while (at < limit) {
      byte b = bytes[at];
      if (b == '"') {
        int after = stringEnd(bytes, at, limit);
        if (after < 0) {
          position = at;
          throw error("unterminated string");
        }
        at = after;
        continue;
      }
      at++;
      if (b == '{' || b == '[') {
        if (depth == maxDepth) {
          throw CrashJson.tooDeep();
        }
        if (depth == brackets.length) {
          brackets = Arrays.copyOf(brackets, depth * 2);
          open = brackets;
        }
        brackets[depth++] = b;
      } else if (b == '}' || b == ']') {
        if (depth == 0 || brackets[depth - 1] != (b == '}' ? '{' : '[')) {
          position = at - 1;
          throw error("unmatched '" + (char) b + "'");
        }
        if (--depth == 0) {
          position = at;
          return;
        }
      }
    }
    position = at;
    throw error("unclosed '" + (char) brackets[depth - 1] + "'");
  }

  private void skipString() throws IOException {
    int after = stringEnd(json, position, end);
    if (after < 0) {
      throw error("unterminated string");
    }
    position = after;
  }

  /**
   * Where the string starting at {@code start} ends, after its closing quote: the next quote
   * that an odd run of backslashes does not escape; -1 when there is none before {@code end}.
   * Quotes alone are looked for, eight bytes at a time: most of a document's bytes are in
   * strings, and backslashes are rare.
   */
  private static int stringEnd(byte[] bytes, int start, int end) {
    int wordEnd = end - Long.BYTES;
    int i = start + 1;
    while (true) {
      while (i <= wordEnd) {
        long found = Words.zeroBytes(Words.at(bytes, i) ^ Words.QUOTES);
        if (found != 0) {
          i += Words.firstMarkedByte(found);
          break;
        }
        i += Long.BYTES;
      }
      while (i < end && bytes[i] != '"') {
        i++;
      }
      if (i >= end) {
        return -1;
      }
      // The opening quote ends the run at the latest.
      int k = i - 1;
      while (bytes[k] == '\\') {
        k--;
      }
      if (((i - 1 - k) & 1) == 0) {
        return i + 1;
      }
      i++;
    }
  }

  /** A key, decoded as JSON decodes strings: escapes are undone. */
  private String readKey() throws IOException {
    int start = position;
    skipString();
    if (whole && position - start > MAX_WHOLE_KEY_BYTES) {
      throw error("a key longer than this reader reads");
    }
    String key = KNOWN_KEYS.find(json, start + 1, position - 1);
    if (key != null) {
      return key;
    }
    key = decodeString(start + 1, position - 1);
    return key != null ? key : parse(start, position - start).textValue();
  }

  /** The key if it is wanted, else null. */
  private String readKey(Keys wanted) throws IOException {
    int start = position;
    skipString();
    String key = wanted.match(json, start + 1, position - 1);
    if (key != null) {
      return key;
    }
    // Only a key with escapes can still be a wanted one: wanted keys have no backslash.
    for (int i = start + 1; i < position - 1; i++) {
      if (json[i] == '\\') {
        return wanted.wants(parse(start, position - start).textValue());
      }
    }
    return null;
  }

  /** Jackson's reading of the value at {@code start}, which must be all of {@code length} bytes. */
  private JsonNode parse(int start, int length) throws IOException {
    // Handed alone, bytes starting with a zero byte or a byte-order mark would be read in
    // another encoding (UTF-16, UTF-32) or with the mark skipped; no JSON value starts so.
    for (int i = start; i < start + Math.min(4, length); i++) {
      if (json[i] == 0 || (i == start && json[i] < 0)) {
        throw new IOException("bad value at byte " + start + ": not a JSON value");
      }
    }
    try {
      return CrashJson.value(json, start, length);
    } catch (IOException e) {
      // Where it is, in the document: Jackson's own note of where is about the value alone.
      String what = e instanceof JsonProcessingException jackson ? jackson.getOriginalMessage() : e.getMessage();
      throw new IOException("bad value at byte " + start + ": " + what, e);
    }
  }

  /**
   * The string that starts at {@code start} when it is printable ASCII without escapes, most
   * strings, read in one pass and the position moved past it; else null, the position unmoved.
   */
  private String plainString(int start) {
    byte[] bytes = json;
    int i = start + 1;
    // Eight bytes at a time while all are printable ASCII other than a quote or backslash.
    int wordEnd = end - Long.BYTES;
    while (i <= wordEnd) {
      long word = Words.at(bytes, i);
      if (((word & Words.HIGH_BITS) | Words.bytesBelowSpace(word) | Words.zeroBytes(word ^ Words.QUOTES) | Words.zeroBytes(word ^ Words.BACKSLASHES)) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    byte b = 0;
    while (i < end && (b = bytes[i]) >= 0x20 && b != '"' && b != '\\') {
      i++;
    }
    if (i >= end || b != '"') {
      return null;
    }
    position = i + 1;
    return new String(bytes, start + 1, i - start - 1, StandardCharsets.ISO_8859_1);
  }

  /** The value of an integer that {@link #isSmallInteger} accepted. */
  private long parseLong(int from, int to) {
    boolean negative = json[from] == '-';
    long value = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      value = value * 10 + (json[i] - '0');
    }
    return negative ? -value : value;
  }

  /** JSON's integer grammar, with at most 18 digits so that the value fits a long. */
  private boolean isSmallInteger(int from, int to) {
    int digits = from < to && json[from] == '-' ? from + 1 : from;
    if (digits == to || to - digits > 18 || (json[digits] == '0' && to - digits > 1)) {
      return false;
    }
    for (int i = digits; i < to; i++) {
      if (json[i] < '0' || json[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The text of the string whose contents are {@code json[from, to)}, or null when Jackson
   * should decide: a control character, malformed UTF-8, a bad escape, or escapes mixed with
   * non-ASCII text.
   */
  private String decodeString(int from, int to) {
    int i = from;
    // Eight bytes at a time while all are printable ASCII other than a backslash: most strings.
    while (i <= to - Long.BYTES) {
      long word = Words.at(json, i);
      if (((word & Words.HIGH_BITS) | Words.bytesBelowSpace(word) | Words.zeroBytes(word ^ Words.BACKSLASHES)) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    boolean ascii = true;
    boolean escaped = false;
    for (; i < to; i++) {
      byte b = json[i];
      if (b < 0) {
        ascii = false;
      } else if (b < 0x20) {
        return null;
      } else if (b == '\\') {
        escaped = true;
      }
    }
    if (!escaped) {
      if (ascii) {
        return new String(json, from, to - from, StandardCharsets.ISO_8859_1);
      }
      // The decoder replaces malformed input with U+FFFD where Jackson would refuse it.
      String text = new String(json, from, to - from, StandardCharsets.UTF_8);
      return text.indexOf('\uFFFD') < 0 ? text : null;
    }
    return ascii ? unescape(from, to) : null;
  }

  /** JSON's escapes undone in ASCII text; null for an escape JSON does not have. */
  private String unescape(int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = (char) json[i];
      if (c != '\\') {
        text.append(c);
        continue;
      }
      char escape = (char) json[++i];
      switch (escape) {
        case '"', '\\', '/' -> text.append(escape);
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          int code = i + 4 < to ? hex(i + 1) : -1;
          if (code < 0) {
            return null;
          }
          text.append((char) code);
          i += 4;
        }
        default -> {
          return null;
        }
      }
    }
    return text.toString();
  }

  /** The four hex digits at {@code from} as a number, or -1. */
  private int hex(int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(json[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private boolean isWord(int start, byte[] word) {
    return position - start == word.length && Words.asciiAt(json, start, word);
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
    while (position < end) {
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

  /**
   * The keys crash documents are made of, one string each: a document's keys are then shared
   * instead of made again for every frame, and found by identity by the lookups with literal
   * keys, as Jackson's interned keys are. Only which strings are shared: what a reader keeps is
   * {@link CrashFields}'s to say.
   */
  private static final Names KNOWN_KEYS = new Names(List.of(
      // Stack frames, threads and crash data.
      "offset", "frame", "module", "module_offset", "function", "line", "file", "trust", "frames",
      "frame_count", "thread_name", "os", "crashing_thread", "threads", "reason", "inlines",
      "last_error_value", "function_offset", "missing_symbols", "unloaded_modules", "filename",
      "abort_message", "mdsw_status_string", "java_stack_trace", "java_exception",
      "ipc_message_name", "ipc_channel_error", "oom_allocation_size", "additional_minidumps",
      "async_shutdown_timeout", "js_large_allocation_failure", "hang", "original_signature",
      "type", "in_app", "lineno",
      // Modules of a processed crash's json_dump.
      "base_addr", "end_addr", "code_id", "version", "debug_file", "debug_id", "loaded_symbols",
      "symbol_url", "corrupt_symbols", "cert_subject"));

  /**
   * Strings found by their UTF-8 bytes, grouped by byte length: most keys of a document have
   * a length no name has, and are passed over with one array read.
   */
  private static final class Names {
    private final byte[][][] bytes;
    private final String[][] strings;

    Names(Collection<String> names) {
      int longest = names.stream().mapToInt(name -> name.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
      bytes = new byte[longest + 1][0][];
      strings = new String[longest + 1][0];
      for (String name : names) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        int length = encoded.length;
        bytes[length] = Arrays.copyOf(bytes[length], bytes[length].length + 1);
        bytes[length][bytes[length].length - 1] = encoded;
        strings[length] = Arrays.copyOf(strings[length], strings[length].length + 1);
        strings[length][strings[length].length - 1] = name;
      }
    }

    /** The name whose bytes are {@code json[from, to)}, or null. */
    String find(byte[] json, int from, int to) {
      int length = to - from;
      if (length >= bytes.length) {
        return null;
      }
      byte[][] candidates = bytes[length];
      for (int c = 0; c < candidates.length; c++) {
        byte[] name = candidates[c];
        int i = 0;
        while (i < length && name[i] == json[from + i]) {
          i++;
        }
        if (i == length) {
          return strings[length][c];
        }
      }
      return null;
    }
  }

  /** The keys a reader wants, found by their bytes without making a string of every key read. */
  static final class Keys {
    private final String[] names;
    /** The same names, for {@link #has}: asked of every key a reader is handed. */
    private final Set<String> set;
    private final Names byBytes;

    Keys(Set<String> names) {
      this.names = names.toArray(String[]::new);
      this.set = Set.copyOf(names);
      this.byBytes = new Names(names);
    }

    /** The wanted key whose UTF-8 bytes are {@code json[from, to)}, or null. */
    String match(byte[] json, int from, int to) {
      return byBytes.find(json, from, to);
    }

    /** Whether {@code key} is one of these. */
    boolean has(String key) {
      return set.contains(key);
    }

    /** The wanted key equal to {@code key}, or null. */
    String wants(String key) {
      for (String name : names) {
        if (name.equals(key)) {
          return name;
        }
      }
      return null;
    }
  }
}
