package org.siggendiff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * Compares JSON values as Python compares the decoded values: integers by value whatever
 * their Java width, floats by value, but an integer never equals a float.
 */
public final class PyJsonEquality {
  private PyJsonEquality() {}

  public static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isIntegralNumber() && b.isIntegralNumber()) {
      return a.bigIntegerValue().equals(b.bigIntegerValue());
    }
    if (a.isFloatingPointNumber() && b.isFloatingPointNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<String> names = a.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!b.has(name) || !equal(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
