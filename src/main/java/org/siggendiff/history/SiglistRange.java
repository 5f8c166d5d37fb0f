package org.siggendiff.history;

import java.util.List;
import java.util.Optional;

/**
 * A range of commits resolved and read: where it starts and each commit in it that changes a
 * siglist file, oldest first.
 *
 * @param description the range as reports name it, with the commits its ends resolved to
 * @param start the siglists at the commit the range starts from (its {@code A}), when it has them
 */
public record SiglistRange(String description, Optional<SiglistVersion> start, List<HistoryStep> steps) {
  public SiglistRange {
    steps = List.copyOf(steps);
  }

  /** How many distinct versions the range holds, the start included. */
  public long versions() {
    return java.util.stream.Stream.concat(
            start.stream(),
            steps.stream().flatMap(step -> java.util.stream.Stream.concat(step.version().stream(), step.parents().stream().flatMap(Optional::stream))))
        .map(SiglistVersion::key)
        .distinct()
        .count();
  }
}
