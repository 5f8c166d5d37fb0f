package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.siggendiff.internal.regex.PythonRegex;
import org.siggendiff.internal.regex.PythonRegexException;
import org.siggendiff.internal.regex.SiglistMatcher;

/**
 * The lines that changed in one siglist between two versions, as a test of which subjects
 * ({@link WalkSubjects}) the change can reach: a subject none of them matches is answered as
 * before, provided the list's lines do not act on one another ({@link #interact}).
 */
public final class ChangedLines {
  private final SiglistMatcher matcher;
  private final List<String> literalPrefixes;

  private ChangedLines(SiglistMatcher matcher, List<String> literalPrefixes) {
    this.matcher = matcher;
    this.literalPrefixes = literalPrefixes;
  }

  /**
   * The changed lines of a regular-expression list (irrelevant, prefix or line numbers).
   *
   * @return the test, or null when the lines cannot be joined into one pattern (then any subject
   *     may be reached)
   */
  public static ChangedLines of(Set<String> lines) {
    SiglistMatcher matcher;
    try {
      matcher = SiglistMatcher.of(List.copyOf(lines));
    } catch (SiglistMatcher.JoinException e) {
      return null;
    }
    return new ChangedLines(matcher, literalPrefixes(lines));
  }

  /**
   * Whether a list's lines, joined into one pattern as Socorro joins them, act on one another
   * (back-references, global flags), or cannot be read: then changing one line can change what
   * the others match, and only signing again tells.
   */
  public static boolean interact(List<String> lines) {
    if (lines.isEmpty()) {
      return false;
    }
    try {
      PythonRegex.Translation joined = PythonRegex.translate(String.join("|", lines));
      return joined.usesBackreferences() || joined.usesGlobalFlags();
    } catch (PythonRegexException e) {
      return true;
    }
  }

  /** Whether one of the lines matches the subject, as the list would test it. */
  public boolean matches(String subject) {
    return matcher.matches(subject);
  }

  /**
   * The literal texts the lines start with, shortest first and none starting with another, so
   * that only the subjects starting with one need testing; null when a line starts with none.
   */
  public List<String> literalPrefixes() {
    return literalPrefixes;
  }

  private static List<String> literalPrefixes(Set<String> lines) {
    TreeSet<String> prefixes = new TreeSet<>();
    for (String line : lines) {
      String prefix;
      try {
        prefix = PythonRegex.translate(line).literalPrefix();
      } catch (PythonRegexException e) {
        return null;
      }
      if (prefix.isEmpty()) {
        return null;
      }
      prefixes.add(prefix);
    }
    List<String> kept = new ArrayList<>();
    for (String prefix : prefixes) {
      // In sorted order, a text that starts with a kept one comes right after it.
      if (kept.isEmpty() || !prefix.startsWith(kept.get(kept.size() - 1))) {
        kept.add(prefix);
      }
    }
    return List.copyOf(kept);
  }
}
