package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import org.siggendiff.history.HistoryCommit;
import org.siggendiff.history.HistoryCrashes;
import org.siggendiff.history.SignatureHistory;

/** A history for the terminal: every piece of commit and crash text cleaned of control and invisible characters. */
final class HistoryTextWriter implements HistoryWriter {
  private final Writer out;

  HistoryTextWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(String range, int rangeCommits, HistoryCrashes.Read read, SignatureHistory.Result result) throws IOException {
    line("history of " + range + ": " + HistoryWriter.counts(result));
    if (result.stopped()) {
      line("interrupted: " + HistoryWriter.interruption(result, rangeCommits));
    }
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      out.write("\n");
      line("commit " + commit.commit().shortSha() + " " + commit.commit().date() + " " + commit.commit().subject());
      if (!commit.commit().bugs().isEmpty()) {
        line("  " + HistoryWriter.bugs(commit.commit().bugs()));
      }
      if (commit.note() != null) {
        line("  " + commit.note());
      }
      if (!commit.compared()) {
        continue;
      }
      line("  moves " + commit.moves().size() + (commit.moves().size() == 1 ? " crash" : " crashes"));
      for (SignatureHistory.Move move : commit.moves()) {
        line("  " + move.crashId() + "  \"" + move.baseline() + "\" -> \"" + move.candidate() + "\"");
        for (String cause : CauseText.lines(move.cause())) {
          line("      " + cause);
        }
      }
    }
    if (!result.timelines().isEmpty()) {
      out.write("\n");
      line("timelines of the crashes that moved:");
      for (SignatureHistory.Timeline timeline : result.timelines()) {
        line("crash " + timeline.crashId());
        line("  at the start  \"" + timeline.start() + "\"");
        for (SignatureHistory.Change change : timeline.changes()) {
          HistoryCommit commit = change.commit();
          String bugs = commit.bugs().isEmpty() ? "" : " " + HistoryWriter.bugs(commit.bugs());
          line("  " + commit.shortSha() + " " + commit.date() + bugs + "  \"" + change.from() + "\" -> \"" + change.to() + "\"");
        }
      }
    }
    out.flush();
  }

  private void line(String text) throws IOException {
    out.write(TerminalText.clean(text));
    out.write("\n");
  }
}
