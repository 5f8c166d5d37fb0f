package org.siggendiff.internal.py;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Python's {@code int()} on JSON values and strings, with its exact acceptance rules. */
public final class PyInt {
  /**
   * Python's default {@code sys.get_int_max_str_digits()}: {@code int()} of a decimal string
   * with more digits raises ValueError (since 3.11, and in the 3.10.7 and later patches).
   */
  public static final int MAX_STR_DIGITS = 4300;

  private PyInt() {}

  /** {@code int(value)}: truncates floats, parses strings in base 10, rejects containers. */
  public static BigInteger of(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw PyException.typeError(
          "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue();
    }
    if (value.isNumber()) {
      double d = value.doubleValue();
      if (Double.isNaN(d)) {
        throw PyException.valueError("cannot convert float NaN to integer");
      }
      if (Double.isInfinite(d)) {
        throw PyException.overflowError("cannot convert float infinity to integer");
      }
      return new BigDecimal(d).toBigInteger();
    }
    if (value.isTextual()) {
      return parse(value.textValue(), 10);
    }
    throw PyException.typeError(
        "int() argument must be a string, a bytes-like object or a real number, not '"
            + PyValues.typeName(value)
            + "'");
  }

  /** {@code int(text, base)} for base 10 or 16. */
  public static BigInteger parse(String text, int base) {
    String ascii = toAscii(text);
    BigInteger parsed = ascii == null ? null : parseAscii(ascii, base);
    if (parsed == null) {
      throw PyException.valueError(
          "invalid literal for int() with base " + base + ": " + PyRepr.reprString(text));
    }
    return parsed;
  }

  /**
   * What CPython does first: code points below 127 stay as they are, Unicode white space
   * becomes ' ' and Unicode decimal digits ASCII ones; anything else is no number. So
   * U+001C to U+001F, white space to {@code str.isspace()}, are kept and then refused, as only
   * ASCII white space is stripped afterwards.
   */
  private static String toAscii(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 127) {
        sb.append((char) cp);
      } else if (PyStrings.isSpace(cp)) {
        sb.append(' ');
      } else if (PyUnicode.decimalValue(cp) >= 0) {
        sb.append((char) ('0' + PyUnicode.decimalValue(cp)));
      } else {
        return null;
      }
    }
    return sb.toString();
  }

  private static BigInteger parseAscii(String s, int base) {
    int i = 0;
    int n = s.length();
    while (i < n && isAsciiSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    boolean underscoreAllowed = false;
    if (base == 16
        && i + 1 < n
        && s.charAt(i) == '0'
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
      i += 2;
      underscoreAllowed = true;
    }
    StringBuilder digits = new StringBuilder();
    boolean lastWasUnderscore = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '_') {
        if (!underscoreAllowed || lastWasUnderscore) {
          return null;
        }
        lastWasUnderscore = true;
      } else {
        if (Character.digit(c, base) < 0) {
          break;
        }
        digits.append(c);
        lastWasUnderscore = false;
        underscoreAllowed = true;
      }
      i++;
    }
    if (lastWasUnderscore || digits.length() == 0) {
      return null;
    }
    // CPython counts the digits before it looks at what follows them.
    if (base == 10 && digits.length() > MAX_STR_DIGITS) {
      throw PyException.valueError(
          "Exceeds the limit ("
              + MAX_STR_DIGITS
              + " digits) for integer string conversion: value has "
              + digits.length()
              + " digits; use sys.set_int_max_str_digits() to increase the limit");
    }
    while (i < n && isAsciiSpace(s.charAt(i))) {
      i++;
    }
    if (i != n) {
      return null;
    }
    BigInteger value = new BigInteger(digits.toString(), base);
    return negative ? value.negate() : value;
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** {@code str(value)}: decimal, without BigInteger's slower formatting when the value is small. */
  public static String str(BigInteger value) {
    return value.bitLength() < Long.SIZE ? Long.toString(value.longValue()) : value.toString();
  }

  /**
   * Socorro's strip_leading_zeros: {@code hex(int(text, 16))}, or the text unchanged when that
   * raises.
   */
  public static String stripLeadingZeros(JsonNode text) {
    if (text == null || !text.isTextual()) {
      return PyRepr.str(text);
    }
    String plain = plainHex(text.textValue());
    if (plain != null) {
      return plain;
    }
    String ascii = toAscii(text.textValue());
    BigInteger value = ascii == null ? null : parseAscii(ascii, 16);
    if (value == null) {
      return text.textValue();
    }
    return value.signum() < 0 ? "-0x" + value.negate().toString(16) : "0x" + value.toString(16);
  }

  /**
   * {@link #stripLeadingZeros} for the form stack walkers write, {@code 0x} and up to 16 hex
   * digits, without BigInteger; null for anything else.
   */
  private static String plainHex(String text) {
    int length = text.length();
    if (length < 3 || length > 18 || text.charAt(0) != '0' || (text.charAt(1) | 0x20) != 'x') {
      return null;
    }
    long value = 0;
    for (int i = 2; i < length; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0 || text.charAt(i) > 'f') {
        return null;
      }
      value = value << 4 | digit;
    }
    return "0x" + Long.toHexString(value);
  }
}
