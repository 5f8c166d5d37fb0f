package org.siggendiff.siglist;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.internal.regex.SiglistMatcher;

/**
 * One set of signature lists, loaded and compiled: immutable and safe to share between threads.
 *
 * @param source how the set was named (a folder path exactly as given, or a description)
 * @param lines the effective lines of each list, after stripping, blanks and comments removed
 * @param irrelevant the irrelevant list compiled; like the other two matchers, the engine's
 *     implementation (an {@code internal} type), not API
 * @param prefix the prefix list compiled
 * @param lineNumbers the line-number list compiled
 * @param fileLines for each effective line, its 1-based line number in its file (comments and
 *     blank lines counted), so that a line can be named as {@code file:line}
 */
public record SiglistSet(
    String source,
    Map<SiglistKind, List<String>> lines,
    SiglistMatcher irrelevant,
    SiglistMatcher prefix,
    SiglistMatcher lineNumbers,
    Map<SiglistKind, List<Integer>> fileLines) {

  public SiglistSet {
    EnumMap<SiglistKind, List<String>> copy = new EnumMap<>(SiglistKind.class);
    lines.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
    lines = Collections.unmodifiableMap(copy);
    EnumMap<SiglistKind, List<Integer>> numbers = new EnumMap<>(SiglistKind.class);
    fileLines.forEach((kind, list) -> numbers.put(kind, List.copyOf(list)));
    fileLines = Collections.unmodifiableMap(numbers);
  }

  /** The sentinel frames, compared by equality. */
  public List<String> sentinels() {
    return lines.get(SiglistKind.SENTINELS);
  }
}
