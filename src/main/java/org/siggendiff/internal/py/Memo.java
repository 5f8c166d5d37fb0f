package org.siggendiff.internal.py;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo for a pure function, bounded by forgetting everything once it is full:
 * cheap enough for the per-frame hot path, where a general-purpose cache costs more than
 * the work it saves.
 */
public final class Memo<K, V> {
  private final ConcurrentHashMap<K, V> values;
  private final Function<K, V> function;
  private final int capacity;

  /** A memo that starts small and grows as it fills. */
  public Memo(Function<K, V> function, int capacity) {
    this(function, capacity, new ConcurrentHashMap<>());
  }

  /**
   * A memo whose table is made for {@code expected} entries on the first one kept: one that
   * will hold a run's hundred thousand names would otherwise copy them over at each of a dozen
   * doublings (2 to 4 % of a 60,000-line signify). A megabyte for 200,000.
   */
  public Memo(Function<K, V> function, int capacity, int expected) {
    this(function, capacity, new ConcurrentHashMap<>(expected, 1.0f));
  }

  private Memo(Function<K, V> function, int capacity, ConcurrentHashMap<K, V> values) {
    this.function = function;
    this.capacity = capacity;
    this.values = values;
  }

  /**
   * The value kept for {@code key}, or null; computes nothing. A caller with many independent
   * keys looks them all up before it uses them, so that the waits for memory overlap instead of
   * adding up, and then {@link #get gets} only those that were not there.
   */
  public V getIfPresent(K key) {
    return values.get(key);
  }

  /** The function's value for {@code key}; an exception is passed on and nothing is kept. */
  public V get(K key) {
    V value = values.get(key);
    return value != null ? value : compute(key);
  }

  /**
   * The function's value for a key {@link #getIfPresent} did not find, kept; an exception is
   * passed on and nothing is kept.
   */
  public V compute(K key) {
    V value = function.apply(key);
    if (values.size() >= capacity) {
      values.clear();
    }
    values.put(key, value);
    return value;
  }
}
