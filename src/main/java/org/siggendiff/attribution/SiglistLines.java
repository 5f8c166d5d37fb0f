package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.internal.regex.PythonRegex;
import org.siggendiff.internal.regex.PythonRegexException;
import org.siggendiff.internal.regex.SiglistMatcher;
import org.siggendiff.internal.regex.SiglistTimeoutException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistSet;

/**
 * Which line of a siglist matches a frame. Socorro joins a list's lines with {@code |} and
 * applies the result with {@code re.match}; the alternative that matches is the first line, in
 * file order, that matches. Each line is matched by a {@link SiglistMatcher} of its own, taken
 * from the set's (same names, same time bound on a line that may backtrack badly), built the
 * first time it is needed, so this costs nothing until a question is asked, and nothing on the
 * generation path. Sentinels are compared by equality, as Socorro compares them.
 *
 * <p>Attribution tries lines generation never reached on a frame (those after the line that
 * matched it), so a line that backtracks without end can run out of time here only: every
 * question then throws {@link UnsignableCrashException}, as generation does, naming the line.
 */
final class SiglistLines {
  private final SiglistSet set;
  private final Map<SiglistKind, List<ListLine>> lines = new EnumMap<>(SiglistKind.class);
  private final Map<SiglistKind, AtomicReferenceArray<Optional<SiglistMatcher>>> matchers = new EnumMap<>(SiglistKind.class);
  /** Lists whose lines act on one another when joined (backreferences, global flags). */
  private final Map<SiglistKind, Boolean> interacting = new EnumMap<>(SiglistKind.class);
  /**
   * The characters of earlier lines that lines referring to groups may still carry to be tested
   * in context ({@link SiglistMatcher#contextChars}); past it such a line is tested alone. A
   * list of Socorro's size whose every line refers to a group takes about 2 MB, compiled into
   * some 100 MB; a list of thousands of such lines would otherwise hold thousands of copies of
   * itself.
   */
  private final AtomicLong contextLeft;
  /** Built the first time it is asked for; racing threads build equal sets. */
  private volatile Set<String> sentinelSet;

  public SiglistLines(SiglistSet set) {
    this(set, 2_000_000);
  }

