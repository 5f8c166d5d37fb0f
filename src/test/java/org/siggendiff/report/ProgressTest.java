package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void writesAPlainLineEveryTenSecondsWhenNotOnATerminal() {
    StringWriter err = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(err), "fetch", 100, false, now::get);
    for (int i = 0; i < 50; i++) {
      now.addAndGet(250_000_000L);
      progress.advance();
    }
    progress.finish();
    assertEquals("fetch: 40/100 (40%), 4/s, ETA 0:15\n", err.toString());
  }

  @Test
  void redrawsABarInPlaceOnATerminalAndClearsIt() {
    StringWriter err = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(err), "diff", 10, true, now::get);
    now.set(1_000_000_000L);
    progress.advance();
    progress.finish();
    String shown = err.toString();
    assertTrue(shown.startsWith("\rdiff: [###" + ".".repeat(27) + "] 1/10 (10%), 1/s, ETA 0:09\033[K"), shown);
    assertTrue(shown.endsWith("\r\033[K"));
  }

  @Test
  void clearTakesTheBarOffTheLineAndTheNextDueAdvanceDrawsItAgain() {
    StringWriter err = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(err), "diff", 10, true, now::get);
    now.set(1_000_000_000L);
    progress.advance();
    progress.clear();
    assertTrue(err.toString().endsWith("ETA 0:09\033[K\r\033[K"), err.toString());
    int cleared = err.toString().length();
    progress.clear();
    assertEquals(cleared, err.toString().length(), "nothing to clear twice");
    now.addAndGet(300_000_000L);
    progress.advance();
    assertTrue(err.toString().substring(cleared).startsWith("\rdiff: ["), err.toString());
    progress.finish();
    assertTrue(err.toString().endsWith("\r\033[K"));
  }

  @Test
  void withoutACountTheShareOfTheInputReadGivesAnEta() {
    StringWriter err = new StringWriter();
    AtomicLong now = new AtomicLong();
    double[] read = {0.25};
    Progress progress = new Progress(new PrintWriter(err), "diff", -1, false, now::get, () -> read[0]);
    for (int i = 0; i < 100; i++) {
      now.addAndGet(100_000_000L);
      progress.advance();
    }
    read[0] = 1;
    for (int i = 0; i < 100; i++) {
      now.addAndGet(100_000_000L);
      progress.advance();
    }

    assertEquals("diff: 100, 10/s, 25% of the input read, ETA 0:30\ndiff: 200, 10/s\n", err.toString());
  }
}
