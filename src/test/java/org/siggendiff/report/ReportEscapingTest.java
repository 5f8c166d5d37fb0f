package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ReportEscapingTest {
  @Test
  void terminalTextEscapesControlFormatAndSeparatorCharacters() {
    assertEquals("a\\x1b[2Jb\\x07\\x9b\\u202e\\u2028\\x0a", TerminalText.clean("a\u001b[2Jb\u0007\u009b\u202e\u2028\n"));
    assertEquals("lone \\ud800 surrogate", TerminalText.clean("lone \ud800 surrogate"));
  }

  @Test
  void terminalTextLeavesPrintableTextAlone() {
    String text = "mozilla::dom::Foo<T>::Bar | \u65e5\u672c\u8a9e | \ud83d\ude00";
    assertEquals(text, TerminalText.clean(text));
    String ascii = "OOM | small";
    assertSame(ascii, TerminalText.clean(ascii));
  }

  @Test
  void terminalTextEscapesTagsPrivateUseVariationSelectorsAndOtherInvisibleCodePoints() {
    // Tag characters spelling "hi", then the cancel tag: invisible, yet they survive copy and paste.
    assertEquals("a\\U000e0068\\U000e0069\\U000e007fb", TerminalText.clean("a\udb40\udc68\udb40\udc69\udb40\udc7fb"));
    assertEquals("\\ue000 \\U000f0000 \\U0010fffd", TerminalText.clean("\ue000 \udb80\udc00 \udbff\udffd"));
    assertEquals("\\U000e0001", TerminalText.clean("\udb40\udc01"));
    assertEquals("x\\ufe0f \\U000e0100 \\u3164 \\u034f \\u200d \\xad \\U0001d173", TerminalText.clean(
        "x\ufe0f \udb40\udd00 \u3164 \u034f \u200d \u00ad \ud834\udd73"));
    // Unassigned supplementary code points are escaped too.
    assertEquals("\\U0003fffd", TerminalText.clean("\ud8bf\udffd"));
  }

  @Test
  void everyWriterEscapesInvisibleCodePointsTheSameWay() {
    String tagged = "Foo\udb40\udc41\ue000";
    String shown = "Foo\\U000e0041\\ue000";
    assertEquals(shown, CsvRowWriter.cell(tagged, true));
    assertEquals(shown, CsvRowWriter.cell(tagged, false));
    assertEquals(shown.replace("\\", "\\\\"), MarkdownRowWriter.escape(tagged));
  }

  @Test
  void csvCellsAreLeftAsTheyAreWhenRaw() {
    assertEquals("-[NSApplication run]", CsvRowWriter.cell("-[NSApplication run]", false));
    assertEquals("+[NSException raise]", CsvRowWriter.cell("+[NSException raise]", false));
    assertEquals("=1+1", CsvRowWriter.cell("=1+1", false));
    assertEquals("'-[NSApplication run]", CsvRowWriter.cell("-[NSApplication run]", true));
  }

  @Test
  void markdownMakesMentionsAndIssueReferencesInert() {
    // GitHub links mentions after Markdown escapes are gone, so a backslash before @ would not stop the ping.
    assertEquals("@<!-- -->0x0 \\| @<!-- -->mozilla/security", MarkdownRowWriter.escape("@0x0 | @mozilla/security"));
    assertEquals("see #<!-- -->123 and mozilla/gecko#<!-- -->4", MarkdownRowWriter.escape("see #123 and mozilla/gecko#4"));
  }

  @Test
  void markdownMakesGhReferencesAndEmojiShortcodesInert() {
    assertEquals("GH<!-- -->-45 and gh<!-- -->-7, not GH-x", MarkdownRowWriter.escape("GH-45 and gh-7, not GH-x"));
    // GitHub would show :new: and :thread: as emoji inside a Rust or C++ name.
    assertEquals("std::<!-- -->sys::<!-- -->unix::<!-- -->thread::<!-- -->Thread::<!-- -->new::thread\\_start",
        MarkdownRowWriter.escape("std::sys::unix::thread::Thread::new::thread_start"));
    assertEquals(":<!-- -->+1: :<!-- -->x: a:b OOM \\| small", MarkdownRowWriter.escape(":+1: :x: a:b OOM | small"));
  }

  @Test
  void csvLineFeedsInsideCrashTextAreEscapedSoTheyCannotForgeAnEntry() {
    assertEquals("baseline: frame\\x0acandidate: forged\ncandidate: real",
        CsvRowWriter.lines(java.util.List.of("baseline: frame\ncandidate: forged", "candidate: real"), true));
    assertEquals("a\\x0ab", CsvRowWriter.cell("a\nb", true));
    assertEquals("'=1\nx", CsvRowWriter.lines(java.util.List.of("=1", "x"), true));
    assertEquals("", CsvRowWriter.lines(java.util.List.of(), true));
  }

  @Test
  void csvCellsThatLookLikeFormulasGetAnApostrophe() {
    assertEquals("'=1+1", CsvRowWriter.cell("=1+1", true));
    assertEquals("'+1", CsvRowWriter.cell("+1", true));
    assertEquals("'-[NSObject foo]", CsvRowWriter.cell("-[NSObject foo]", true));
    assertEquals("'@SUM(A1)", CsvRowWriter.cell("@SUM(A1)", true));
    assertEquals("'\\x09x", CsvRowWriter.cell("\tx", true));
    assertEquals("'\\x0d", CsvRowWriter.cell("\r", true));
    assertEquals("OOM | small", CsvRowWriter.cell("OOM | small", true));
    assertEquals("", CsvRowWriter.cell(null, true));
  }

  @Test
  void markdownEscapesWhatMarkdownWouldInterpret() {
    assertEquals("a \\| b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\>", MarkdownRowWriter.escape("a | b `c` *d* _e_ [f](g) <h>"));
    // The escape's own backslash is escaped too, so the page shows \x1b.
    assertEquals("x\\\\x1by", MarkdownRowWriter.escape("x\u001by"));
  }
}
