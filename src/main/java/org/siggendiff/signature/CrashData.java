package org.siggendiff.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

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
