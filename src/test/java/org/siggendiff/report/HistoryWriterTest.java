package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.diff.RepeatedCrashes;
import org.siggendiff.history.HistoryCommit;
import org.siggendiff.history.HistoryCrashes;
import org.siggendiff.history.SignatureHistory;

class HistoryWriterTest {
  private static final HistoryCommit COMMIT = new HistoryCommit("a".repeat(40), List.of("b".repeat(40)), "2024-01-03T10:00:00+00:00",
      "Bug 1234567 - Demo change");

  private static final HistoryCrashes.Read NOTHING_LEFT_OUT = new HistoryCrashes.Read(List.of(), List.of(), new RepeatedCrashes(), false);

  private static SignatureHistory.Result result(boolean stopped) {
    return new SignatureHistory.Result(List.of(new SignatureHistory.CommitMoves(COMMIT, true, List.of(), null)), List.of(), List.of(),
        List.of(), stopped, new SignatureHistory.Stats(2, 10, 0));
  }

  private static String written(HistoryWriter.Format format, SignatureHistory.Result result) throws IOException {
    StringWriter out = new StringWriter();
    HistoryWriter.of(format, out, ReportLinks.crashStats(), 65_000).write("repo@a..b", 3, NOTHING_LEFT_OUT, result);
    return out.toString();
  }

  @Test
  void anInterruptedHistorySaysInItsTextAndMarkdownHowMuchOfTheRangeItCompared() throws IOException {
    String text = written(HistoryWriter.Format.TEXT, result(true));
    String markdown = written(HistoryWriter.Format.MARKDOWN, result(true));

    assertEquals("interrupted: only 1 of the range's 3 commits were compared; the rest are not in this history",
        text.lines().toList().get(1));
    assertTrue(markdown.contains("\n**Interrupted:** only 1 of the range's 3 commits were compared; the rest are not in this"
        + " history.\n"), markdown);
  }

  @Test
  void aWholeHistorySaysNothingOfInterruption() throws IOException {
    assertFalse(written(HistoryWriter.Format.TEXT, result(false)).contains("nterrupted"));
    assertFalse(written(HistoryWriter.Format.MARKDOWN, result(false)).contains("nterrupted"));
  }

  @Test
  void markdownSaysHowManyCrashesWereFollowedAndWhyTheRestWereNot() throws IOException {
    RepeatedCrashes repeats = new RepeatedCrashes();
    repeats.first("a", 1);
    repeats.first("a", 1);
    HistoryCrashes.Read read = new HistoryCrashes.Read(
        List.of(), List.of(new HistoryCrashes.Unreadable("line 2", "not in the cache (offline)")), repeats, false);
    StringWriter out = new StringWriter();

    HistoryWriter.of(HistoryWriter.Format.MARKDOWN, out, ReportLinks.crashStats(), 65_000).write("repo@a..b", 3, read, result(false));

    assertTrue(out.toString().contains("\n0 crashes followed; of the rest, 1 crash could not be read, 1 repeat left out.\n"), out.toString());
  }
}
