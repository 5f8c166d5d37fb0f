package org.siggendiff.crashdata;

import java.io.IOException;
import java.util.Arrays;

/**
 * Checks that UTF-8 bytes are one JSON document as {@link CrashJson}'s reader accepts it
 * (strict JSON, plus {@code NaN}, {@code Infinity}, {@code -Infinity} and Jackson's
 * {@code +Infinity}, {@code -INF}, {@code +INF}; at most {@link CrashJson#MAX_DEPTH} levels)
 * without building anything: for documents then read only in part. One pass over the bytes,
 * about half the cost of Jackson's token-by-token skipping (680 against 330 MB/s of processed
 * crashes under the launcher's compiler), which was the largest single cost of reading a corpus.
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
  private int i;
  /** The open containers, innermost last: '{' or '['. */
  private final byte[] open = new byte[CrashJson.MAX_DEPTH];
  private int depth;
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

  private void document() throws IOException {
    whitespace();
    if (i == json.length) {
      throw new IOException("no JSON value");
    }
    values();
    whitespace();
    if (i != json.length) {
      throw error("extra data after the JSON value");
    }
  }

  /** Reads the value at {@code i}, containers and all, leaving {@code i} after it. */
  private void values() throws IOException {
    while (true) {
      // A value starts here (whitespace before it is skipped).
      int c = at(i);
      if (c == '{' || c == '[') {
        if (depth == CrashJson.MAX_DEPTH) {
          throw CrashJson.tooDeep();
        }
        if (depth < SPAN_DEPTH) {
          openSpans[depth] = spans.open(i);
        }
        open[depth++] = (byte) c;
        i++;
        whitespace();
        if (at(i) == (c == '{' ? '}' : ']')) {
          close();
        } else {
          if (c == '{') {
            key();
          }
          continue;
        }
      } else {
        scalar(c);
      }
      // After a value: a comma and the next one, or the end of containers.
      while (true) {
        if (depth == 0) {
          return;
        }
        whitespace();
        int next = at(i);
        byte container = open[depth - 1];
        if (next == ',') {
          i++;
          whitespace();
          if (container == '{') {
            key();
          }
          break;
        }
        if (next == (container == '{' ? '}' : ']')) {
          close();
          continue;
        }
        throw error(container == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

  /** Closes the innermost container at {@code i}, noting its span. */
  private void close() {
    depth--;
    if (depth < SPAN_DEPTH) {
      spans.ends[openSpans[depth]] = i;
    }
    i++;
  }

  /** A member's name and its colon, leaving {@code i} at the start of its value. */
  private void key() throws IOException {
    if (at(i) != '"') {
      throw error("expected a double-quoted name");
    }
    string();
    whitespace();
    if (at(i) != ':') {
      throw error("expected ':'");
    }
    i++;
    whitespace();
  }

  private void scalar(int c) throws IOException {
    switch (c) {
      case '"' -> string();
      case 't' -> word("true");
      case 'f' -> word("false");
      case 'n' -> word("null");
      case 'N' -> word("NaN");
      case 'I' -> word("Infinity");
      case '+' -> signedInfinity();
      case '-' -> {
        if (at(i + 1) == 'I') {
          signedInfinity();
        } else {
          number();
        }
      }
      default -> {
        if (c >= '0' && c <= '9') {
          number();
        } else {
          throw error(c == -1 ? "expected a value, found the end" : "expected a value");
        }
      }
    }
  }

  /** {@code +Infinity}, {@code -Infinity}, {@code +INF} or {@code -INF}, as Jackson reads them. */
  private void signedInfinity() throws IOException {
    int start = i;
    i++;
    if (startsWith("Infinity")) {
      word("Infinity");
    } else if (startsWith("INF")) {
      word("INF");
    } else {
      i = start;
      throw error("expected a number");
    }
  }

  private boolean startsWith(String word) {
    return Words.asciiAt(json, i, word);
  }

  /** A literal, which no letter, digit or other name character may follow. */
  private void word(String word) throws IOException {
    if (!startsWith(word)) {
      throw error("expected a value");
    }
    i += word.length();
    if (i < json.length && continuesName(json[i])) {
      throw error("unrecognized token");
    }
  }

  /** Whether a byte after a literal would make it part of a longer name (any non-ASCII byte does). */
  private static boolean continuesName(byte b) {
    return b < 0 || b == '_' || b == '$' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, at most 100,000 characters as the reader allows. */
  private void number() throws IOException {
    int start = i;
    if (at(i) == '-') {
      i++;
    }
    if (at(i) == '0') {
      i++;
      if (isDigit(at(i))) {
        throw error("leading zeros are not allowed");
      }
    } else if (isDigit(at(i))) {
      digits();
    } else {
      throw error("expected a digit");
    }
    if (at(i) == '.') {
      i++;
      if (!isDigit(at(i))) {
        throw error("expected a digit after the decimal point");
      }
      digits();
    }
    if (at(i) == 'e' || at(i) == 'E') {
      i++;
      if (at(i) == '+' || at(i) == '-') {
        i++;
      }
      if (!isDigit(at(i))) {
        throw error("expected a digit in the exponent");
      }
      digits();
    }
    if (i - start > 100_000) {
      i = start;
      throw error("a number longer than 100000 characters");
    }
  }

  private void digits() {
    while (i < json.length && isDigit(json[i])) {
      i++;
    }
  }

  private static boolean isDigit(int b) {
    return b >= '0' && b <= '9';
  }

  /**
   * A string: no byte below a space, and only JSON's escapes. Eight bytes at a time while none
   * of them is a quote, a backslash or a control byte.
   */
  private void string() throws IOException {
    // In locals: the client compiler keeps a field in memory, a local in a register.
    byte[] bytes = json;
    int at = i + 1;
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
        throw error("unterminated string");
      }
      byte b = bytes[at];
      if (b == '"') {
        i = at + 1;
        return;
      }
      if (b == '\\') {
        i = at;
        escape();
        at = i;
      } else if (b >= 0 && b < ' ') {
        i = at;
        throw error("a control character in a string must be escaped");
      } else {
        // A byte the word test marked by a borrow, or one of the last bytes: an ordinary one.
        at++;
      }
    }
  }

  private void escape() throws IOException {
    int kind = at(i + 1);
    switch (kind) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
      case 'u' -> {
        for (int k = 2; k < 6; k++) {
          if (Character.digit(at(i + k), 16) < 0) {
            i += k;
            throw error("expected a hex digit in a \\u escape");
          }
        }
        i += 6;
      }
      default -> {
        i++;
        throw error("not a JSON escape");
      }
    }
  }


  /**
   * Passes over whitespace. Compact JSON, the usual kind, has none between tokens, and this test
   * is small enough for the client compiler to inline where the loop is not.
   */
  private void whitespace() {
    if (i < json.length && json[i] <= ' ') {
      skipWhitespace();
    }
  }

  private void skipWhitespace() {
    while (i < json.length) {
      byte b = json[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      i++;
    }
  }

  /** The byte at {@code index}, or -1 past the end. */
  private int at(int index) {
    return index < json.length ? json[index] : -1;
  }

  private IOException error(String what) {
    return new IOException(what + " at byte " + i);
  }
}
