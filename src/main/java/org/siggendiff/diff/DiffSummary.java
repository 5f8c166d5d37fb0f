package org.siggendiff.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.attribution.LineUsage;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.SiglistChange;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.sources.ResolvedSiglists;

/**
 * The aggregate of a diff run: counts, failures by reason, signature transitions biggest first,
 * and the siglist lines the candidate adds and removes, each with the crashes it moved and the
 * warnings about lines that matched nothing, are shadowed or redundant. Fed one row at a time,
 * from one thread.
 */
public final class DiffSummary {
  /** Baseline to candidate, and how many crashes made that move. */
  public record Transition(String baseline, String candidate, long crashes) {}

  /** A crash that could not be processed. */
  public record Failure(String crashId, String kind, String reason) {}

  /** Lines of one siglist file that the candidate adds or removes. */
  public record ListChange(String file, List<String> added, List<String> removed) {}

  /**
   * What one added or removed line did over the run.
   *
   * @param line the line
   * @param crashes the crashes it moved (a crash moved by two lines counts under both)
   * @param transitions the moves it caused, biggest first
   * @param frames how many distinct normalized frames of the run it matched
   * @param timedOut on how many crashes it ran out of time, failing them: such a line is too
   *     slow, not unmatched
   */
  public record LineSummary(ChangedLine line, long crashes, List<Transition> transitions, int frames, long timedOut) {}


  private final ResolvedSiglists baselineSource;
  private final ResolvedSiglists candidateSource;
  private long read;
  private long changed;
  private long unchanged;
  private final List<Failure> failures = new ArrayList<>();
  private final RepeatedCrashes repeats = new RepeatedCrashes();
  private final Map<List<String>, Long> transitions = new HashMap<>();
  private final Map<List<String>, Long> notByLine = new HashMap<>();
  private final Map<ChangedLine, Map<List<String>, Long>> byLine = new LinkedHashMap<>();
  private SiglistChange change;
  private LineUsage usage;
  private boolean interrupted;
  private long notProcessed;
  private boolean restNotRead;
  private String internalError;
  /** {@link #byLine}, made once the rows are in: each report format asks for it more than once. */
  private List<LineSummary> lineSummaries;

  public DiffSummary(ResolvedSiglists baselineSource, ResolvedSiglists candidateSource) {
    this.baselineSource = baselineSource;
    this.candidateSource = candidateSource;
  }

  /**
   * Counts one row, unless it is of a crash already counted: that one is noted as a repeat,
   * alike the first reading when it was signed the same way, and left out.
   *
   * @return whether the row was counted, for the output to show it or not
   */
  public boolean add(DiffRow row) {
    if (row.linkable() && !repeats.first(row.crashId(), Objects.hash(row.baseline(), row.candidate(), row.error()),
        () -> row.ok() ? row.baseline() + " -> " + row.candidate() : "failed: " + row.error())) {
      return false;
    }
    read++;
    lineSummaries = null;
    if (!row.ok()) {
      failures.add(new Failure(row.crashId(), row.errorKind(), row.error()));
    } else if (row.changed()) {
      changed++;
      List<String> move = List.of(row.baseline(), row.candidate());
      transitions.merge(move, 1L, Long::sum);
      if (row.cause() == null || !row.cause().isLine()) {
        notByLine.merge(move, 1L, Long::sum);
      } else {
        for (LineCause line : row.cause().lines()) {
          byLine.computeIfAbsent(line.line(), key -> new HashMap<>()).merge(move, 1L, Long::sum);
        }
      }
    } else {
      unchanged++;
    }
    return true;
  }

  /**
   * Groups the summary by the lines the candidate adds and removes, with what each matched in
   * the run's crashes and the warnings about them; without it (a {@code production} baseline)
   * the summary lists signature changes only.
   */
  public void attribution(SiglistChange change, LineUsage usage) {
    this.change = change;
    this.usage = usage;
    lineSummaries = null;
  }

  /**
   * Records that the run was stopped before its end.
   *
   * @param notProcessed inputs known not to have been processed
   * @param restNotRead whether more input was left that was not even read, so not counted
   */
  public void interrupted(long notProcessed, boolean restNotRead) {
    this.interrupted = true;
    this.notProcessed = notProcessed;
    this.restNotRead = restNotRead;
  }

  public boolean isInterrupted() {
    return interrupted;
  }

  /** Records a failure of the run itself (a bug), which ended it early. */
  public void internalError(String message) {
    this.internalError = message;
  }

  /** How many crashes were counted: changed, unchanged and failed; a repeat is not counted again. */
  public long read() {
    return read;
  }

  public long changed() {
    return changed;
  }

  public long unchanged() {
    return unchanged;
  }

  /** The crashes read more than once, whose later rows were left out. */
  public RepeatedCrashes repeats() {
    return repeats;
  }

  public long failed() {
    return failures.size();
  }

  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** How many inputs were known not to be processed when the run was interrupted. */
  public long notProcessed() {
    return notProcessed;
  }

  /** Whether an interrupted run left input that was not even read. */
  public boolean restNotRead() {
    return restNotRead;
  }

  /** The failure of the run itself, or null. */
  public String internalError() {
    return internalError;
  }

  public ResolvedSiglists baselineSource() {
    return baselineSource;
  }

  public ResolvedSiglists candidateSource() {
    return candidateSource;
  }

