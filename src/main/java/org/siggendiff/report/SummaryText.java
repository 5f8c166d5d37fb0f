package org.siggendiff.report;

import java.util.ArrayList;
import java.util.List;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.RepeatedCrashes;

/** A diff run's summary as lines of text, for stderr. */
public final class SummaryText {
  /** How many of a line's moves the text summary shows; the rest are counted. */
  static final int TRANSITIONS_SHOWN = 5;
  /** How many of a line's moves the Markdown and HTML reports show, in a table cell. */
  static final int REPORT_MOVES_SHOWN = 3;
  /** How many crashes read more than once a summary names; the rest are counted. */
  static final int REPEATS_SHOWN = 20;

  private SummaryText() {}

  /**
   * The summary as lines of text. Crash text in it is untrusted: callers write it through a
   * filter that neutralises control characters.
   */
  public static List<String> lines(DiffSummary summary) {
    List<String> lines = new ArrayList<>();
    lines.add("baseline:  " + summary.baselineSource().describe());
    lines.add("candidate: " + summary.candidateSource().describe());
    StringBuilder counts = new StringBuilder();
    counts.append(CrashCount.of(summary.read())).append(" read: ").append(summary.changed()).append(" changed, ").append(summary.unchanged()).append(" unchanged, ")
        .append(summary.failures().size()).append(" failed");
    if (!summary.repeats().isEmpty()) {
      counts.append("; ").append(leftOut(summary.repeats()));
    }
    lines.add(counts.toString());
    if (summary.isInterrupted()) {
      lines.add("interrupted: " + notProcessed(summary));
    }
    if (summary.internalError() != null) {
      lines.add("stopped by an internal error: " + summary.internalError());
    }
    summary.failuresByKind().forEach((kind, count) -> lines.add("  " + count + " " + kind));
    for (DiffSummary.Failure failure : summary.failures()) {
      lines.add("  failed: " + failure.crashId() + ": " + failure.reason());
    }
    if (!summary.repeats().isEmpty()) {
      lines.add("read more than once, counted as first read:");
      repeats(summary.repeats(), SIGNED_DIFFERENTLY).forEach(repeat -> lines.add("  " + repeat));
      if (summary.repeats().notAlike() > 0) {
        lines.add("warning: " + notAlike(summary.repeats()));
      }
    }
    if (!summary.hasLineAttribution()) {
      transitionLines(lines, "signature changes (crashes: baseline -> candidate):", summary.transitions(), summary.transitions().size());
      lines.add(summary.baselineSource().isProduction() ? "siglist changes: none to show, the baseline is production" : "siglist changes: none");
      // A line the candidate only duplicates is no change, but is warned of.
      summary.lint().forEach(warning -> lines.add("warning: " + warning.message()));
      return lines;
    }
    lines.add("siglist changes, by line (crashes moved: baseline -> candidate):");
    for (DiffSummary.LineSummary line : summary.byLine()) {
      lines.add("  " + line.line());
      if (line.crashes() == 0) {
        lines.add("      " + movedNoCrash(line));
        continue;
      }
      lines.add("      moved " + line.crashes() + (line.crashes() == 1 ? " crash" : " crashes"));
      transitionLines(lines, null, line.transitions(), TRANSITIONS_SHOWN);
    }
    transitionLines(lines, "signature changes not caused by a siglist line (crashes: baseline -> candidate):",
        summary.transitionsNotByLine(), summary.transitionsNotByLine().size());
    List<ChangedLine> unmatched = summary.unmatchedLines();
    if (!unmatched.isEmpty()) {
      boolean one = unmatched.size() == 1;
      lines.add("warning: " + (one ? "this added line " : "these added lines ") + summary.unmatchedWarning(one) + ":");
      unmatched.forEach(line -> lines.add("  " + line));
    }
    for (LintWarning warning : summary.lint()) {
      lines.add("warning: " + warning.message());
    }
    return lines;
  }

  /** What a repeat of a diff's crash that is not alike the first reading is. */
  public static final String SIGNED_DIFFERENTLY = "not signed as first read";

