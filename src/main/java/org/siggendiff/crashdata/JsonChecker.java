package org.siggendiff.crashdata;

import java.io.IOException;
import java.util.Arrays;
import org.siggendiff.internal.py.PyInt;

/**
 * Checks that UTF-8 bytes are one JSON document as {@link CrashJson}'s reader accepts it
 * (strict JSON, plus {@code NaN}, {@code Infinity}, {@code -Infinity} and Jackson's
 * {@code +Infinity}, {@code -INF}, {@code +INF}; at most {@link CrashJson#MAX_DEPTH} levels)
 * without building anything: for documents then read only in part. One pass over the bytes,
 * about a third of the cost of Jackson's token-by-token skipping (1,070 against 330 MB/s of
 * processed crashes under the launcher's compiler), which was the largest single cost of reading
 * a corpus.
 * Which documents it accepts is tested against Jackson's reader.
 *
 * <p>It also notes where the outer containers end ({@link Spans}), so that a partial reader of
 * the checked document jumps over what it does not read instead of scanning it a second time.
 */
final class JsonChecker {

  /**
   * Containers up to this deep have their span noted: a processed crash's top-level values, the
   * members of its {@code json_dump}, and each thread, which are what a partial read passes over.
   */
  private static final int SPAN_DEPTH = 4;

  /** JSON's literals, as bytes; the skimmer's too. */
  static final byte[] TRUE = Words.ascii("true");
  static final byte[] FALSE = Words.ascii("false");
  static final byte[] NULL = Words.ascii("null");
  private static final byte[] NAN = Words.ascii("NaN");
  private static final byte[] INFINITY = Words.ascii("Infinity");
  private static final byte[] INF = Words.ascii("INF");

  /** Where containers of a checked document end, by where they start; only the outer ones. */
  static final class Spans {
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int count;

    private int open(int start) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = start;
      return count++;
    }