  /** Failure counts by kind, kinds in the order they first failed. */
  public Map<String, Long> failuresByKind() {
    Map<String, Long> counts = new LinkedHashMap<>();
    failures.forEach(failure -> counts.merge(failure.kind(), 1L, Long::sum));
    return counts;
  }

  /** Biggest first; ties in code-unit order of the baseline, then the candidate. */
  public List<Transition> transitions() {
    return sorted(transitions);
  }

  /** The signature changes no siglist line caused (production baseline, rules), biggest first. */
  public List<Transition> transitionsNotByLine() {
    return sorted(notByLine);
  }

  /**
   * Each line the candidate adds or removes, with the crashes it moved: those that moved most
   * first, then in list and file order, removed before added; empty without {@link #attribution}.
   */
  public List<LineSummary> byLine() {
    if (change == null) {
      return List.of();
    }
    if (lineSummaries == null) {
      lineSummaries = summarizeByLine();
    }
    return lineSummaries;
  }

  private List<LineSummary> summarizeByLine() {
    Map<ChangedLine, Integer> frames = usage == null ? Map.of() : usage.frameCounts();
    Set<ChangedLine> lines = new LinkedHashSet<>(change.lines());
    // A duplicated removed line can be named at another of its places; it still counts.
    lines.addAll(byLine.keySet());
    List<String> timeouts = failures.stream()
        .filter(failure -> UnsignableCrashException.SIGLIST_TIMEOUT.equals(failure.kind()))
        .map(Failure::reason)
        .toList();
    List<LineSummary> summaries = new ArrayList<>();
    for (ChangedLine line : lines) {
      Map<List<String>, Long> moves = byLine.get(line);
      long crashes = 0;
      if (moves != null) {
        for (long count : moves.values()) {
          crashes += count;
        }
      }
      // The line as its own side names it, where a timeout's message names it: never in crash text.
      String named = "siglist pattern timed out: " + change.where(line) + " ";
      long timedOut = timeouts.stream().filter(reason -> reason.startsWith(named)).count();
      // Most lines of a large change move nothing: no stream is made for their moves.
      summaries.add(new LineSummary(line, crashes, moves == null ? List.of() : sorted(moves), frames.getOrDefault(line, 0), timedOut));
    }
    // What moved crashes comes first, most first: a change that edits many lines moves few.
    summaries.sort(Comparator.comparingLong(LineSummary::crashes).reversed());
    return List.copyOf(summaries);
  }

  /**
   * Added lines that moved no crash and matched no frame of any crash read: a typo, or the run
   * lacks the crashes they are meant for.
   */
  public List<ChangedLine> unmatchedLines() {
    return byLine().stream()
        .filter(l -> usage != null && usage.unmatched(l.line(), l.crashes(), l.frames(), l.timedOut()))
        .map(LineSummary::line)
        .toList();
  }

  /** The warnings about added lines but those that match nothing (said with the moves): shadowed, redundant, conflicting. */
  public List<LintWarning> lint() {
    return usage == null ? List.of() : usage.lint().stream().filter(w -> w.kind() != LintWarning.Kind.MATCHES_NOTHING).toList();
  }

  private static List<Transition> sorted(Map<List<String>, Long> transitions) {
    return transitions.entrySet().stream()
        .map(e -> new Transition(e.getKey().get(0), e.getKey().get(1), e.getValue()))
        .sorted(Comparator.comparingLong(Transition::crashes).reversed()
            .thenComparing(Transition::baseline)
            .thenComparing(Transition::candidate))
        .toList();
  }

  /** Per siglist file, what the candidate adds and removes; empty when the baseline is production. */
  public List<ListChange> siglistChanges() {
    if (baselineSource.isProduction() || candidateSource.isProduction()) {
      return List.of();
    }
    List<ListChange> changes = new ArrayList<>();
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> before = baselineSource.siglists().orElseThrow().lines().get(kind);
      List<String> after = candidateSource.siglists().orElseThrow().lines().get(kind);
      List<String> added = minus(after, before);
      List<String> removed = minus(before, after);
      if (!added.isEmpty() || !removed.isEmpty()) {
        changes.add(new ListChange(kind.fileName(), added, removed));
      }
    }
    return changes;
  }

  private static List<String> minus(List<String> lines, List<String> others) {
    Set<String> drop = new LinkedHashSet<>(others);
    return lines.stream().filter(line -> !drop.contains(line)).distinct().toList();
  }

  /** Whether the run had a siglist change to attribute moves to, line by line. */
  public boolean hasLineAttribution() {
    return change != null && !change.isEmpty();
  }

  /**
   * Why added lines that matched nothing are worth a warning, said of one line ("this added
   * line ...") or of several ("these added lines ..."). A run that signed no crash could match
   * nothing, and one stopped early might have matched later, so neither suggests a typo.
   */
  public String unmatchedWarning(boolean oneLine) {
    long crashes = changed + unchanged;
    if (crashes == 0) {
      return "cannot be checked: no crash was signed";
    }
    if (interrupted || internalError != null) {
      // The rest of the run might have matched: a partial run suggests no typo either.
      return (oneLine ? "matches" : "match") + " no frame in the " + (crashes == 1 ? "1 crash" : crashes + " crashes")
          + " signed before the run stopped; the whole run would tell whether " + (oneLine ? "it matches" : "they match");
    }
    return (oneLine ? "matches" : "match") + " no frame in " + (crashes == 1 ? "the 1 crash" : "these " + crashes + " crashes")
        + ": check for a typo, or add crashes " + (oneLine ? "it" : "they") + " should move";
  }
}