  /** @param contextBudget the characters of earlier lines that lines referring to groups may carry in all */
  SiglistLines(SiglistSet set, long contextBudget) {
    this.set = set;
    this.contextLeft = new AtomicLong(contextBudget);
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> texts = set.lines().get(kind);
      List<Integer> numbers = set.fileLines().get(kind);
      List<ListLine> list = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        list.add(new ListLine(kind, i, numbers.get(i), texts.get(i)));
      }
      lines.put(kind, List.copyOf(list));
      matchers.put(kind, new AtomicReferenceArray<>(texts.size()));
      interacting.put(kind, kind != SiglistKind.SENTINELS && listMatcher(kind).linesInteract());
    }
  }

  /** Whether the list's lines act on one another when joined, so that no line answers alone. */
  boolean interacts(SiglistKind kind) {
    return interacting.get(kind);
  }

  /**
   * Whether the list has no lines, so that every text is in it: Socorro joins no lines into an
   * empty pattern, which {@code re.match} finds at the start of any frame. No line is then the
   * {@link #firstMatch first match}. An empty sentinel list holds no sentinel.
   */
  boolean matchesEverything(SiglistKind kind) {
    return kind != SiglistKind.SENTINELS && lines.get(kind).isEmpty();
  }

  /** The effective lines of a list, in file order. */
  public List<ListLine> lines(SiglistKind kind) {
    return lines.get(kind);
  }

  /**
   * The line that makes {@code text} part of the list, as Socorro's joined pattern finds it.
   *
   * @throws UnsignableCrashException when a line ran out of time on {@code text}
   */
  public Optional<ListLine> firstMatch(SiglistKind kind, String text) {
    List<ListLine> list = lines.get(kind);
    if (interacting.get(kind)) {
      return Optional.ofNullable(firstByJoinedPrefixes(kind, list, text));
    }
    return firstMatch(kind, text, line -> true);
  }

  /**
   * The first line {@code which} accepts that matches {@code text} on its own, in file order;
   * for a list whose lines do not {@link #interacts interact}, so that each answers alone.
   *
   * @throws UnsignableCrashException when a line ran out of time on {@code text}
   */
  Optional<ListLine> firstMatch(SiglistKind kind, String text, Predicate<ListLine> which) {
    for (ListLine line : lines.get(kind)) {
      if (which.test(line) && matches(line, text)) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code text} is in the list: the whole list's matcher, as generation asks, so one
   * lookup instead of one per line; throws as {@link #firstMatch} does.
   */
  public boolean contains(SiglistKind kind, String text) {
    if (lines.get(kind).isEmpty()) {
      return matchesEverything(kind);
    }
    if (kind == SiglistKind.SENTINELS) {
      return sentinels().contains(text);
    }
    return bounded(listMatcher(kind), text);
  }

  private Set<String> sentinels() {
    Set<String> set = sentinelSet;
    if (set == null) {
      set = Set.copyOf(this.set.sentinels());
      sentinelSet = set;
    }
    return set;
  }

  /**
   * Whether one line matches {@code text} at its start (or equals it, for sentinels): on its
   * own, or as it matches in its list where the list's lines interact.
   *
   * @throws UnsignableCrashException when the line ran out of time on {@code text}
   */
  public boolean matches(ListLine line, String text) {
    if (line.kind() == SiglistKind.SENTINELS) {
      return line.text().equals(text);
    }
    Optional<SiglistMatcher> matcher = lineMatcher(line);
    return matcher.isPresent() && bounded(matcher.get(), text);
  }

  private Optional<SiglistMatcher> lineMatcher(ListLine line) {
    AtomicReferenceArray<Optional<SiglistMatcher>> built = matchers.get(line.kind());
    Optional<SiglistMatcher> matcher = built.get(line.index());
    if (matcher == null) {
      matcher = interacting.get(line.kind()) ? inContext(line) : sub(line.kind(), line.index(), line.index() + 1);
      built.set(line.index(), matcher);
    }
    return matcher;
  }

  /**
   * A line of a list whose lines interact, as it matches in the list: with the first line's
   * global flags and its groups' numbers ({@link SiglistMatcher#lineInContext}); alone when that
   * does not compile, or when lines that refer to groups have used up {@link #contextLeft}.
   */
  private Optional<SiglistMatcher> inContext(ListLine line) {
    SiglistMatcher list = listMatcher(line.kind());
    if (contextLeft.addAndGet(-list.contextChars(line.index())) >= 0) {
      try {
        return Optional.of(list.lineInContext(line.index()));
      } catch (SiglistMatcher.JoinException e) {
        // Tested alone, as below.
      }
    }
    return sub(line.kind(), line.index(), line.index() + 1);
  }

  /** Lines {@code from} to {@code to} of a list as one matcher; empty when they do not compile without the others. */
  private Optional<SiglistMatcher> sub(SiglistKind kind, int from, int to) {
    try {
      return Optional.of(listMatcher(kind).lines(from, to));
    } catch (SiglistMatcher.JoinException e) {
      // Only in a list whose lines interact, where a line refers to another's group.
      return Optional.empty();
    }
  }

  /** A regex line's translation, as loading made it; null when there is none to reuse. */
  PythonRegex.Translation translation(ListLine line) {
    return line.kind() == SiglistKind.SENTINELS ? null : listMatcher(line.kind()).translation(line.index());
  }

  /** How a line is named when it runs out of time ({@code folder/file:line}), which tells this set's lines from another's. */
  public String where(ListLine line) {
    return line.kind() == SiglistKind.SENTINELS ? line.location() : listMatcher(line.kind()).where(line.index());
  }

  /**
   * Whether a line repeats a group that itself repeats or alternates ({@code (a+)+}), which
   * Python's re can take exponential time on; false for a sentinel, compared as text.
   */
  boolean nestsRepeats(ListLine line) {
    if (line.kind() == SiglistKind.SENTINELS) {
      return false;
    }
    PythonRegex.Translation translation = translation(line);
    try {
      return (translation != null ? translation : PythonRegex.translate(line.text())).nestsRepeats();
    } catch (PythonRegexException e) {
      // Loading took every line; one that does not translate alone is not judged alone.
      return false;
    }
  }

  private SiglistMatcher listMatcher(SiglistKind kind) {
    return switch (kind) {
      case IRRELEVANT -> set.irrelevant();
      case PREFIX -> set.prefix();
      case LINE_NUMBERS -> set.lineNumbers();
      case SENTINELS -> throw new IllegalArgumentException("sentinels are compared, not matched");
    };
  }

  private static boolean bounded(SiglistMatcher matcher, String text) {
    try {
      return matcher.matches(text);
    } catch (SiglistTimeoutException e) {
      throw timedOut(e);
    }
  }

  /** A siglist timeout as the crash's failure, worded as generation words it. */
  private static UnsignableCrashException timedOut(SiglistTimeoutException e) {
    return new UnsignableCrashException(UnsignableCrashException.SIGLIST_TIMEOUT, e.getMessage(), e);
  }

  /**
   * The first line such that the lines up to it, joined, match: exact even when lines interact.
   * Whether a prefix of the list matches only grows with its length, so a binary search finds it.
   */
  private ListLine firstByJoinedPrefixes(SiglistKind kind, List<ListLine> list, String text) {
    int low = 0;
    int high = list.size() - 1;
    ListLine found = null;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Optional<SiglistMatcher> prefix = sub(kind, 0, middle + 1);
      if (prefix.isPresent() && bounded(prefix.get(), text)) {
        found = list.get(middle);
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    return found;
  }
}
