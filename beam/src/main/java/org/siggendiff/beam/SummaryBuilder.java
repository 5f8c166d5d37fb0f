package org.siggendiff.beam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.LineUsage;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.SiglistChange;
import org.siggendiff.engine.SignatureEngine;
import org.siggendiff.siglist.SiglistKind;

/**
 * The run's summary with the fields and counts of the CLI's {@code --summary} file (its
 * {@code diff.DiffSummary} and {@code report.SummaryJson}, which are not part of the engine),
 * from the facts the pipeline counted, its failures and the distinct normalized frames of each
 * side. {@code DiffPipelineTest} holds the two to the same numbers.
 */
final class SummaryBuilder {
  private static final JsonMapper MAPPER = new JsonMapper();

  private record Transition(String baseline, String candidate, long crashes) {}

  private final SiglistTexts baselineTexts;
  private final SiglistTexts candidateTexts;
  private final SignatureEngine baseline;
  private final SignatureEngine candidate;
  private final SiglistChange change;

  SummaryBuilder(SiglistTexts baseline, SiglistTexts candidate) {
    this.baselineTexts = baseline;
    this.candidateTexts = candidate;
    this.baseline = baseline.engine();
    this.candidate = candidate.engine();
    this.change = new Explainer(
        new Explainer.Side("baseline", this.baseline.generator()), new Explainer.Side("candidate", this.candidate.generator()))
        .change().orElseThrow();
  }

