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
import java.util.Map;
import java.util.Set;
import org.siggendiff.siglist.ResolvedSiglists;
import org.siggendiff.siglist.SiglistKind;

/**
 * The aggregate of a diff run: counts, failures by reason, signature transitions biggest first,
 * and the siglist lines the candidate adds and removes. Fed one row at a time, from one thread.
 */
public final class DiffSummary {
  /** Baseline to candidate, and how many crashes made that move. */
  public record Transition(String baseline, String candidate, long crashes) {}

  /** A crash that could not be processed. */
  public record Failure(String crashId, String kind, String reason) {}

  /** Lines of one siglist file that the candidate adds or removes. */
  public record ListChange(String file, List<String> added, List<String> removed) {}

  private final ResolvedSiglists baselineSource;
  private final ResolvedSiglists candidateSource;
  private long read;
  private long changed;
  private long unchanged;
  private final List<Failure> failures = new ArrayList<>();
  private final Map<List<String>, Long> transitions = new HashMap<>();
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
      transitions.merge(List.of(row.baseline(), row.candidate()), 1L, Long::sum);
    } else {
      unchanged++;
    }
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
    List<Transition> moves = transitions();
    if (!moves.isEmpty()) {
      lines.add("signature changes (crashes: baseline -> candidate):");
      for (Transition move : moves) {
        lines.add(String.format("  %6d: %s -> %s", move.crashes(), move.baseline(), move.candidate()));
      }
    }
    List<ListChange> changes = siglistChanges();
    if (baselineSource.isProduction()) {
      lines.add("siglist changes: none to show, the baseline is production");
    } else if (changes.isEmpty()) {
      lines.add("siglist changes: none");
    } else {
      lines.add("siglist changes:");
      for (ListChange change : changes) {
        lines.add("  " + change.file() + ":");
        change.added().forEach(line -> lines.add("    + " + line));
        change.removed().forEach(line -> lines.add("    - " + line));
      }
    }
    return lines;
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
