package org.siggendiff.beam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.ExplanationJson;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.engine.SignatureEngine;
import org.siggendiff.signature.SignatureResult;

/**
 * One input's diff, as the CLI's {@code diff.CrashLoader} and {@code diff.DiffRunner} make it
 * (they are not part of the engine): the same classification, the same failure reasons and
 * details, the same changed row as {@code --format jsonl} writes it, and the facts the summary
 * counts. Built once per worker; thread-safe, as the engines are.
 */
final class CrashDiff {
  /** ASCII-only JSON, as the CLI writes it. */
  static final ObjectWriter JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writer();

  /** A crash that could not be processed: the CLI's failed row, and its summary entry. */
  record Failure(String crashId, String reason, String detail) implements Serializable {
    String toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("crash_id", crashId).put("reason", reason).put("detail", detail);
      return write(json);
    }
  }

  /**
   * @param changedRow the JSON Lines row when the signatures differ, else null
   * @param failure why the input could not be processed, else null
   * @param facts what the summary counts of this input, each a JSON array (see {@link Facts})
   * @param baselineFrames the baseline's normalized frames, when the candidate changes lines
   * @param candidateFrames the candidate's
   */
  record Outcome(String changedRow, Failure failure, List<String> facts, List<String> baselineFrames,
      List<String> candidateFrames) {}

  private final SignatureEngine baseline;
  private final SignatureEngine candidate;
  private final Explainer explainer;
  private final boolean linesChanged;

  CrashDiff(SiglistTexts baseline, SiglistTexts candidate) {
    this.baseline = baseline.engine();
    this.candidate = candidate.engine();
    this.explainer = new Explainer(
        new Explainer.Side("baseline", this.baseline.generator()), new Explainer.Side("candidate", this.candidate.generator()));
    this.linesChanged = explainer.change().map(change -> !change.isEmpty()).orElse(false);
  }

  /** Never throws: a bug on one input becomes its "internal error" failure, as in the CLI. */
  Outcome diff(CrashInput input) {
    try {
      return load(input);
    } catch (RuntimeException | StackOverflowError e) {
      StackTraceElement[] trace = e.getStackTrace();
      String detail = "internal error at " + input.where() + ": " + e + (trace.length > 0 ? " (at " + trace[0] + ")" : "");
      return failed(input.crashId() != null ? input.crashId() : input.where(), "internal error", detail);
    }
  }

  private Outcome load(CrashInput input) {
    if (input.problem() != null) {
      return failed(input.where(), "invalid input", input.problem());
    }
    CrashDocument.Classified classified = classify(input.text());
    if (classified instanceof CrashDocument.NotACrash notACrash) {
      return failed(input.where(), "bad document", notACrash.reason());
    }
    CrashDocument.Crash crash = (CrashDocument.Crash) classified;
    String id = crashIdOf(input, crash);
    String crashId = id != null ? id : input.where();
    CrashData crashData;
    try {
      crashData = crash.crashData();
    } catch (UnsignableCrashException e) {
      return failed(crashId, e.kind(), e.getMessage());
    }
    return sign(crashId, crash.production(), crashData);
  }

  private static CrashDocument.Classified classify(String text) {
    JsonNode json;
    try {
      json = CrashJson.parse(text);
    } catch (JsonProcessingException e) {
      return new CrashDocument.NotACrash("not valid JSON: " + whereBytesBreak(text, e));
    } catch (IOException e) {
      return new CrashDocument.NotACrash(e.getMessage());
    }
    return CrashDocument.classify(json);
  }

  /** Where the JSON breaks, as the CLI says it: it reads bytes, in which Jackson counts columns otherwise than in text. */
  private static String whereBytesBreak(String text, JsonProcessingException inText) {
    try {
      CrashJson.parse(text.getBytes(StandardCharsets.UTF_8));
      return CrashJson.problem(inText);
    } catch (JsonProcessingException e) {
      return CrashJson.problem(e);
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static String crashIdOf(CrashInput input, CrashDocument.Crash crash) {
    if (input.crashId() != null) {
      return input.crashId();
    }
    for (String candidate : crash.crashIds()) {
      String id = CrashIds.parse(candidate);
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  private Outcome sign(String crashId, String production, CrashData crashData) {
    SignatureResult after;
    SignatureResult before;
    try {
      after = candidate.sign(crashData);
      before = baseline.sign(crashData);
    } catch (UnsignableCrashException e) {
      return failed(crashId, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return failed(crashId, "generation failed", "signature generation failed: " + e);
    }
    List<String> beforeFrames = linesChanged ? frames(before) : List.of();
    List<String> afterFrames = linesChanged ? frames(after) : List.of();
    if (before.signature().equals(after.signature())) {
      return new Outcome(null, null, List.of(Facts.UNCHANGED), beforeFrames, afterFrames);
    }
    // Attribution walks the crash again on both sides: only for the few crashes that moved.
    Cause cause = explainer.cause(crashData);
    List<String> facts = new ArrayList<>();
    facts.add(Facts.CHANGED);
    facts.add(Facts.move(Facts.MOVE, before.signature(), after.signature()));
    if (!cause.isLine()) {
      facts.add(Facts.move(Facts.NOT_BY_LINE, before.signature(), after.signature()));
    } else {
      for (LineCause line : cause.lines()) {
        facts.add(Facts.lineMove(line.line(), before.signature(), after.signature()));
      }
    }
    return new Outcome(row(crashId, production, before, after, cause), null, facts, beforeFrames, afterFrames);
  }

  private static List<String> frames(SignatureResult result) {
    return result.extra() == null ? List.of() : result.extra().normalizedFrames();
  }

  /** The row exactly as the CLI's JSON Lines writer writes a changed crash, not verbose. */
  private static String row(String crashId, String production, SignatureResult before, SignatureResult after, Cause cause) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("crash_id", crashId);
    json.put("status", "ok");
    json.put("production", production);
    json.put("baseline", before.signature());
    json.put("candidate", after.signature());
    json.put("same", false);
    json.set("baseline_notes", array(before.notes()));
    json.set("candidate_notes", array(after.notes()));
    json.putNull("error");
    json.set("cause", ExplanationJson.cause(cause));
    return write(json);
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static Outcome failed(String crashId, String reason, String detail) {
    return new Outcome(null, new Failure(crashId, reason, detail), List.of(Facts.failed(reason)), List.of(), List.of());
  }

  static String write(JsonNode json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the summary counts, one JSON array per fact so that any signature text keys safely:
   * {@code ["changed"]}, {@code ["unchanged"]}, {@code ["failed", reason]},
   * {@code ["move", baseline, candidate]}, {@code ["not_by_line", baseline, candidate]} and
   * {@code ["line", file, line, change, text, baseline, candidate]}.
   */
  static final class Facts {
    static final String CHANGED = "[\"changed\"]";
    static final String UNCHANGED = "[\"unchanged\"]";
    static final String FAILED = "failed";
    static final String MOVE = "move";
    static final String NOT_BY_LINE = "not_by_line";
    static final String LINE = "line";

    private Facts() {}

    static String failed(String reason) {
      return write(JsonNodeFactory.instance.arrayNode().add(FAILED).add(reason));
    }

    static String move(String kind, String baseline, String candidate) {
      return write(JsonNodeFactory.instance.arrayNode().add(kind).add(baseline).add(candidate));
    }

    static String lineMove(ChangedLine line, String baseline, String candidate) {
      return write(JsonNodeFactory.instance.arrayNode().add(LINE).add(line.kind().name()).add(line.line())
          .add(line.change()).add(line.text()).add(baseline).add(candidate));
    }
  }
}
