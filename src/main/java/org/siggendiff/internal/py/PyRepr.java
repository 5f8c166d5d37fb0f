package org.siggendiff.internal.py;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/** Python's {@code str()} and {@code repr()} of JSON values, as format strings render them. */
public final class PyRepr {
  private PyRepr() {}

  /** {@code str(value)}: strings as they are, everything else as its repr. */
  public static String str(JsonNode value) {
    if (value != null && value.isTextual()) {
      return value.textValue();
    }
    return repr(value);
  }

  /** {@code repr(value)}; a Java null or missing node is Python's None. */
  public static String repr(JsonNode value) {
    if (value != null && (value.isInt() || value.isLong())) {
      return Long.toString(value.longValue());
    }
    StringBuilder sb = new StringBuilder();
    appendRepr(sb, value);
    return sb.toString();
  }

  private static void appendRepr(StringBuilder sb, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      sb.append("None");
    } else if (value.isTextual()) {
      sb.append(reprString(value.textValue()));
    } else if (value.isBoolean()) {
      sb.append(value.booleanValue() ? "True" : "False");
    } else if (value.isInt() || value.isLong()) {
      sb.append(value.longValue());
    } else if (value.isIntegralNumber()) {
      sb.append(value.bigIntegerValue());
    } else if (value.isNumber()) {
      sb.append(reprFloat(value.doubleValue()));
    } else if (value.isArray()) {
      sb.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendRepr(sb, value.get(i));
      }
      sb.append(']');
    } else if (value.isObject()) {
      sb.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      boolean first = true;
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(reprString(field.getKey())).append(": ");
        appendRepr(sb, field.getValue());
      }
      sb.append('}');
    } else {
      sb.append(value.asText());
    }
  }

  /** {@code repr(str)}: Python's choice of quotes and escapes. */
  public static String reprString(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp < 0x20 || cp == 0x7F) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp < 0x7F || PyUnicode.isPrintable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xFF) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp <= 0xFFFF) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    }
    return sb.append(quote).toString();
  }

  /** {@code repr(float)}: the shortest round-tripping digits, in Python's layout. */
  public static String reprFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortestRoundTrip(d);
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String trimmed = stripTrailingZeros(digits);
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    if (exponent >= -4 && exponent < 16) {
      if (exponent < 0) {
        sb.append("0.");
        sb.append("0".repeat(-exponent - 1));
        sb.append(trimmed);
      } else if (trimmed.length() <= exponent + 1) {
        sb.append(trimmed).append("0".repeat(exponent + 1 - trimmed.length())).append(".0");
      } else {
        sb.append(trimmed, 0, exponent + 1).append('.').append(trimmed.substring(exponent + 1));
      }
    } else {
      sb.append(trimmed.charAt(0));
      if (trimmed.length() > 1) {
        sb.append('.').append(trimmed.substring(1));
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    }
    return sb.toString();
  }

  /**
   * The fewest significant digits that read back as {@code d}, the nearest to it of those, as
   * Python's repr gives. The nearest decimal of a length may miss while the one on its other
   * side reads back: at a power of two the doubles below are twice as close as those above.
   */
  private static BigDecimal shortestRoundTrip(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal best = null;
      // The nearest first, so that of two as near it is the one kept.
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.UP}) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == d
            && (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  private static String stripTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }
}
