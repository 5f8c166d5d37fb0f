package org.siggendiff.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.RepeatedCrashes;
import org.siggendiff.sources.ResolvedSiglists;

/** A diff run's summary as JSON, for {@code --summary FILE}. */
public final class SummaryJson {
  private SummaryJson() {}

  /** The summary as JSON, for {@code --summary FILE}. */
  public static ObjectNode toJson(DiffSummary summary) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    json.set("baseline", source(summary.baselineSource()));
    json.set("candidate", source(summary.candidateSource()));
    json.put("crashes", summary.read());
    json.put("changed", summary.changed());
    json.put("unchanged", summary.unchanged());
    json.put("failed", summary.failures().size());
    json.put("repeated", summary.repeats().leftOut());
    json.put("interrupted", summary.isInterrupted());
    if (summary.isInterrupted()) {
      json.put("not_processed", summary.notProcessed());
      json.put("rest_not_read", summary.restNotRead());
    }
    json.put("internal_error", summary.internalError());
    ObjectNode byKind = json.putObject("failed_by_reason");
    summary.failuresByKind().forEach(byKind::put);
    ArrayNode failed = json.putArray("failures");
    for (DiffSummary.Failure failure : summary.failures()) {
      failed.addObject().put("crash_id", failure.crashId()).put("reason", failure.kind()).put("detail", failure.reason());
    }
    ArrayNode repeats = json.putArray("repeats");
    for (RepeatedCrashes.Repeat repeat : summary.repeats().repeats()) {
      repeats.addObject().put("crash_id", repeat.crashId()).put("times_read", repeat.timesRead()).put("alike", repeat.alike())
          .put("other_reading", repeat.otherReading());
    }
    ArrayNode moves = json.putArray("transitions");
    for (DiffSummary.Transition move : summary.transitions()) {
      moves.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
    }
    ArrayNode others = json.putArray("transitions_not_by_line");
    for (DiffSummary.Transition move : summary.transitionsNotByLine()) {
      others.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
    }
    ArrayNode lineNodes = json.putArray("by_line");
    for (DiffSummary.LineSummary line : summary.byLine()) {
      ObjectNode node = lineNodes.addObject();
      node.put("file", line.line().file());
      node.put("line", line.line().line());
      node.put("change", line.line().change());
      node.put("text", line.line().text());
      node.put("crashes", line.crashes());
      node.put("frames", line.frames());
      node.put("timed_out", line.timedOut());
      ArrayNode lineMoves = node.putArray("transitions");
      for (DiffSummary.Transition move : line.transitions()) {
        lineMoves.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
      }
    }
    ArrayNode warnings = json.putArray("warnings");
    // With no crash signed, nothing was checked: no line is said to match nothing.
    String unmatchedKind = summary.changed() + summary.unchanged() == 0 ? "not_checked" : "matches_nothing";
    for (ChangedLine line : summary.unmatchedLines()) {
      warnings.addObject().put("kind", unmatchedKind).put("file", line.file()).put("line", line.line())
          .put("text", line.text()).put("message", line.location() + " " + summary.unmatchedWarning(true));
    }
    for (LintWarning warning : summary.lint()) {
      warnings.addObject().put("kind", warning.kind().name().toLowerCase(Locale.ROOT)).put("file", warning.line().file())
          .put("line", warning.line().line()).put("text", warning.line().text()).put("message", warning.message());
    }
    if (summary.repeats().notAlike() > 0) {
      warnings.addObject().put("kind", "repeats_not_alike").put("message", SummaryText.notAlike(summary.repeats()));
    }
    ObjectNode lists = json.putObject("siglist_changes");
    for (DiffSummary.ListChange change : summary.siglistChanges()) {
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
