package org.siggendiff.crashstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrashIdTest {
  private static final String ID = "0bba61c5-dfc3-43e7-87e6-8afda3201107";

  @ParameterizedTest
  @ValueSource(
      strings = {
        ID,
        "  " + ID + "\t",
        "bp-" + ID,
        "https://crash-stats.mozilla.org/report/index/" + ID,
        "https://crash-stats.mozilla.org/report/index/bp-" + ID + "/",
        "https://crash-stats.allizom.org/report/index/" + ID + "?foo=bar#allthreads",
      })
  void acceptsTheFormsPeoplePaste(String text) throws InvalidCrashIdException {
    assertEquals(ID, CrashId.parse(text).value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0BBA61C5-DFC3-43E7-87E6-8AFDA3201107",
        "0bba61c5-dfc3-43e7-87e6-8afda3201107x",
        "0bba61c5-dfc3-43e7-87e6-8afda32011",
        "0bba61c5-dfc3-43e7-87e6-8afda3abcdef",
        "0bba61c5-dfc3-43e7-87e6-8afda3201399",
        "0bba61g5-dfc3-43e7-87e6-8afda3201107",
        "0bba61c5-dfc343e7--87e6-8afda3201107",
        "0bba61c5-dfc3-43e7-87e6-8afda3١٠١١٠٧",
        "0bba61c5-dfc3-43e7-87e6-8afda3210229",
        "../../etc/passwd",
        "0bba61c5-dfc3-43e7-87e6-8afda3201107/../../x",
        "https://crash-stats.mozilla.org/search/?signature=x",
      })
  void rejectsAnythingElse(String text) {
    assertThrows(InvalidCrashIdException.class, () -> CrashId.parse(text));
  }

  @Test
  void aRecordCannotHoldAnInvalidId() {
    assertThrows(IllegalArgumentException.class, () -> new CrashId("../" + ID));
  }

  @Test
  void quotesBadInputWithoutControlCharacters() {
    InvalidCrashIdException e = assertThrows(InvalidCrashIdException.class, () -> CrashId.parse("\u001b]0;pwned\u0007x"));
    assertEquals("not a crash ID: '\\x1b]0;pwned\\x07x'", e.getMessage());
    String longText = "y".repeat(500);
    e = assertThrows(InvalidCrashIdException.class, () -> CrashId.parse(longText));
    assertTrue(e.getMessage().length() < 120);
  }

  @Test
  void readsLinesSkippingBlanksAndCommentsAndKeepsInvalidOnesWithTheirLineNumber() throws Exception {
    List<CrashIdInput.Entry> entries =
        CrashIdInput.fromLines(new StringReader("# experiment\n\n" + ID + "\nnonsense\n  bp-" + ID + "\n"));
    assertEquals(3, entries.size());
    assertEquals(new CrashIdInput.Valid("line 3", new CrashId(ID)), entries.get(0));
    CrashIdInput.Invalid invalid = assertInstanceOf(CrashIdInput.Invalid.class, entries.get(1));
    assertEquals("line 4", invalid.where());
    assertEquals("not a crash ID: 'nonsense'", invalid.reason());
    assertEquals("line 5", entries.get(2).where());
  }

  @Test
  void anAbsurdlyLongLineIsAnInvalidEntryAndTheNextLineIsStillRead() throws Exception {
    long length = 5_000_000;
    // Generated as it is read, so the test itself holds none of it.
    java.io.Reader endlessLine = new java.io.Reader() {
      private long sent;
      private final String tail = "\r\n" + ID + "\r" + ID + "\n";

      @Override
      public int read(char[] buffer, int offset, int count) {
        if (sent >= length + tail.length()) {
          return -1;
        }
        int n = 0;
        while (n < count && sent < length + tail.length()) {
          buffer[offset + n++] = sent < length ? 'x' : tail.charAt((int) (sent - length));
          sent++;
        }
        return n;
      }

      @Override
      public void close() {}
    };
    List<CrashIdInput.Entry> entries = CrashIdInput.fromLines(endlessLine);
    assertEquals(3, entries.size());
    assertEquals(new CrashIdInput.Invalid("line 1", "longer than 65536 characters"), entries.get(0));
    assertEquals(new CrashIdInput.Valid("line 2", new CrashId(ID)), entries.get(1));
    assertEquals(new CrashIdInput.Valid("line 3", new CrashId(ID)), entries.get(2));
  }

  @Test
  void numbersArguments() {
    List<CrashIdInput.Entry> entries = CrashIdInput.fromArguments(List.of(ID, "x"));
    assertEquals("argument 1", entries.get(0).where());
    assertFalse(entries.get(1) instanceof CrashIdInput.Valid);
  }
}
