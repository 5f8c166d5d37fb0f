package org.siggendiff.attribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.siggendiff.signature.SignatureTrace;

/** Explanations and causes as JSON trees, for reports to write. */
public final class ExplanationJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExplanationJson() {}

  /**
   * A cause: {@code {"lines": [{file, line, change, text, frames}], "not_a_line": reason}}, with
   * exactly one of the two non-empty.
   */
  public static ObjectNode cause(Cause cause) {
    ObjectNode node = NODES.objectNode();
    ArrayNode lines = node.putArray("lines");
    for (LineCause line : cause.lines()) {
      ObjectNode item = lines.addObject();
      item.put("file", line.file());
      item.put("line", line.lineNumber());
      item.put("change", line.change());
      item.put("text", line.text());
      strings(item.putArray("frames"), line.frames());
    }
    if (cause.notALine() != null) {
      node.put("not_a_line", cause.notALine());
    } else {
      node.putNull("not_a_line");
    }
    return node;
  }

  /** A crash explanation, its crash named by {@code crashId}; with {@code debug}, each side's debug log too. */
  public static ObjectNode explanation(String crashId, CrashExplanation explanation, List<LintWarning> lint, boolean debug) {
    ObjectNode node = NODES.objectNode();
    node.put("crash_id", crashId);
    if (explanation.baseline() != null) {
      node.set("baseline", side(explanation.baseline(), debug));
    }
    node.set("candidate", side(explanation.candidate(), debug));
    if (explanation.baseline() != null) {
      // Without a baseline nothing was compared: no answer rather than a "same" that says one.
      node.put("same", !explanation.differs());
    }
    if (explanation.cause() != null) {
      node.set("cause", cause(explanation.cause()));
    }
    ArrayNode warnings = node.putArray("lint");
    for (LintWarning warning : lint) {
      ObjectNode item = warnings.addObject();
      item.put("kind", warning.kind().name().toLowerCase(java.util.Locale.ROOT));
      item.put("file", warning.line().file());
      item.put("line", warning.line().line());
      item.put("text", warning.line().text());
      item.put("message", warning.message());
    }
    return node;
  }

  private static ObjectNode side(SideExplanation side, boolean debug) {
    ObjectNode node = NODES.objectNode();
    node.put("source", side.source());
    node.put("signature", side.signature());
    ArrayNode walks = node.putArray("walks");
    for (ExplainedWalk walk : side.walks()) {
      ObjectNode item = walks.addObject();
      item.put("rule", walk.rule());
      item.put("thread", walk.thread());
      item.put("signature", walk.signature());
      item.put("failure", walk.failure());
      ArrayNode frames = item.putArray("frames");
      for (ExplainedFrame frame : walk.frames()) {
        ObjectNode f = frames.addObject();
        f.put("index", frame.index());
        f.put("frame", frame.text());
        f.put("role", frame.roleText());
        ArrayNode lines = f.putArray("lines");
        for (ListLine line : frame.lines()) {
          lines.addObject().put("file", line.file()).put("line", line.fileLine()).put("text", line.text());
        }
      }
    }
    ArrayNode rules = node.putArray("rules_after_walk");
    for (SignatureTrace.RuleStep step : side.rulesAfterWalk()) {
      rules.addObject().put("rule", step.rule()).put("before", step.before()).put("after", step.after());
    }
    strings(node.putArray("notes"), side.notes());
    if (debug) {
      strings(node.putArray("debug"), side.debugLog());
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
