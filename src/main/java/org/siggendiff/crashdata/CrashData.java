package org.siggendiff.crashdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Objects;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyInt;

/**
 * A crash in Socorro's signature crash-data schema: a JSON object, read but never changed.
 * Values keep their JSON types, since the rules treat {@code 1}, {@code "1"} and {@code 1.0}
 * differently.
 */
public final class CrashData {
  private final ObjectNode data;

  private CrashData(ObjectNode data) {
    this.data = data;
  }

  /** Wraps a JSON object; the caller must not change it afterwards. */
  public static CrashData of(JsonNode json) {
    Objects.requireNonNull(json, "json");
    if (!json.isObject()) {
      throw new IllegalArgumentException("crash data must be a JSON object");
    }
    return new CrashData((ObjectNode) json);
  }

  /** {@code crash_data.get(key)}: the value, or {@code null} when the key is absent. */
  public JsonNode get(String key) {
    return data.get(key);
  }

  /** Whether the key is present, even with a null value. */
  public boolean has(String key) {
    return data.has(key);
  }

  /**
   * Socorro's get_crashing_thread: {@code int(crash_data["crashing_thread"])}, or 0 when the key
   * is absent or that raises TypeError or ValueError.
   *
   * @throws PyException when {@code int()} raises anything else
   */
  public BigInteger crashingThread() {
    return crashingThread(data.get("crashing_thread"));
  }

  /** {@link #crashingThread()} for a {@code crashing_thread} value; null when absent. */
  public static BigInteger crashingThread(JsonNode value) {
    if (value == null) {
      return BigInteger.ZERO;
    }
    try {
      return PyInt.of(value);
    } catch (PyException e) {
      if (e.kind() == PyException.Kind.TYPE_ERROR || e.kind() == PyException.Kind.VALUE_ERROR) {
        return BigInteger.ZERO;
      }
      throw e;
    }
  }

  /** A copy whose {@code crashing_thread} is the given index; the rest is shared. */
  public CrashData withCrashingThread(int index) {
    ObjectNode copy = data.objectNode();
    copy.setAll(data);
    copy.set("crashing_thread", IntNode.valueOf(index));
    return new CrashData(copy);
  }

  /** The underlying JSON, for output; treat it as read-only. */
  public ObjectNode json() {
    return data;
  }
}
