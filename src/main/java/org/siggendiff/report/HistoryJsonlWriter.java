package org.siggendiff.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import org.siggendiff.attribution.ExplanationJson;
import org.siggendiff.history.HistoryCommit;
import org.siggendiff.history.SignatureHistory;

/**
 * One ASCII-only JSON object per move: {@code commit, date, subject, bugs, crash_id, baseline,
 * candidate, cause}, the cause as in the diff's JSON Lines.
 */
final class HistoryJsonlWriter implements HistoryWriter {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final Writer out;

  HistoryJsonlWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(String range, SignatureHistory.Result result) throws IOException {
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      for (SignatureHistory.Move move : commit.moves()) {
        HistoryCommit c = commit.commit();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("commit", c.sha());
        node.put("date", c.date());
        node.put("subject", c.subject());
        c.bugs().forEach(node.putArray("bugs")::add);
        if (c.bugs().isEmpty()) {
          node.putArray("bugs");
        }
        node.put("crash_id", move.crashId());
        node.put("baseline", move.baseline());
        node.put("candidate", move.candidate());
        node.set("cause", ExplanationJson.cause(move.cause()));
        out.write(JSON.writeValueAsString(node));
        out.write("\n");
      }
    }
    out.flush();
  }
}
