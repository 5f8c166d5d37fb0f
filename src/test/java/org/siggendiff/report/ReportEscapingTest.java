package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ReportEscapingTest {
  @Test
  void terminalTextEscapesControlFormatAndSeparatorCharacters() {
    assertEquals("a\\x1b[2Jb\\x07\\x9b\\u202e\\u2028\\x0a", TerminalText.clean("a\u001b[2Jb\u0007\u009b\u202e\u2028\n"));
    assertEquals("keeps\nnewlines\\x0d", TerminalText.cleanKeepingNewlines("keeps\nnewlines\r"));
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
  void csvCellsThatLookLikeFormulasGetAnApostrophe() {
    assertEquals("'=1+1", CsvRowWriter.cell("=1+1"));
    assertEquals("'+1", CsvRowWriter.cell("+1"));
    assertEquals("'-[NSObject foo]", CsvRowWriter.cell("-[NSObject foo]"));
    assertEquals("'@SUM(A1)", CsvRowWriter.cell("@SUM(A1)"));
    assertEquals("'\\x09x", CsvRowWriter.cell("\tx"));
    assertEquals("'\\x0d", CsvRowWriter.cell("\r"));
    assertEquals("OOM | small", CsvRowWriter.cell("OOM | small"));
    assertEquals("", CsvRowWriter.cell(null));
  }

  @Test
  void markdownEscapesWhatMarkdownWouldInterpret() {
    assertEquals("a \\| b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\>", MarkdownRowWriter.escape("a | b `c` *d* _e_ [f](g) <h>"));
    // The escape's own backslash is escaped too, so the page shows \x1b.
    assertEquals("x\\\\x1by", MarkdownRowWriter.escape("x\u001by"));
  }
}
