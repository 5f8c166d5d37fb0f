package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.history.HistoryCommit;
import org.siggendiff.history.HistoryCrashes;
import org.siggendiff.history.SignatureHistory;

/**
 * A history for a bug or pull request: a table of moves per commit, then each crash's timeline,
 * within a length a comment takes (lines that do not fit are left out, at a line's end, and
 * counted). Commit subjects and crash text are escaped as the diff's Markdown escapes them
 * (mentions and references made inert); crash IDs link to their report and bug numbers to
 * Bugzilla.
 */
final class HistoryMarkdownWriter implements HistoryWriter {
  /** Room kept for the closing line that counts what was left out. */
  private static final int NOTICE_ROOM = 400;

  private final Writer out;
  private final ReportLinks links;
  private final int maxChars;

  HistoryMarkdownWriter(Writer out, ReportLinks links, int maxChars) {
    this.out = out;
    this.links = links;
    this.maxChars = maxChars;
  }

  @Override
  public void write(String range, int rangeCommits, HistoryCrashes.Read read, SignatureHistory.Result result) throws IOException {
    Page page = new Page(maxChars - NOTICE_ROOM);
    page.add("History of " + MarkdownRowWriter.escape(range) + ": " + HistoryWriter.counts(result) + "\n");
    if (!read.unreadable().isEmpty() || !read.repeats().isEmpty()) {
      // A reader of the pasted report sees what the crashes followed leave out; stderr lists them.
      List<String> notFollowed = new ArrayList<>();
      if (!read.unreadable().isEmpty()) {
        notFollowed.add(CrashCount.of(read.unreadable().size()) + " could not be read");
      }
      if (!read.repeats().isEmpty()) {
        notFollowed.add(SummaryText.leftOut(read.repeats()));
      }
      page.add("\n" + CrashCount.of(read.crashes().size()) + " followed; of the rest, " + String.join(", ", notFollowed) + ".\n");
    }
    if (result.stopped()) {
      page.add("\n**Interrupted:** " + HistoryWriter.interruption(result, rangeCommits) + ".\n");
    }
    long movesShown = 0;
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      HistoryCommit c = commit.commit();
      String heading = "\n### `" + c.shortSha() + "` " + MarkdownRowWriter.escape(c.date()) + " " + MarkdownRowWriter.escape(c.subject()) + "\n\n";
      if (!c.bugs().isEmpty()) {
        heading += "Bug " + c.bugs().stream().map(bug -> "[" + bug + "](" + BUG_URL + bug + ")").collect(Collectors.joining(", ")) + "\n\n";
      }
      if (!commit.compared()) {
        page.add(heading + MarkdownRowWriter.escape(commit.note()) + "\n");
        continue;
      }
      if (commit.note() != null) {
        heading += MarkdownRowWriter.escape(commit.note()) + "\n\n";
      }
      if (commit.moves().isEmpty()) {
        page.add(heading + "Moves no crash.\n");
        continue;
      }
      page.add(heading + "| crash | before | after | lines responsible |\n| --- | --- | --- | --- |\n");
      for (SignatureHistory.Move move : commit.moves()) {
        String cause = move.cause().isLine()
            ? move.cause().lines().stream().map(LineCause::line).map(line -> MarkdownRowWriter.escape(line.toString())).collect(Collectors.joining("<br>"))
            : MarkdownRowWriter.escape(move.cause().notALine());
        if (page.add("| " + crash(move.crashId(), move.linkable()) + " | " + MarkdownRowWriter.escape(move.baseline()) + " | "
            + MarkdownRowWriter.escape(move.candidate()) + " | " + cause + " |\n")) {
          movesShown++;
        }
      }
    }
    int timelinesShown = 0;
    if (!result.timelines().isEmpty()) {
      page.add("\n### Timelines\n");
      for (SignatureHistory.Timeline timeline : result.timelines()) {
        StringBuilder lines = new StringBuilder();
        lines.append("\n").append(crash(timeline.crashId(), timeline.linkable())).append("\n\n");
        lines.append("- at the start: ").append(MarkdownRowWriter.escape(timeline.start())).append("\n");
        for (SignatureHistory.Change change : timeline.changes()) {
          HistoryCommit c = change.commit();
          String bugs = c.bugs().isEmpty() ? "" : " (" + c.bugs().stream().map(bug -> "[bug " + bug + "](" + BUG_URL + bug + ")").collect(Collectors.joining(", ")) + ")";
          lines.append("- `").append(c.shortSha()).append("` ").append(MarkdownRowWriter.escape(c.date())).append(bugs).append(": ")
              .append(MarkdownRowWriter.escape(change.from())).append(" → ").append(MarkdownRowWriter.escape(change.to())).append("\n");
        }
        if (page.add(lines.toString())) {
          timelinesShown++;
        }
      }
    }
    out.write(page.text());
    if (page.full()) {
      out.write("\n**Cut to stay within " + maxChars + " characters (`--max-chars`): " + movesShown + " of " + result.moves() + " moves and "
          + timelinesShown + " of " + result.timelines().size() + " timelines shown.** All of it: run again with `--format text` or"
          + " `--format jsonl`, or with a larger `--max-chars`.\n");
    }
    out.flush();
  }

  /** The page so far; once a piece does not fit, no later piece is added, so nothing shows out of order. */
  private static final class Page {
    private final StringBuilder text = new StringBuilder();
    private final int room;
    private boolean full;

    Page(int room) {
      this.room = room;
    }

    /** Adds the piece when it fits; whether it did. */
    boolean add(String piece) {
      if (full || text.length() + piece.length() > room) {
        full = true;
        return false;
      }
      text.append(piece);
      return true;
    }

    boolean full() {
      return full;
    }

    String text() {
      return text.toString();
    }
  }

  private String crash(String id, boolean linkable) {
    return links.link(id).filter(link -> linkable).map(link -> "[" + id + "](" + link + ")").orElseGet(() -> MarkdownRowWriter.escape(id));
  }
}
