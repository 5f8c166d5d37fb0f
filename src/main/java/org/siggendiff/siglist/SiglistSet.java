package org.siggendiff.siglist;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One set of signature lists, loaded and compiled: immutable and safe to share between threads.
 *
 * @param source how the set was named (a folder path exactly as given, or a description)
 * @param lines the effective lines of each list, after stripping, blanks and comments removed
 */
public record SiglistSet(
    String source,
    Map<SiglistKind, List<String>> lines,
    SiglistMatcher irrelevant,
    SiglistMatcher prefix,
    SiglistMatcher lineNumbers) {

  public SiglistSet {
    EnumMap<SiglistKind, List<String>> copy = new EnumMap<>(SiglistKind.class);
    lines.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
    lines = Collections.unmodifiableMap(copy);
  }

  /** The sentinel frames, compared by equality. */
  public List<String> sentinels() {
    return lines.get(SiglistKind.SENTINELS);
  }
}
