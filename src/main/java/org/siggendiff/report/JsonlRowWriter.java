package org.siggendiff.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.siggendiff.attribution.ExplanationJson;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;

/**
 * One JSON object per crash with exactly the keys {@code crash_id, status, production, baseline,
 * candidate, same, baseline_notes, candidate_notes, error, cause}, and when verbose also
 * {@code baseline_debug, candidate_debug}; ASCII-only, so no raw control or non-ASCII character
 * reaches the output. {@code cause} is null unless the signatures differ, and then as
 * {@link ExplanationJson#cause} writes it.
 */
final class JsonlRowWriter implements RowWriter {


  private final Writer out;
  private final boolean verbose;

  JsonlRowWriter(Writer out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  @Override
  public void row(DiffRow row) throws IOException {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("crash_id", row.crashId());
    json.put("status", row.ok() ? "ok" : "error");
    json.put("production", row.production());
    json.put("baseline", row.baseline());
    json.put("candidate", row.candidate());
    if (row.ok()) {
      json.put("same", row.same());
    } else {
      json.putNull("same");
    }
    json.set("baseline_notes", array(row.baselineNotes()));
    json.set("candidate_notes", array(row.candidateNotes()));
    json.put("error", row.error());
    if (row.cause() != null) {
      json.set("cause", ExplanationJson.cause(row.cause()));
    } else {
      json.putNull("cause");
    }
    if (verbose) {
      json.set("baseline_debug", array(row.baselineDebug()));
      json.set("candidate_debug", array(row.candidateDebug()));
    }
    out.write(AsciiJson.COMPACT.writeValueAsString(json));
    out.write('\n');
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }

  @Override
  public void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    out.flush();
  }
}
