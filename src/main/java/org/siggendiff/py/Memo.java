package org.siggendiff.py;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo for a pure function, bounded by forgetting everything once it is full:
 * cheap enough for the per-frame hot path, where a general-purpose cache costs more than
 * the work it saves.
 */
public final class Memo<K, V> {
  private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
  private final Function<K, V> function;
  private final int capacity;

  public Memo(Function<K, V> function, int capacity) {
    this.function = function;
    this.capacity = capacity;
  }

  /** The function's value for {@code key}; an exception is passed on and nothing is kept. */
  public V get(K key) {
    V value = values.get(key);
    if (value == null) {
      value = function.apply(key);
      if (values.size() >= capacity) {
        values.clear();
      }
      values.put(key, value);
    }
    return value;
  }
}
