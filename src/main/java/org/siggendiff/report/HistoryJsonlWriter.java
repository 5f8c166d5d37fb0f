package org.siggendiff.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import org.siggendiff.attribution.ExplanationJson;
import org.siggendiff.history.HistoryCommit;
import org.siggendiff.history.HistoryCrashes;
import org.siggendiff.history.SignatureHistory;

/**
 * One ASCII-only JSON object per move: {@code commit, date, subject, bugs, crash_id, baseline,
 * candidate, cause}, the cause as in the diff's JSON Lines.
 */
final class HistoryJsonlWriter implements HistoryWriter {
  private final Writer out;

  HistoryJsonlWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(String range, int rangeCommits, HistoryCrashes.Read read, SignatureHistory.Result result) throws IOException {
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      for (SignatureHistory.Move move : commit.moves()) {
        HistoryCommit c = commit.commit();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("commit", c.sha());
        node.put("date", c.date());
        node.put("subject", c.subject());
        ArrayNode bugs = node.putArray("bugs");
        c.bugs().forEach(bugs::add);
        node.put("crash_id", move.crashId());
        node.put("baseline", move.baseline());
        node.put("candidate", move.candidate());
        node.set("cause", ExplanationJson.cause(move.cause()));
        out.write(AsciiJson.COMPACT.writeValueAsString(node));
        out.write("\n");
      }
    }
    out.flush();
  }
}
