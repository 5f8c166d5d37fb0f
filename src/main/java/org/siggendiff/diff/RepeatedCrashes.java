package org.siggendiff.diff;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The crashes a run reads more than once (an ID twice on stdin, a crash in two corpus files):
 * each counts once, as first read, and its later readings are only noted, with whether they
 * were alike the first. Two documents under one crash ID (two versions of it, or a mislabelled
 * one) are not alike, and which of them is right is not known here. Fed from one thread.
 */
public final class RepeatedCrashes {
  /**
   * A crash read more than once.
   *
   * @param timesRead how many times it was read in all, the first included
   * @param alike whether every later reading was alike the first
   * @param otherReading what the first reading unlike the first gave, or null
   */
  public record Repeat(String crashId, long timesRead, boolean alike, String otherReading) {}

  /** A fingerprint of each crash's first reading, by crash ID. */
  private final Map<String, Integer> firstReadings = new HashMap<>();
  private final Map<String, Repeat> repeats = new LinkedHashMap<>();
  private long leftOut;
  private long notAlike;

  /** As {@link #first(String, int, Supplier)}, for readings that are not described. */
  public boolean first(String crashId, int fingerprint) {
    return first(crashId, fingerprint, () -> null);
  }

  /**
   * Notes a reading of {@code crashId}; returns whether it is the first, which counts.
   *
   * @param fingerprint a hash of what the reading gave, compared with the first reading's
   * @param reading what the reading gave, asked for only when it is unlike the first
   */
  public boolean first(String crashId, int fingerprint, Supplier<String> reading) {
    Integer first = firstReadings.putIfAbsent(crashId, fingerprint);
    if (first == null) {
      return true;
    }
    leftOut++;
    Repeat before = repeats.get(crashId);
    boolean alike = first == fingerprint && (before == null || before.alike());
    String otherReading = before != null ? before.otherReading() : null;
    if (!alike && (before == null || before.alike())) {
      notAlike++;
      otherReading = reading.get();
    }
    repeats.put(crashId, new Repeat(crashId, before == null ? 2 : before.timesRead() + 1, alike, otherReading));
    return false;
  }

  /** How many readings were left out: every one after a crash's first. */
  public long leftOut() {
    return leftOut;
  }

  /** How many crashes were read more than once, and not alike each time. */
  public long notAlike() {
    return notAlike;
  }

  /** The crashes read more than once, in the order they were first read again. */
  public List<Repeat> repeats() {
    return List.copyOf(repeats.values());
  }

  public boolean isEmpty() {
    return repeats.isEmpty();
  }
}
