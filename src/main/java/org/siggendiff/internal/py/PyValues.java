package org.siggendiff.internal.py;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Python operations on JSON values: truthiness, {@code in}, iteration, {@code .get}, glom. */
public final class PyValues {
  private PyValues() {}

  /** True for Python's None: JSON null, or an absent value. */
  public static boolean isNone(JsonNode value) {
    if (value == null) {
      return true;
    }
    JsonNodeType type = value.getNodeType();
    return type == JsonNodeType.NULL || type == JsonNodeType.MISSING;
  }

  /** Python's type name of a JSON value. */
  public static String typeName(JsonNode value) {
    if (isNone(value)) {
      return "NoneType";
    }
    if (value.isTextual()) {
      return "str";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isIntegralNumber()) {
      return "int";
    }
    if (value.isNumber()) {
      return "float";
    }
    if (value.isArray()) {
      return "list";
    }
    return "dict";
  }

  /** {@code bool(value)}. */
  public static boolean truthy(JsonNode value) {
    if (value == null) {
      return false;
    }
    switch (value.getNodeType()) {
      case STRING:
        return !value.textValue().isEmpty();
      case BOOLEAN:
        return value.booleanValue();
      case NUMBER:
        return value.isIntegralNumber()
            ? value.bigIntegerValue().signum() != 0
            : value.doubleValue() != 0;
      case ARRAY:
      case OBJECT:
        return value.size() > 0;
      default:
        return false;
    }
  }

  /** {@code value.get(key)} on a dict; raises AttributeError for anything else. */
  public static JsonNode get(JsonNode value, String key) {
    if (value == null || !value.isObject()) {
      throw PyException.attributeError(typeName(value), "get");
    }
    return value.get(key);
  }

  /** {@code needle in haystack} for a string needle. */
  public static boolean contains(JsonNode haystack, String needle) {
    if (haystack != null && haystack.isTextual()) {
      return haystack.textValue().contains(needle);
    }
    if (haystack != null && haystack.isArray()) {
      for (JsonNode element : haystack) {
        if (element.isTextual() && element.textValue().equals(needle)) {
          return true;
        }
      }
      return false;
    }
    if (haystack != null && haystack.isObject()) {
      return haystack.has(needle);
    }
    throw PyException.typeError("argument of type '" + typeName(haystack) + "' is not iterable");
  }

  /**
   * {@code iter(value)}: the elements of a list, the keys of a dict, or the one-character strings
   * of a str, each as a JSON node.
   */
  public static Iterator<JsonNode> iterate(JsonNode value) {
    if (value != null && value.isArray()) {
      return value.elements();
    }
    if (value != null && value.isObject()) {
      List<JsonNode> keys = new ArrayList<>(value.size());
      value.fieldNames().forEachRemaining(k -> keys.add(TextNode.valueOf(k)));
      return keys.iterator();
    }
    if (value != null && value.isTextual()) {
      String s = value.textValue();
      List<JsonNode> chars = new ArrayList<>(s.length());
      s.codePoints()
          .forEach(cp -> chars.add(TextNode.valueOf(Character.toString(cp))));
      return chars.iterator();
    }
    throw PyException.typeError("'" + typeName(value) + "' object is not iterable");
  }

  /**
   * glom's lookup of one path segment {@code index} (an integer) with a default: a dict is
   * indexed by the decimal text, a list by position (negative counts from the end), and
   * anything else, or a miss, gives {@code null} for the caller's default.
   */
  public static JsonNode glomIndex(JsonNode target, BigInteger index) {
    if (target == null) {
      return null;
    }
    if (target.isObject()) {
      return target.get(index.toString());
    }
    if (target.isArray()) {
      int position = listPosition(index, target.size());
      return position < 0 ? null : target.get(position);
    }
    return null;
  }

  /** Where {@code index} falls in a list of {@code size} (negative counts from the end), or -1 when outside it. */
  public static int listPosition(BigInteger index, int size) {
    BigInteger position = index.signum() < 0 ? index.add(BigInteger.valueOf(size)) : index;
    if (position.signum() < 0 || position.compareTo(BigInteger.valueOf(size)) >= 0) {
      return -1;
    }
    return position.intValue();
  }
}