  /**
   * @param facts how many times each fact of {@link CrashDiff.Facts} was counted
   * @param failures the inputs that could not be processed, in any order
   * @param baselineFrames the baseline's distinct normalized frames, in any order
   * @param candidateFrames the candidate's
   */
  ObjectNode build(Map<String, Long> facts, List<CrashDiff.Failure> failures, Iterable<String> baselineFrames,
      Iterable<String> candidateFrames) {
    long changed = 0;
    long unchanged = 0;
    Map<String, Long> failedByReason = new LinkedHashMap<>();
    Map<List<String>, Long> moves = new HashMap<>();
    Map<List<String>, Long> notByLine = new HashMap<>();
    Map<ChangedLine, Map<List<String>, Long>> byLine = new LinkedHashMap<>();
    for (Map.Entry<String, Long> fact : sortedByKey(facts)) {
      List<String> parts = parse(fact.getKey());
      long count = fact.getValue();
      switch (parts.get(0)) {
        case "changed" -> changed += count;
        case "unchanged" -> unchanged += count;
        case CrashDiff.Facts.FAILED -> failedByReason.merge(parts.get(1), count, Long::sum);
        case CrashDiff.Facts.MOVE -> moves.merge(parts.subList(1, 3), count, Long::sum);
        case CrashDiff.Facts.NOT_BY_LINE -> notByLine.merge(parts.subList(1, 3), count, Long::sum);
        case CrashDiff.Facts.LINE -> {
          ChangedLine line =
              new ChangedLine(SiglistKind.valueOf(parts.get(1)), Integer.parseInt(parts.get(2)), parts.get(3), parts.get(4));
          byLine.computeIfAbsent(line, key -> new HashMap<>()).merge(parts.subList(5, 7), count, Long::sum);
        }
        default -> throw new IllegalArgumentException("unknown fact " + fact.getKey());
      }
    }
    LineUsage usage = new LineUsage(change);
    // Sorted: the frames come in no order, and each run should test them alike.
    usage.observe(sorted(baselineFrames), List.of());
    usage.observe(List.of(), sorted(candidateFrames));
    long failed = failedByReason.values().stream().mapToLong(Long::longValue).sum();

    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    json.set("baseline", source(baselineTexts));
    json.set("candidate", source(candidateTexts));
    json.put("crashes", changed + unchanged + failed);
    json.put("changed", changed);
    json.put("unchanged", unchanged);
    json.put("failed", failed);
    json.put("interrupted", false);
    json.putNull("internal_error");
    ObjectNode byKind = json.putObject("failed_by_reason");
    failedByReason.forEach(byKind::put);
    ArrayNode failedNodes = json.putArray("failures");
    failures.stream().sorted(Comparator.comparing(CrashDiff.Failure::crashId).thenComparing(CrashDiff.Failure::detail))
        .forEach(f -> failedNodes.addObject().put("crash_id", f.crashId()).put("reason", f.reason()).put("detail", f.detail()));
    transitions(json.putArray("transitions"), sorted(moves));
    transitions(json.putArray("transitions_not_by_line"), sorted(notByLine));

    Map<ChangedLine, Integer> frames = usage.frameCounts();
    Set<ChangedLine> changedLines = new LinkedHashSet<>(change.lines());
    changedLines.addAll(byLine.keySet());
    // As the CLI orders them: the lines that moved most first, then the others as listed.
    List<ChangedLine> lines = new ArrayList<>(changedLines);
    lines.sort(Comparator.comparingLong((ChangedLine line) -> byLine.getOrDefault(line, Map.of()).values().stream().mapToLong(Long::longValue).sum())
        .reversed());
    ArrayNode lineNodes = json.putArray("by_line");
    List<ChangedLine> unmatched = new ArrayList<>();
    for (ChangedLine line : lines) {
      Map<List<String>, Long> lineMoves = byLine.getOrDefault(line, Map.of());
      long crashes = lineMoves.values().stream().mapToLong(Long::longValue).sum();
      int lineFrames = frames.getOrDefault(line, 0);
      ObjectNode node = lineNodes.addObject();
      node.put("file", line.file());
      node.put("line", line.line());
      node.put("change", line.change());
      node.put("text", line.text());
      node.put("crashes", crashes);
      node.put("frames", lineFrames);
      // As in the CLI: a line that ran out of time on some crash was too slow, not unmatched.
      String named = "siglist pattern timed out: " + change.where(line) + " ";
      long timedOut = failures.stream().filter(failure -> failure.detail().startsWith(named)).count();
      node.put("timed_out", timedOut);
      transitions(node.putArray("transitions"), sorted(lineMoves));
      if (usage.unmatched(line, crashes, lineFrames, timedOut)) {
        unmatched.add(line);
      }
    }
    ArrayNode warnings = json.putArray("warnings");
    boolean signedAny = changed + unchanged > 0;
    String unmatchedWarning = signedAny
        ? "matches no frame in these " + (changed + unchanged) + " crashes: check for a typo, or add crashes it should move"
        : "cannot be checked: no crash was signed";
    for (ChangedLine line : unmatched) {
      warnings.addObject().put("kind", signedAny ? "matches_nothing" : "not_checked").put("file", line.file()).put("line", line.line())
          .put("text", line.text()).put("message", line.location() + " " + unmatchedWarning);
    }
    for (LintWarning warning : usage.lint()) {
      if (warning.kind() != LintWarning.Kind.MATCHES_NOTHING) {
        warnings.addObject().put("kind", warning.kind().name().toLowerCase(Locale.ROOT)).put("file", warning.line().file())
            .put("line", warning.line().line()).put("text", warning.line().text()).put("message", warning.message());
      }
    }
    ObjectNode lists = json.putObject("siglist_changes");
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> before = baseline.generator().siglists().lines().get(kind);
      List<String> after = candidate.generator().siglists().lines().get(kind);
      List<String> added = minus(after, before);
      List<String> removed = minus(before, after);
      if (!added.isEmpty() || !removed.isEmpty()) {
        ObjectNode file = lists.putObject(kind.fileName());
        added.forEach(file.putArray("added")::add);
        removed.forEach(file.putArray("removed")::add);
      }
    }
    return json;
  }

  private static List<Map.Entry<String, Long>> sortedByKey(Map<String, Long> facts) {
    return facts.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
  }

  private static List<String> sorted(Iterable<String> frames) {
    List<String> list = new ArrayList<>();
    frames.forEach(list::add);
    list.sort(null);
    return list;
  }

  private static List<String> parse(String fact) {
    try {
      JsonNode array = MAPPER.readTree(fact);
      List<String> parts = new ArrayList<>();
      array.forEach(part -> parts.add(part.asText()));
      return parts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode source(SiglistTexts texts) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("source", texts.source());
    json.putNull("commit");
    return json;
  }

  /** Biggest first; ties in code-unit order of the baseline, then the candidate. */
  private static List<Transition> sorted(Map<List<String>, Long> moves) {
    return moves.entrySet().stream()
        .map(e -> new Transition(e.getKey().get(0), e.getKey().get(1), e.getValue()))
        .sorted(Comparator.comparingLong(Transition::crashes).reversed()
            .thenComparing(Transition::baseline)
            .thenComparing(Transition::candidate))
        .toList();
  }

  private static void transitions(ArrayNode array, List<Transition> moves) {
    for (Transition move : moves) {
      array.addObject().put("baseline", move.baseline()).put("candidate", move.candidate()).put("crashes", move.crashes());
    }
  }

  private static List<String> minus(List<String> lines, List<String> others) {
    Set<String> drop = new LinkedHashSet<>(others);
    return lines.stream().filter(line -> !drop.contains(line)).distinct().toList();
  }
}
