package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.testing.CrashIds;

/** The summary's lines on stderr. */
class SummaryTextTest {
  @Test
  void countsAreRightAlignedInSixColumnsAndLongerOnesAreKeptWhole() {
    assertEquals("     7", SummaryText.padded(7));
    assertEquals("123456", SummaryText.padded(123_456));
    assertEquals("1234567", SummaryText.padded(1_234_567));
  }

  @Test
  void signatureChangesAreCountedWithAsciiDigitsWhateverTheLocale() {
    Locale before = Locale.getDefault(Locale.Category.FORMAT);
    try {
      // A locale whose own digits are not ASCII.
      Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("ar-SA-u-nu-arab"));
      DiffSummary summary = new DiffSummary(ReportFixtures.PRODUCTION, ReportFixtures.CANDIDATE);
      for (int n = 1; n <= 12; n++) {
        summary.add(ReportFixtures.changed(n, "A", "B"));
      }
      List<String> lines = SummaryText.lines(summary);
      assertTrue(lines.contains("      12: A -> B"), lines.toString());
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, before);
    }
  }

  @Test
  void aCrashReadAgainCountsOnceAndTheSummaryNamesTheFirstTwentyReadMoreThanOnce() {
    DiffSummary summary = new DiffSummary(ReportFixtures.PRODUCTION, ReportFixtures.CANDIDATE);
    for (int n = 1; n <= 25; n++) {
      assertTrue(summary.add(ReportFixtures.changed(n, "A", "B")));
    }
    for (int n = 1; n <= 25; n++) {
      assertFalse(summary.add(ReportFixtures.same(n, "C")), "crash " + n + " is counted already");
    }
    assertFalse(summary.add(ReportFixtures.changed(1, "A", "B")));

    List<String> lines = SummaryText.lines(summary);

    assertTrue(lines.contains("25 crashes read: 25 changed, 0 unchanged, 0 failed; 26 repeats left out"), lines.toString());
    assertTrue(lines.contains("      25: A -> B"), lines.toString());
    int first = lines.indexOf("read more than once, counted as first read:");
    assertEquals("  " + CrashIds.text(1) + ": read 3 times, not signed as first read (another reading: C -> C)", lines.get(first + 1));
    assertEquals("  " + CrashIds.text(20) + ": read 2 times, not signed as first read (another reading: C -> C)", lines.get(first + 20));
    assertEquals("  and 5 more", lines.get(first + 21));
    assertFalse(String.join("\n", lines).contains(CrashIds.text(21)), lines.toString());
    assertTrue(lines.contains("warning: 25 crashes read more than once were not signed the same way each time (two documents under one"
        + " crash ID, or one that failed and one that did not): the first reading counts"), lines.toString());
  }
}
