package org.siggendiff.crashdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The members of a JSON object in insertion order, as a {@link LinkedHashMap} keeps them, but in
 * one array while the object is small: a stack frame is then two objects instead of a dozen, and
 * signature generation, which waits on memory more than it computes, reads fewer cache lines.
 * Past {@value #MAX_COMPACT} members it moves them into a LinkedHashMap, so that large objects
 * keep constant-time lookups.
 *
 * <p>Like LinkedHashMap, putting a key that is already there replaces its value in place, which
 * is also where Python's {@code json.loads} keeps a repeated key. The entries of a small object
 * are snapshots: their {@code setValue} is unsupported (nothing here changes a tree through them).
 */
final class CompactObjectMap extends AbstractMap<String, JsonNode> {
  private static final int MAX_COMPACT = 16;

  /** Key at an even index, its value at the next; null once the members moved to {@link #large}. */
  private Object[] members = new Object[8];
  private int size;
  private LinkedHashMap<String, JsonNode> large;
  private int changes;

  @Override
  public int size() {
    return large != null ? large.size() : size;
  }

  @Override
  public JsonNode get(Object key) {
    if (large != null) {
      return large.get(key);
    }
    int at = indexOf(key);
    return at < 0 ? null : (JsonNode) members[at + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return large != null ? large.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  public JsonNode put(String key, JsonNode value) {
    Objects.requireNonNull(key, "key");
    if (large != null) {
      return large.put(key, value);
    }
    int at = indexOf(key);
    if (at >= 0) {
      JsonNode old = (JsonNode) members[at + 1];
      members[at + 1] = value;
      return old;
    }
    changes++;
    if (size == MAX_COMPACT) {
      large = new LinkedHashMap<>();
      for (int i = 0; i < 2 * size; i += 2) {
        large.put((String) members[i], (JsonNode) members[i + 1]);
      }
      members = null;
      size = 0;
      return large.put(key, value);
    }
    if (2 * size == members.length) {
      members = Arrays.copyOf(members, 2 * members.length);
    }
    members[2 * size] = key;
    members[2 * size + 1] = value;
    size++;
    return null;
  }

  @Override
  public JsonNode remove(Object key) {
    if (large != null) {
      return large.remove(key);
    }
    int at = indexOf(key);
    return at < 0 ? null : removeAt(at);
  }

  @Override
  public void clear() {
    changes++;
    large = null;
    members = new Object[8];
    size = 0;
  }

  @Override
  public Set<Entry<String, JsonNode>> entrySet() {
    return large != null ? large.entrySet() : new CompactEntries();
  }

  /**
   * The index of the key's slot, or -1. Parsed keys are interned, so a key that is there is
   * usually the same string; hash codes, which strings keep, rule out the others cheaply.
   */
  private int indexOf(Object key) {
    if (key == null) {
      return -1;
    }
    int hash = key.hashCode();
    for (int i = 0; i < 2 * size; i += 2) {
      Object member = members[i];
      if (member == key || (member.hashCode() == hash && key.equals(member))) {
        return i;
      }
    }
    return -1;
  }

  private JsonNode removeAt(int at) {
    changes++;
    JsonNode old = (JsonNode) members[at + 1];
    System.arraycopy(members, at + 2, members, at, 2 * size - at - 2);
    size--;
    members[2 * size] = null;
    members[2 * size + 1] = null;
    return old;
  }

  /** The members while they are in the array. */
  private final class CompactEntries extends AbstractSet<Entry<String, JsonNode>> {
    @Override
    public int size() {
      return CompactObjectMap.this.size();
    }

    @Override
    public Iterator<Entry<String, JsonNode>> iterator() {
      return new Iterator<>() {
        private int next;
        private int last = -1;
        private int expectedChanges = changes;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Entry<String, JsonNode> next() {
          if (changes != expectedChanges) {
            throw new ConcurrentModificationException();
          }
          if (next >= size) {
            throw new NoSuchElementException();
          }
          last = next++;
          return new SimpleImmutableEntry<>((String) members[2 * last], (JsonNode) members[2 * last + 1]);
        }

        @Override
        public void remove() {
          if (last < 0) {
            throw new IllegalStateException();
          }
          if (changes != expectedChanges) {
            throw new ConcurrentModificationException();
          }
          removeAt(2 * last);
          expectedChanges = changes;
          next = last;
          last = -1;
        }
      };
    }
  }
}
