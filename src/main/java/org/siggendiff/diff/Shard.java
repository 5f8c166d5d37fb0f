package org.siggendiff.diff;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;
import org.siggendiff.pipeline.WaitingIterator;

/**
 * One of N shares of a diff run's inputs, for batch systems that run N copies of the same
 * command: each copy keeps the inputs whose key hashes to its index, so the shares are disjoint
 * and together are the whole run. The key is the crash ID when the input names one before it
 * is loaded (a crash ID argument or line, a file named by its crash ID), else where the input
 * is ({@code corpus.jsonl:12}, as the corpus was given on the command line); the hash is the
 * CRC-32 of the key's UTF-8 bytes (zlib's, as Python's {@code zlib.crc32}), taken modulo N.
 *
 * @param index 0 to {@code count - 1}
 * @param count how many shares, at least 1
 */
public record Shard(int index, int count) {
  /** The whole run. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("a shard is i/N with N at least 1 and i from 0 to N-1");
    }
  }

  /**
   * Reads {@code i/N}.
   *
   * @throws IllegalArgumentException saying what a shard looks like
   */
  public static Shard parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("a shard is i/N, such as 0/3, not " + text);
    }
    int index;
    int count;
    try {
      index = Integer.parseInt(text.substring(0, slash));
      count = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a shard is i/N, such as 0/3, not " + text);
    }
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("a shard is i/N with N at least 1 and i from 0 to N-1, not " + text);
    }
    return new Shard(index, count);
  }

  public boolean isAll() {
    return count == 1;
  }

  /** Whether this share keeps the input. */
  public boolean owns(DiffInput input) {
    return isAll() || shareOf(key(input), count) == index;
  }

  /** The share, 0 to {@code count - 1}, a key falls in. */
  public static int shareOf(String key, int count) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % count);
  }

  /** What an input is sharded by: its crash ID when it names one before loading, else where it is. */
  static String key(DiffInput input) {
    if (input instanceof DiffInput.Lookup lookup) {
      return lookup.id().value();
    }
    if (input instanceof DiffInput.Document document && document.crashId() != null) {
      return document.crashId();
    }
    return input.where();
  }

  /**
   * The inputs this share keeps, read lazily from {@code inputs}; the whole is {@code inputs}
   * itself. Inputs that wait for more to arrive (a pipe) still say so through the filter, so
   * that rows done meanwhile are not held back.
   */
  @SuppressWarnings("unchecked")
  public Iterator<DiffInput> filter(Iterator<? extends DiffInput> inputs) {
    if (isAll()) {
      return (Iterator<DiffInput>) inputs;
    }
    return new WaitingIterator<>() {
      private DiffInput next;

      @Override
      public boolean ready() {
        return next != null || !(inputs instanceof WaitingIterator<?> waiting) || waiting.ready();
      }

      @Override
      public boolean hasNext() {
        while (next == null && inputs.hasNext()) {
          DiffInput input = inputs.next();
          if (owns(input)) {
            next = input;
          }
        }
        return next != null;
      }

      @Override
      public DiffInput next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        DiffInput kept = next;
        next = null;
        return kept;
      }
    };
  }
}
