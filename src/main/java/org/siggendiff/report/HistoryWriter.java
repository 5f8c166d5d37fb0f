package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.siggendiff.history.HistoryCrashes;
import org.siggendiff.history.SignatureHistory;

/** Writes a history: per commit, the crashes it moved and the lines responsible; per crash, its timeline. */
public interface HistoryWriter {
  /** Bug numbers link here in Markdown. */
  String BUG_URL = "https://bugzilla.mozilla.org/show_bug.cgi?id=";

  /**
   * @param range the range as resolved, named at the top
   * @param rangeCommits how many commits of the range change the siglists, compared or not
   * @param read the crashes given: those followed, those that could not be read, the repeats
   */
  void write(String range, int rangeCommits, HistoryCrashes.Read read, SignatureHistory.Result result) throws IOException;

  /** The formats a history is written in. */
  enum Format {
    TEXT,
    MARKDOWN,
    JSONL;

    public static Format parse(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * @param links where crash IDs link to, in Markdown
   * @param maxChars the Markdown page's length limit, in UTF-16 code units
   */
  static HistoryWriter of(Format format, Writer out, ReportLinks links, int maxChars) {
    return switch (format) {
      case TEXT -> new HistoryTextWriter(out);
      case MARKDOWN -> new HistoryMarkdownWriter(out, links, maxChars);
      case JSONL -> new HistoryJsonlWriter(out);
    };
  }

  /** {@code 2 commits change the siglists, 97 moves of 97 crashes}: a history's first line. */
  static String counts(SignatureHistory.Result result) {
    int commits = result.commits().size();
    long moves = result.moves();
    int crashes = result.timelines().size();
    return commits + (commits == 1 ? " commit changes" : " commits change") + " the siglists, "
        + moves + (moves == 1 ? " move" : " moves") + " of " + CrashCount.of(crashes);
  }

  /** What an interrupted history leaves out, for the reports a person reads or pastes. */
  static String interruption(SignatureHistory.Result result, int rangeCommits) {
    return "only " + result.commits().size() + " of the range's " + rangeCommits
        + " commits were compared; the rest are not in this history";
  }

  static String bugs(List<String> bugs) {
    return bugs.isEmpty() ? "" : "bug " + String.join(", ", bugs);
  }
}