    /** The position of the bracket closing the container opened at {@code start}, or -1 when not noted. */
    int endOf(int start) {
      // Noted in the order they open, so by position.
      int found = Arrays.binarySearch(starts, 0, count, start);
      return found >= 0 ? ends[found] : -1;
    }
  }

  private final byte[] json;
  /** The open containers, innermost last: '{' or '['. */
  private final byte[] open = new byte[CrashJson.MAX_DEPTH];
  private final Spans spans = new Spans();
  /** For each open container up to {@link #SPAN_DEPTH} deep, its span's index. */
  private final int[] openSpans = new int[SPAN_DEPTH];

  private JsonChecker(byte[] json) {
    this.json = json;
  }

  /**
   * @return where its outer containers end, for reading it in part
   * @throws IOException saying what is wrong and at which byte, or {@link CrashJson#tooDeep()}
   */
  static Spans check(byte[] json) throws IOException {
    JsonChecker checker = new JsonChecker(json);
    checker.document();
    return checker.spans;
  }

  // The position is passed along in locals and returned, not kept in a field: the client
  // compiler keeps a field in memory, and a local in a register.

  private void document() throws IOException {
    int at = skipWhitespace(0);
    if (at == json.length) {
      throw new IOException("no JSON value");
    }
    at = skipWhitespace(values(at));
    if (at != json.length) {
      throw error("extra data after the JSON value", at);
    }
  }

  /** Reads the value at {@code at}, containers and all; where it ends. */
  private int values(int at) throws IOException {
    byte[] bytes = json;
    int n = bytes.length;
    int depth = 0;
    while (true) {
      // A value starts here (whitespace before it is skipped).
      int c = at < n ? bytes[at] : -1;
      if (c == '{' || c == '[') {
        if (depth == CrashJson.MAX_DEPTH) {
          throw CrashJson.tooDeep();
        }
        if (depth < SPAN_DEPTH) {
          openSpans[depth] = spans.open(at);
        }
        open[depth++] = (byte) c;
        at++;
        if (at < n && bytes[at] <= ' ') {
          at = skipWhitespace(at);
        }
        if (at < n && bytes[at] == (c == '{' ? '}' : ']')) {
          at = close(--depth, at);
        } else {
          if (c == '{') {
            at = key(at);
          }
          continue;
        }
      } else if (c == '"') {
        at = string(at);
      } else {
        at = scalar(c, at);
      }
      // After a value: a comma and the next one, or the end of containers.
      while (true) {
        if (depth == 0) {
          return at;
        }
        if (at < n && bytes[at] <= ' ') {
          at = skipWhitespace(at);
        }
        int next = at < n ? bytes[at] : -1;
        byte container = open[depth - 1];
        if (next == ',') {
          at++;
          if (at < n && bytes[at] <= ' ') {
            at = skipWhitespace(at);
          }
          if (container == '{') {
            at = key(at);
          }
          break;
        }
        if (next == (container == '{' ? '}' : ']')) {
          at = close(--depth, at);
          continue;
        }
        throw error(container == '{' ? "expected ',' or '}'" : "expected ',' or ']'", at);
      }
    }
  }

  /** Notes the span of the container at {@code depth} closing at {@code at}; where it ends. */
  private int close(int depth, int at) {
    if (depth < SPAN_DEPTH) {
      spans.ends[openSpans[depth]] = at;
    }
    return at + 1;
  }

  /** A member's name and its colon; where its value starts. */
  private int key(int at) throws IOException {
    byte[] bytes = json;
    if (at >= bytes.length || bytes[at] != '"') {
      throw error("expected a double-quoted name", at);
    }
    at = string(at);
    if (at < bytes.length && bytes[at] <= ' ') {
      at = skipWhitespace(at);
    }
    if (at >= bytes.length || bytes[at] != ':') {
      throw error("expected ':'", at);
    }
    at++;
    return at < bytes.length && bytes[at] <= ' ' ? skipWhitespace(at) : at;
  }

  private int scalar(int c, int at) throws IOException {
    return switch (c) {
      case 't' -> word(at, TRUE);
      case 'f' -> word(at, FALSE);
      case 'n' -> word(at, NULL);
      case 'N' -> word(at, NAN);
      case 'I' -> word(at, INFINITY);
      case '+' -> signedInfinity(at);
      case '-' -> at + 1 < json.length && json[at + 1] == 'I' ? signedInfinity(at) : number(at);
      default -> {
        if (c >= '0' && c <= '9') {
          yield number(at);
        }
        throw error(c == -1 ? "expected a value, found the end" : "expected a value", at);
      }
    };
  }

  /** {@code +Infinity}, {@code -Infinity}, {@code +INF} or {@code -INF}, as Jackson reads them. */
  private int signedInfinity(int at) throws IOException {
    if (Words.asciiAt(json, at + 1, INFINITY)) {
      return word(at + 1, INFINITY);
    }
    if (Words.asciiAt(json, at + 1, INF)) {
      return word(at + 1, INF);
    }
    throw error("expected a number", at);
  }


  /** A literal, which no letter, digit or other name character may follow; where it ends. */
  private int word(int at, byte[] word) throws IOException {
    if (!Words.asciiAt(json, at, word)) {
      throw error("expected a value", at);
    }
    at += word.length;
    if (at < json.length && continuesName(json[at])) {
      throw error("unrecognized token", at);
    }
    return at;
  }

  /** Whether a byte after a literal would make it part of a longer name (any non-ASCII byte does). */
  private static boolean continuesName(byte b) {
    return b < 0 || b == '_' || b == '$' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, at most 100,000 characters as the reader allows. */
  private int number(int start) throws IOException {
    int at = start;
    if (at(at) == '-') {
      at++;
    }
    if (at(at) == '0') {
      at++;
      if (isDigit(at(at))) {
        throw error("leading zeros are not allowed", at);
      }
    } else if (isDigit(at(at))) {
      at = digits(at);
    } else {
      throw error("expected a digit", at);
    }
    int integerEnd = at;
    if (at(at) == '.') {
      at++;
      if (!isDigit(at(at))) {
        throw error("expected a digit after the decimal point", at);
      }
      at = digits(at);
    }
    if (at(at) == 'e' || at(at) == 'E') {
      at++;
      if (at(at) == '+' || at(at) == '-') {
        at++;
      }
      if (!isDigit(at(at))) {
        throw error("expected a digit in the exponent", at);
      }
      at = digits(at);
    }
    if (at - start > 100_000) {
      throw error("a number longer than 100000 characters", start);
    }
    // Python's json.loads makes an integer with int(), which refuses more than 4300 digits.
    int digits = integerEnd - start - (json[start] == '-' ? 1 : 0);
    if (at == integerEnd && digits > PyInt.MAX_STR_DIGITS) {
      throw error("an integer of " + digits + " digits, more than the " + PyInt.MAX_STR_DIGITS + " Python's int() reads", start);
    }
    return at;
  }

  private int digits(int at) {
    while (at < json.length && isDigit(json[at])) {
      at++;
    }
    return at;
  }

  private static boolean isDigit(int b) {
    return b >= '0' && b <= '9';
  }

  /**
   * A string: no byte below a space, and only JSON's escapes; where it ends. Eight bytes at a
   * time while none of them is a quote, a backslash or a control byte.
   */
  private int string(int start) throws IOException {
    byte[] bytes = json;
    int at = start + 1;
    int wordEnd = bytes.length - Long.BYTES;
    while (true) {
      while (at <= wordEnd) {
        long word = Words.at(bytes, at);
        long marks = Words.zeroBytes(word ^ Words.QUOTES) | Words.zeroBytes(word ^ Words.BACKSLASHES) | Words.bytesBelowSpace(word);
        if (marks != 0) {
          at += Words.firstMarkedByte(marks);
          break;
        }
        at += Long.BYTES;
      }
      if (at >= bytes.length) {
        throw error("unterminated string", start);
      }
      byte b = bytes[at];
      if (b == '"') {
        return at + 1;
      }
      if (b == '\\') {
        at = escape(at);
      } else if (b >= 0 && b < ' ') {
        throw error("a control character in a string must be escaped", at);
      } else {
        // A byte the word test marked by a borrow, or one of the last bytes: an ordinary one.
        at++;
      }
    }
  }

  /** The escape at {@code at}; where it ends. */
  private int escape(int at) throws IOException {
    int kind = at(at + 1);
    switch (kind) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return at + 2;
      }
      case 'u' -> {
        for (int k = 2; k < 6; k++) {
          if (Character.digit(at(at + k), 16) < 0) {
            throw error("expected a hex digit in a \\u escape", at + k);
          }
        }
        return at + 6;
      }
      default -> throw error("not a JSON escape", at + 1);
    }
  }

  private int skipWhitespace(int at) {
    while (at < json.length) {
      byte b = json[at];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return at;
      }
      at++;
    }
    return at;
  }

  /** The byte at {@code index}, or -1 past the end. */
  private int at(int index) {
    return index < json.length ? json[index] : -1;
  }

  private static IOException error(String what, int at) {
    return new IOException(what + " at byte " + at);
  }
}
