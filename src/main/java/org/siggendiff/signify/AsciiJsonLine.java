package org.siggendiff.signify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one line of JSON straight into bytes, exactly as {@code report.AsciiJson.COMPACT}
 * writes the same values: no spaces; {@code "} and {@code \} escaped; backspace, tab, newline,
 * form feed and carriage return as {@code \b \t \n \f \r}; the other control characters and every
 * character above DEL as {@code \}{@code uXXXX} with upper-case hex digits (a character outside
 * the BMP as its two surrogates); the rest, DEL included, as it is. {@code signify --jsonl}
 * writes tens of thousands of these, for which building a tree of nodes and serializing it
 * through an escaping mapper cost more than reading the input did.
 */
final class AsciiJsonLine {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Most lines of a result are one to two thousand bytes. */
  private byte[] bytes = new byte[2048];
  private int length;

  /** Appends ASCII text that needs no escaping: punctuation and field names. */
  AsciiJsonLine raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length + i] = (byte) ascii.charAt(i);
    }
    length += n;
    return this;
  }

  /** Appends bytes that are already JSON in this form. */
  AsciiJsonLine raw(byte[] json) {
    ensure(json.length);
    System.arraycopy(json, 0, bytes, length, json.length);
    length += json.length;
    return this;
  }

  /** Appends a string value, quoted and escaped, or {@code null}. */
  AsciiJsonLine string(String value) {
    if (value == null) {
      return raw("null");
    }
    int n = value.length();
    // Room for the text as it is, and for each character to escape (six bytes at most) when it
    // comes: reserving six bytes a character made most lines grow their buffer twice.
    ensure(n + 2);
    byte[] out = bytes;
    int at = length;
    out[at++] = '"';
    // Most text is printable ASCII, copied whole in runs: as Latin-1 bytes, in which a character
    // outside Latin-1 becomes '?'. While each character is one byte (no pair of surrogates
    // became a single '?'), a byte's index is its character's, and only the bytes that are not
    // plain are looked at one by one.
    byte[] latin1 = value.getBytes(StandardCharsets.ISO_8859_1);
    if (latin1.length == n) {
      int i = 0;
      while (true) {
        int plain = plainRun(latin1, i);
        System.arraycopy(latin1, i, out, at, plain - i);
        at += plain - i;
        if (plain == n) {
          break;
        }
        length = at;
        ensure(6 + n - plain);
        out = bytes;
        at = character(out, at, value.charAt(plain));
        i = plain + 1;
      }
    } else {
      for (int i = 0; i < n; i++) {
        length = at;
        ensure(6 + n - i);
        out = bytes;
        at = character(out, at, value.charAt(i));
      }
    }
    out[at++] = '"';
    length = at;
    return this;
  }

  /** Writes {@code c} as it is when printable ASCII other than quote and backslash, else escaped; where writing ends. */
  private static int character(byte[] out, int at, char c) {
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      // Such as a real '?', which a run stops at in case it stands for another character.
      out[at++] = (byte) c;
      return at;
    }
    out[at++] = '\\';
    switch (c) {
      case '"', '\\' -> out[at++] = (byte) c;
      case '\b' -> out[at++] = 'b';
      case '\t' -> out[at++] = 't';
      case '\n' -> out[at++] = 'n';
      case '\f' -> out[at++] = 'f';
      case '\r' -> out[at++] = 'r';
      default -> {
        out[at++] = 'u';
        out[at++] = HEX[c >> 12];
        out[at++] = HEX[(c >> 8) & 0xF];
        out[at++] = HEX[(c >> 4) & 0xF];
        out[at++] = HEX[c & 0xF];
      }
    }
    return at;
  }

  /**
   * Where the run of bytes from {@code from} that are printable ASCII other than {@code "},
   * {@code \\} and {@code ?} ends: eight at a time, since the client compiler's byte loops are slow.
   */
  private static int plainRun(byte[] text, int from) {
    int i = from;
    for (int end = text.length - Long.BYTES; i <= end; i += Long.BYTES) {
      long word = (long) WORDS.get(text, i);
      long marks = (word & HIGH_BITS) | ((word - 0x2020202020202020L) & ~word & HIGH_BITS)
          | zeroBytes(word ^ 0x2222222222222222L) | zeroBytes(word ^ 0x5c5c5c5c5c5c5c5cL)
          | zeroBytes(word ^ 0x3f3f3f3f3f3f3f3fL);
      if (marks != 0) {
        break;
      }
    }
    while (i < text.length) {
      byte b = text[i];
      if (b < 0x20 || b == '"' || b == '\\' || b == '?') {
        break;
      }
      i++;
    }
    return i;
  }

  /** Marks the zero bytes of {@code word} by their high bit (a borrow may mark bytes above the lowest too). */
  private static long zeroBytes(long word) {
    return (word - 0x0101010101010101L) & ~word & HIGH_BITS;
  }

  /** Appends an array of strings. */
  AsciiJsonLine strings(List<String> values) {
    raw("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        raw(",");
      }
      string(values.get(i));
    }
    return raw("]");
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  private void ensure(int more) {
    if (bytes.length - length < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
