package org.siggendiff.internal.py;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(value, indent=2)}, keys sorted or not, with its other defaults
 * ({@code ensure_ascii=True}, separators {@code ", "} and {@code ": "} with the item separator's
 * trailing space dropped under indent, no final newline). Sorted, the bytes crashstats-tools'
 * {@code fetch-data} writes for a raw crash, so that a folder filled here is one it recognises;
 * unsorted, what siggen's {@code signify} prints.
 */
public final class PyJsonDump {
  private static final String INDENT = "  ";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyJsonDump() {}

  /** The document as fetch-data writes it; an object with no members is {@code {}}. */
  public static String sortedIndented(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, 0, true, out);
    return out.toString();
  }

  /** {@code json.dumps(value, indent=2)}: members in their order. */
  public static String indented(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, 0, false, out);
    return out.toString();
  }

  private static void write(JsonNode value, int depth, boolean sortKeys, StringBuilder out) {
    if (value.isObject()) {
      if (value.isEmpty()) {
        out.append("{}");
        return;
      }
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.size());
      value.fields().forEachRemaining(members::add);
      if (sortKeys) {
        // Python sorts str keys by code point; String.compareTo compares UTF-16 units.
        members.sort((a, b) -> PyStrings.compareCodePoints(a.getKey(), b.getKey()));
      }
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonNode> member : members) {
        out.append(separator);
        newline(depth + 1, out);
        string(member.getKey(), out);
        out.append(": ");
        write(member.getValue(), depth + 1, sortKeys, out);
        separator = ",";
      }
      newline(depth, out);
      out.append('}');
    } else if (value.isArray()) {
      if (value.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      String separator = "";
      for (JsonNode item : value) {
        out.append(separator);
        newline(depth + 1, out);
        write(item, depth + 1, sortKeys, out);
        separator = ",";
      }
      newline(depth, out);
      out.append(']');
    } else if (value.isTextual()) {
      string(value.textValue(), out);
    } else if (value.isBoolean()) {
      out.append(value.booleanValue() ? "true" : "false");
    } else if (value.isNull() || value.isMissingNode()) {
      out.append("null");
    } else if (value.isIntegralNumber()) {
      out.append(value.bigIntegerValue());
    } else if (value.isNumber()) {
      out.append(floatText(value.doubleValue()));
    } else {
      // POJO and binary nodes never come out of a JSON parse.
      throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
    }
  }

  /** {@code float.__repr__}, except that JSON spells the non-finite values as JavaScript does. */
  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return PyRepr.reprFloat(d);
  }

  private static void newline(int depth, StringBuilder out) {
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append(INDENT);
    }
  }

  /** {@code py_encode_basestring_ascii}: printable ASCII as is, the rest escaped per UTF-16 unit. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          }
        }
      }
    }
    out.append('"');
  }
}