  /** {@code 1 repeat left out}, {@code 3 repeats left out}: readings of crashes already counted. */
  public static String leftOut(RepeatedCrashes repeats) {
    return repeats.leftOut() + (repeats.leftOut() == 1 ? " repeat" : " repeats") + " left out";
  }

  /**
   * The first {@link #REPEATS_SHOWN} of the crashes read more than once, as {@code ID: read 2
   * times}, with {@code notAlike} after a crash not alike each time; then {@code and 3 more}.
   */
  public static List<String> repeats(RepeatedCrashes repeats, String notAlike) {
    List<String> lines = new ArrayList<>();
    List<RepeatedCrashes.Repeat> all = repeats.repeats();
    for (RepeatedCrashes.Repeat repeat : all.subList(0, Math.min(REPEATS_SHOWN, all.size()))) {
      lines.add(repeat.crashId() + ": read " + repeat.timesRead() + " times" + (repeat.alike() ? "" : ", " + notAlike)
          + (repeat.otherReading() != null ? " (another reading: " + repeat.otherReading() + ")" : ""));
    }
    if (all.size() > REPEATS_SHOWN) {
      lines.add("and " + (all.size() - REPEATS_SHOWN) + " more");
    }
    return lines;
  }

  /** The warning when some crash read more than once was not signed the same way each time. */
  public static String notAlike(RepeatedCrashes repeats) {
    long count = repeats.notAlike();
    return (count == 1 ? "1 crash read more than once was" : count + " crashes read more than once were")
        + " not signed the same way each time (two documents under one crash ID, or one that failed and one that did not):"
        + " the first reading counts";
  }

  private static void transitionLines(List<String> lines, String title, List<DiffSummary.Transition> moves, int shown) {
    if (moves.isEmpty()) {
      return;
    }
    if (title != null) {
      lines.add(title);
    }
    String indent = title != null ? "  " : "      ";
    for (DiffSummary.Transition move : moves.subList(0, Math.min(shown, moves.size()))) {
      lines.add(indent + padded(move.crashes()) + ": " + move.baseline() + " -> " + move.candidate());
    }
    if (moves.size() > shown) {
      lines.add(indent + "    " + more(moves, shown));
    }
  }

  // The sentences below are every format's: the reports say the same things the same way.

  /** How many inputs an interrupted run did not process, and whether it read the rest. */
  static String notProcessed(DiffSummary summary) {
    return CrashCount.of(summary.notProcessed()) + " not processed" + (summary.restNotRead() ? ", and the rest of the input not read" : "");
  }

  /** Why a report has no siglist lines to show. */
  static String noLines(DiffSummary summary) {
    return summary.baselineSource().isProduction()
        ? "None to compare: the baseline is production, whose siglists are not known."
        : "The candidate adds and removes no siglist line.";
  }

  /** What a line that moved no crash did: what it matched, or on how many crashes it ran out of time. */
  static String movedNoCrash(DiffSummary.LineSummary line) {
    if (line.timedOut() > 0) {
      return "moved no crash; ran out of time on " + CrashCount.of(line.timedOut()) + ", which failed";
    }
    return "moved no crash; matched " + (line.frames() == 1 ? "1 distinct frame" : line.frames() + " distinct frames") + " of the run";
  }

  /** The moves after the first {@code shown}, counted: {@code and 2 more (5 crashes)}. */
  static String more(List<DiffSummary.Transition> moves, int shown) {
    long rest = moves.subList(shown, moves.size()).stream().mapToLong(DiffSummary.Transition::crashes).sum();
    return "and " + (moves.size() - shown) + " more (" + CrashCount.of(rest) + ")";
  }

  /**
   * A count right-aligned in six columns. Not {@code String.format}, whose first use loads the
   * default locale's number symbols: about 20 ms at the end of every run, for digits that should
   * not depend on the locale anyway.
   */
  static String padded(long count) {
    String digits = Long.toString(count);
    return digits.length() >= 6 ? digits : "      ".substring(digits.length()) + digits;
  }

}
