package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.siggendiff.diff.DiffSummary;

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
}
