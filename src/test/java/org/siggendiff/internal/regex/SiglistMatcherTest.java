package org.siggendiff.internal.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiglistMatcherTest {

  @Test
  void matchesWhenAnyLineMatchesAtTheStart() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of("mozilla::dom::.*Foo", "js::RunScript", "@0x[0-9a-f]+", ".*Lock"));
    assertTrue(m.matches("mozilla::dom::BarFoo"));
    assertTrue(m.matches("js::RunScriptFast"));
    assertTrue(m.matches("@0x1f"));
    assertTrue(m.matches("nsMutex::Lock"));
    assertFalse(m.matches("js::Run"));
    assertFalse(m.matches("x@0x1f"));
  }

  @Test
  void anEmptyListMatchesEverythingLikeAnEmptyPattern() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of());
    assertTrue(m.matches("anything"));
    assertTrue(m.matches(""));
  }

  @Test
  void numberedBackreferencesCountGroupsAcrossLines() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of("(a)", "(b)\\2"));
    assertTrue(m.matches("bb"));
    assertFalse(m.matches("ba"));
  }

  @Test
  void globalFlagsOnTheFirstLineApplyToAllLines() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of("(?i)abc", "def"));
    assertTrue(m.matches("DEF"));
  }

  @Test
  void globalFlagsOnALaterLineBreakTheJoinedList() {
    SiglistMatcher.JoinException e =
        assertThrows(SiglistMatcher.JoinException.class, () -> SiglistMatcher.of(List.of("abc", "(?i)def")));
    assertEquals(1, e.lineIndex());
  }
}
