package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.history.HistoryCommit;
import org.siggendiff.history.SignatureHistory;

/**
 * A history for a bug or pull request: a table of moves per commit, then each crash's timeline.
 * Commit subjects and crash text are escaped as the diff's Markdown escapes them (mentions and
 * references made inert); crash IDs link to their report and bug numbers to Bugzilla.
 */
final class HistoryMarkdownWriter implements HistoryWriter {
  private final Writer out;
  private final ReportLinks links;

  HistoryMarkdownWriter(Writer out, ReportLinks links) {
    this.out = out;
    this.links = links;
  }

  @Override
  public void write(String range, SignatureHistory.Result result) throws IOException {
    out.write("History of " + MarkdownRowWriter.escape(range) + ": " + HistoryWriter.counts(result) + "\n");
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      HistoryCommit c = commit.commit();
      out.write("\n### `" + c.shortSha() + "` " + MarkdownRowWriter.escape(c.date()) + " " + MarkdownRowWriter.escape(c.subject()) + "\n\n");
      if (!c.bugs().isEmpty()) {
        out.write("Bug " + c.bugs().stream().map(bug -> "[" + bug + "](" + BUG_URL + bug + ")").collect(Collectors.joining(", ")) + "\n\n");
      }
      if (commit.note() != null) {
        out.write(MarkdownRowWriter.escape(commit.note()) + "\n");
        continue;
      }
      if (commit.moves().isEmpty()) {
        out.write("Moves no crash.\n");
        continue;
      }
      out.write("| crash | before | after | lines responsible |\n| --- | --- | --- | --- |\n");
      for (SignatureHistory.Move move : commit.moves()) {
        String cause = move.cause().isLine()
            ? move.cause().lines().stream().map(LineCause::line).map(line -> MarkdownRowWriter.escape(line.toString())).collect(Collectors.joining("<br>"))
            : MarkdownRowWriter.escape(move.cause().notALine());
        out.write("| " + crash(move.crashId(), move.linkable()) + " | " + MarkdownRowWriter.escape(move.baseline()) + " | "
            + MarkdownRowWriter.escape(move.candidate()) + " | " + cause + " |\n");
      }
    }
    if (!result.timelines().isEmpty()) {
      out.write("\n### Timelines\n");
      for (SignatureHistory.Timeline timeline : result.timelines()) {
        out.write("\n" + crash(timeline.crashId(), timeline.linkable()) + "\n\n");
        out.write("- at the start: " + MarkdownRowWriter.escape(timeline.start()) + "\n");
        for (SignatureHistory.Change change : timeline.changes()) {
          HistoryCommit c = change.commit();
          String bugs = c.bugs().isEmpty() ? "" : " (" + c.bugs().stream().map(bug -> "[bug " + bug + "](" + BUG_URL + bug + ")").collect(Collectors.joining(", ")) + ")";
          out.write("- `" + c.shortSha() + "` " + MarkdownRowWriter.escape(c.date()) + bugs + ": " + MarkdownRowWriter.escape(change.from())
              + " → " + MarkdownRowWriter.escape(change.to()) + "\n");
        }
      }
    }
    out.flush();
  }

  private String crash(String id, boolean linkable) {
    return links.link(id).filter(link -> linkable).map(link -> "[" + id + "](" + link + ")").orElseGet(() -> MarkdownRowWriter.escape(id));
  }
}
