package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import org.siggendiff.siglist.PythonRegex;
import org.siggendiff.siglist.PythonRegexException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistSet;

/**
 * Which line of a siglist matches a frame. Socorro joins a list's lines with {@code |} and
 * applies the result with {@code re.match}; the alternative that matches is the first line, in
 * file order, that matches. Each line's own pattern is compiled the first time it is needed, so
 * this costs nothing until a question is asked, and nothing on the generation path. Sentinels
 * are compared by equality, as Socorro compares them.
 */
final class SiglistLines {
  private final SiglistSet set;
  private final Map<SiglistKind, List<ListLine>> lines = new EnumMap<>(SiglistKind.class);
  private final Map<SiglistKind, AtomicReferenceArray<Pattern>> patterns = new EnumMap<>(SiglistKind.class);
  /** Lists whose lines act on one another when joined (backreferences, global flags). */
  private final Map<SiglistKind, Boolean> interacting = new EnumMap<>(SiglistKind.class);

  public SiglistLines(SiglistSet set) {
    this.set = set;
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> texts = set.lines().get(kind);
      List<Integer> numbers = set.fileLines().get(kind);
      List<ListLine> list = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        list.add(new ListLine(kind, i, numbers.get(i), texts.get(i)));
      }
      lines.put(kind, List.copyOf(list));
      patterns.put(kind, new AtomicReferenceArray<>(texts.size()));
      interacting.put(kind, kind != SiglistKind.SENTINELS && interacts(texts));
    }
  }

  private static boolean interacts(List<String> texts) {
    if (texts.isEmpty()) {
      return false;
    }
    try {
      PythonRegex.Translation joined = PythonRegex.translate(String.join("|", texts));
      return joined.usesBackreferences() || joined.usesGlobalFlags();
    } catch (PythonRegexException e) {
      // The loader refuses such a set; nothing to answer for it.
      return false;
    }
  }

  public SiglistSet set() {
    return set;
  }

  /** The effective lines of a list, in file order. */
  public List<ListLine> lines(SiglistKind kind) {
    return lines.get(kind);
  }

  /** The line that makes {@code text} part of the list, as Socorro's joined pattern finds it. */
  public Optional<ListLine> firstMatch(SiglistKind kind, String text) {
    List<ListLine> list = lines.get(kind);
    if (interacting.get(kind)) {
      return Optional.ofNullable(firstByJoinedPrefixes(list, text));
    }
    for (ListLine line : list) {
      if (matches(line, text)) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code text} is in the list. */
  public boolean contains(SiglistKind kind, String text) {
    return firstMatch(kind, text).isPresent();
  }

  /** Every line of the list that matches {@code text} on its own, in file order. */
  public List<ListLine> allMatches(SiglistKind kind, String text) {
    List<ListLine> found = new ArrayList<>();
    for (ListLine line : lines.get(kind)) {
      if (matches(line, text)) {
        found.add(line);
      }
    }
    return found;
  }

  /** Whether one line, on its own, matches {@code text} at its start (or equals it, for sentinels). */
  public boolean matches(ListLine line, String text) {
    if (line.kind() == SiglistKind.SENTINELS) {
      return line.text().equals(text);
    }
    Pattern pattern = pattern(line);
    return pattern != null && pattern.matcher(text).lookingAt();
  }

  private Pattern pattern(ListLine line) {
    AtomicReferenceArray<Pattern> compiled = patterns.get(line.kind());
    Pattern pattern = compiled.get(line.index());
    if (pattern == null) {
      try {
        pattern = PythonRegex.translate(line.text()).compile();
      } catch (PythonRegexException e) {
        // Only in a list whose lines interact, where it compiles only joined.
        return null;
      }
      compiled.set(line.index(), pattern);
    }
    return pattern;
  }

  /**
   * The first line such that the lines up to it, joined, match: exact even when lines interact.
   * Whether a prefix of the list matches only grows with its length, so a binary search finds it.
   */
  private static ListLine firstByJoinedPrefixes(List<ListLine> list, String text) {
    int low = 0;
    int high = list.size() - 1;
    ListLine found = null;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (joinedMatches(list.subList(0, middle + 1), text)) {
        found = list.get(middle);
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    return found;
  }

  private static boolean joinedMatches(List<ListLine> prefix, String text) {
    try {
      String joined = String.join("|", prefix.stream().map(ListLine::text).toList());
      return PythonRegex.translate(joined).compile().matcher(text).lookingAt();
    } catch (PythonRegexException e) {
      return false;
    }
  }
}
