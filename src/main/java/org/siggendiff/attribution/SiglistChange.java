package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.siggendiff.internal.regex.PythonRegex;
import org.siggendiff.internal.regex.SiglistMatcher;
import org.siggendiff.internal.regex.SiglistTimeoutException;
import org.siggendiff.siglist.SiglistKind;

/**
 * The lines each list of the candidate adds to or removes from the baseline. Lines are compared
 * by text: a line that only moves within its file is neither.
 */
public final class SiglistChange {
  private final SiglistLines baseline;
  private final SiglistLines candidate;
  private final List<ChangedLine> removed = new ArrayList<>();
  private final List<ChangedLine> added = new ArrayList<>();
  private final List<Set<String>> addedTexts = new ArrayList<>();
  private final List<Set<String>> removedTexts = new ArrayList<>();
  /** The changed lines of each list as one matcher; empty when they cannot answer alone. */
  private final List<Optional<SiglistMatcher>> changedMatchers;
  private final Optional<SiglistKind> reorderedInteracting;

  public SiglistChange(SiglistLines baseline, SiglistLines candidate) {
    this.baseline = baseline;
    this.candidate = candidate;
    for (SiglistKind kind : SiglistKind.values()) {
      Set<String> before = texts(baseline.lines(kind));
      Set<String> after = texts(candidate.lines(kind));
      Set<String> plus = new HashSet<>();
      Set<String> minus = new HashSet<>();
      for (ListLine line : baseline.lines(kind)) {
        if (!after.contains(line.text()) && minus.add(line.text())) {
          removed.add(ChangedLine.of(line, ChangedLine.REMOVED));
        }
      }
      for (ListLine line : candidate.lines(kind)) {
        if (!before.contains(line.text()) && plus.add(line.text())) {
          added.add(ChangedLine.of(line, ChangedLine.ADDED));
        }
      }
      addedTexts.add(plus);
      removedTexts.add(minus);
    }
    // Built at once, before threads ask: every frame of a diff is asked about.
    List<Optional<SiglistMatcher>> matchers = new ArrayList<>();
    for (SiglistKind kind : SiglistKind.values()) {
      matchers.add(changedMatcher(kind));
    }
    changedMatchers = List.copyOf(matchers);
    reorderedInteracting = findReorderedInteracting();
  }

  private static Set<String> texts(List<ListLine> lines) {
    Set<String> texts = new HashSet<>();
    lines.forEach(line -> texts.add(line.text()));
    return texts;
  }

  public SiglistLines baseline() {
    return baseline;
  }

  public SiglistLines candidate() {
    return candidate;
  }

  /** Removed lines then added lines, each in list then file order. */
  public List<ChangedLine> lines() {
    List<ChangedLine> all = new ArrayList<>(removed);
    all.addAll(added);
    return all;
  }

  public List<ChangedLine> added() {
    return List.copyOf(added);
  }

  public List<ChangedLine> removed() {
    return List.copyOf(removed);
  }

  /** How a changed line is named when it runs out of time: an added line by the candidate, a removed one by the baseline. */
  public String where(ChangedLine changed) {
    SiglistLines side = changed.added() ? candidate : baseline;
    for (ListLine line : side.lines(changed.kind())) {
      if (line.fileLine() == changed.line()) {
        return side.where(line);
      }
    }
    return changed.location();
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty();
  }

  /**
   * A list whose lines act on one another when joined and stand in another order, or with other
   * copies, on the two sides: its joined pattern differs though no line's text was added or
   * removed. Empty when there is none.
   */
  Optional<SiglistKind> reorderedInteracting() {
    return reorderedInteracting;
  }

  private Optional<SiglistKind> findReorderedInteracting() {
    for (SiglistKind kind : SiglistKind.values()) {
      if ((baseline.interacts(kind) || candidate.interacts(kind))
          && !baseline.lines(kind).stream().map(ListLine::text).toList().equals(candidate.lines(kind).stream().map(ListLine::text).toList())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the two sides surely answer the same for {@code text}, known without a regex: the
   * candidate leaves the list alone, or the list is the sentinels, compared by text, and no
   * changed sentinel is {@code text}. Cheaper than a lookup in a memo of every frame.
   */
  boolean surelySame(SiglistKind kind, String text) {
    Set<String> plus = addedTexts.get(kind.ordinal());
    Set<String> minus = removedTexts.get(kind.ordinal());
    if (plus.isEmpty() && minus.isEmpty()) {
      return true;
    }
    return kind == SiglistKind.SENTINELS && !plus.contains(text) && !minus.contains(text);
  }

  /**
   * Whether the two sides may answer differently for {@code text}: a changed line matches it on
   * its own, or the list's lines interact. A text no changed line matches is in both lists or in
   * neither, and this asks only the few changed lines, not both whole lists.
   */
  boolean mayDiffer(SiglistKind kind, String text) {
    if (surelySame(kind, text)) {
      return false;
    }
    if (kind == SiglistKind.SENTINELS) {
      return true;
    }
    Optional<SiglistMatcher> matcher = changedMatchers.get(kind.ordinal());
    try {
      return matcher.isEmpty() || matcher.get().matches(text);
    } catch (SiglistTimeoutException e) {
      // The whole lists' answer names the line under its own name and bound.
      return true;
    }
  }

  /**
   * The changed lines of a list as one matcher, built from the translations loading made; empty
   * when they cannot answer alone.
   */
  private Optional<SiglistMatcher> changedMatcher(SiglistKind kind) {
    if (kind == SiglistKind.SENTINELS || baseline.interacts(kind) || candidate.interacts(kind) || emptied(kind)) {
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    List<PythonRegex.Translation> translations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ListLine line : candidate.lines(kind)) {
      if (isAdded(line) && seen.add(line.text())) {
        texts.add(line.text());
        translations.add(candidate.translation(line));
      }
    }
    for (ListLine line : baseline.lines(kind)) {
      if (isRemoved(line) && seen.add(line.text())) {
        texts.add(line.text());
        translations.add(baseline.translation(line));
      }
    }
    List<String> where = texts.stream().map(text -> "changed line " + text).toList();
    try {
      return Optional.of(translations.contains(null)
          ? SiglistMatcher.of(texts)
          : SiglistMatcher.of(texts, translations, where, SiglistMatcher.DEFAULT_TIMEOUT));
    } catch (SiglistMatcher.JoinException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether one side's list has no lines and the other's has some: the empty one matches every
   * frame ({@link SiglistLines#matchesEverything}), so the changed lines alone do not tell.
   */
  boolean emptied(SiglistKind kind) {
    return baseline.matchesEverything(kind) != candidate.matchesEverything(kind);
  }

  /** Whether a candidate line is one the candidate adds. */
  public boolean isAdded(ListLine line) {
    return addedTexts.get(line.kind().ordinal()).contains(line.text());
  }

  /** Whether a baseline line is one the candidate removes. */
  public boolean isRemoved(ListLine line) {
    return removedTexts.get(line.kind().ordinal()).contains(line.text());
  }
}
