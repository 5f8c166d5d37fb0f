package org.siggendiff.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.attribution.LineUsage;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.SiglistChange;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.siglist.SiglistKind;

/**
 * The aggregate of a diff run: counts, failures by reason, signature transitions biggest first,
 * and the siglist lines the candidate adds and removes, each with the crashes it moved and the
 * warnings about lines that matched nothing or are shadowed. Fed one row at a time, from one
 * thread.
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
   */
  public record LineSummary(ChangedLine line, long crashes, List<Transition> transitions, int frames) {}

  /** How many of a line's moves the text summary shows; the rest are counted. */
  static final int TRANSITIONS_SHOWN = 5;

  private final ResolvedSiglists baselineSource;
  private final ResolvedSiglists candidateSource;
  private long read;
  private long changed;
  private long unchanged;
  private final List<Failure> failures = new ArrayList<>();
  private final Map<List<String>, Long> transitions = new HashMap<>();
  private final Map<List<String>, Long> notByLine = new HashMap<>();
  private final Map<ChangedLine, Map<List<String>, Long>> byLine = new LinkedHashMap<>();
  private SiglistChange change;
  private LineUsage usage;
  private boolean interrupted;
  private long notProcessed;
  private boolean restNotRead;
  private String internalError;

  public DiffSummary(ResolvedSiglists baselineSource, ResolvedSiglists candidateSource) {
    this.baselineSource = baselineSource;
    this.candidateSource = candidateSource;
  }

  public void add(DiffRow row) {
    read++;
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
  }

  /**
   * Groups the summary by the lines the candidate adds and removes, with what each matched in
   * the run's crashes and the warnings about them; without it (a {@code production} baseline)
   * the summary lists signature changes only.
   */
  public void attribution(SiglistChange change, LineUsage usage) {
    this.change = change;
    this.usage = usage;
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

  public long read() {
    return read;
  }

  public long changed() {
    return changed;
  }

  public long unchanged() {
    return unchanged;
  }

  public long failed() {
    return failures.size();
  }

  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Failure counts by kind, kinds in the order they first failed. */
  private Map<String, Long> failuresByKind() {
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
   * Each line the candidate adds or removes (removed then added, in list then file order), with
   * the crashes it moved; empty without {@link #attribution}.
   */
  public List<LineSummary> byLine() {
    if (change == null) {
      return List.of();
    }
    Map<ChangedLine, Integer> frames = usage == null ? Map.of() : usage.frameCounts();
    Set<ChangedLine> lines = new LinkedHashSet<>(change.lines());
    // A duplicated removed line can be named at another of its places; it still counts.
    lines.addAll(byLine.keySet());
    List<LineSummary> summaries = new ArrayList<>();
    for (ChangedLine line : lines) {
      Map<List<String>, Long> moves = byLine.getOrDefault(line, Map.of());
      long crashes = moves.values().stream().mapToLong(Long::longValue).sum();
      summaries.add(new LineSummary(line, crashes, sorted(moves), frames.getOrDefault(line, 0)));
    }
    return summaries;
  }

  /**
   * Added lines that moved no crash and matched no frame of any crash read: a typo, or the run
   * lacks the crashes they are meant for.
   */
  public List<ChangedLine> unmatchedLines() {
    return byLine().stream().filter(l -> l.line().added() && l.crashes() == 0 && l.frames() == 0).map(LineSummary::line).toList();
  }

  /** The shadowed and conflicting-role warnings about added lines. */
  public List<LintWarning> lint() {
    return usage == null ? List.of() : usage.lint().stream().filter(w -> w.kind() != LintWarning.Kind.MATCHES_NOTHING).toList();
  }

  private String unmatchedWarning() {
    return "matches no frame in these " + (changed + unchanged) + " crashes: check for a typo, or add crashes it should move";
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

  /**
   * The summary as lines of text. Crash text in it is untrusted: callers write it through a
   * filter that neutralises control characters.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("baseline:  " + baselineSource.describe());
    lines.add("candidate: " + candidateSource.describe());
    StringBuilder counts = new StringBuilder();
    counts.append(read).append(" crashes read: ").append(changed).append(" changed, ").append(unchanged).append(" unchanged, ")
        .append(failures.size()).append(" failed");
    lines.add(counts.toString());
    if (interrupted) {
      lines.add("interrupted: " + notProcessed + " crashes not processed" + (restNotRead ? ", and the rest of the input not read" : ""));
    }
    if (internalError != null) {
      lines.add("stopped by an internal error: " + internalError);
    }
    failuresByKind().forEach((kind, count) -> lines.add("  " + count + " " + kind));
    for (Failure failure : failures) {
      lines.add("  failed: " + failure.crashId() + ": " + failure.reason());
    }
    if (change == null || change.isEmpty()) {
      transitionLines(lines, "signature changes (crashes: baseline -> candidate):", transitions(), transitions().size());
      lines.add(baselineSource.isProduction() ? "siglist changes: none to show, the baseline is production" : "siglist changes: none");
      return lines;
    }
    lines.add("siglist changes, by line (crashes moved: baseline -> candidate):");
    for (LineSummary line : byLine()) {
      lines.add("  " + line.line());
      if (line.crashes() == 0) {
        lines.add("      moved no crash; matched " + frames(line.frames()) + " of the run");
        continue;
      }
      lines.add("      moved " + line.crashes() + (line.crashes() == 1 ? " crash" : " crashes"));
      transitionLines(lines, null, line.transitions(), TRANSITIONS_SHOWN);
    }
    transitionLines(lines, "signature changes not caused by a siglist line (crashes: baseline -> candidate):",
        transitionsNotByLine(), transitionsNotByLine().size());
    List<ChangedLine> unmatched = unmatchedLines();
    if (!unmatched.isEmpty()) {
      lines.add("warning: " + (unmatched.size() == 1 ? "this added line " : "these added lines ") + unmatchedWarning() + ":");
      unmatched.forEach(line -> lines.add("  " + line));
    }
    for (LintWarning warning : lint()) {
      lines.add("warning: " + warning.message());
    }
    return lines;
  }

  private static void transitionLines(List<String> lines, String title, List<Transition> moves, int shown) {
    if (moves.isEmpty()) {
      return;
    }
    if (title != null) {
      lines.add(title);
    }
    String indent = title != null ? "  " : "      ";
    for (Transition move : moves.subList(0, Math.min(shown, moves.size()))) {
      lines.add(String.format("%s%6d: %s -> %s", indent, move.crashes(), move.baseline(), move.candidate()));
    }
    if (moves.size() > shown) {
      long rest = moves.subList(shown, moves.size()).stream().mapToLong(Transition::crashes).sum();
      lines.add(indent + "    and " + (moves.size() - shown) + " more (" + rest + (rest == 1 ? " crash)" : " crashes)"));
    }
  }

  private static String frames(int count) {
    return count == 1 ? "1 distinct frame" : count + " distinct frames";
  }

  /** The summary as JSON, for {@code --summary FILE}. */
  public ObjectNode toJson() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    json.set("baseline", source(baselineSource));
    json.set("candidate", source(candidateSource));
    json.put("crashes", read);
    json.put("changed", changed);
    json.put("unchanged", unchanged);
    json.put("failed", failures.size());
    json.put("interrupted", interrupted);
    if (interrupted) {
      json.put("not_processed", notProcessed);
      json.put("rest_not_read", restNotRead);
    }
    json.put("internal_error", internalError);
    ObjectNode byKind = json.putObject("failed_by_reason");
    failuresByKind().forEach(byKind::put);
    ArrayNode failed = json.putArray("failures");
    for (Failure failure : failures) {
      failed.addObject().put("crash_id", failure.crashId()).put("reason", failure.kind()).put("detail", failure.reason());
    }
    ArrayNode moves = json.putArray("transitions");
    for (Transition move : transitions()) {
      moves.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
    }
    ArrayNode others = json.putArray("transitions_not_by_line");
    for (Transition move : transitionsNotByLine()) {
      others.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
    }
    ArrayNode lineNodes = json.putArray("by_line");
    for (LineSummary line : byLine()) {
      ObjectNode node = lineNodes.addObject();
      node.put("file", line.line().file());
      node.put("line", line.line().line());
      node.put("change", line.line().change());
      node.put("text", line.line().text());
      node.put("crashes", line.crashes());
      node.put("frames", line.frames());
      ArrayNode lineMoves = node.putArray("transitions");
      for (Transition move : line.transitions()) {
        lineMoves.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
      }
    }
    ArrayNode warnings = json.putArray("warnings");
    for (ChangedLine line : unmatchedLines()) {
      warnings.addObject().put("kind", "matches_nothing").put("file", line.file()).put("line", line.line())
          .put("text", line.text()).put("message", line.location() + " " + unmatchedWarning());
    }
    for (LintWarning warning : lint()) {
      warnings.addObject().put("kind", warning.kind().name().toLowerCase(Locale.ROOT)).put("file", warning.line().file())
          .put("line", warning.line().line()).put("text", warning.line().text()).put("message", warning.message());
    }
    ObjectNode lists = json.putObject("siglist_changes");
    for (ListChange change : siglistChanges()) {
      ObjectNode file = lists.putObject(change.file());
      change.added().forEach(file.putArray("added")::add);
      change.removed().forEach(file.putArray("removed")::add);
    }
    return json;
  }

  private static ObjectNode source(ResolvedSiglists source) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("source", source.spec());
    json.put("commit", source.commit().orElse(null));
    return json;
  }
}
