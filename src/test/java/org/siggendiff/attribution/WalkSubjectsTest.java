package org.siggendiff.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.engine.SignatureEngine;
import org.siggendiff.signature.SignatureGenerator;

/** What a crash's walks test the siglists on, and which of those a set of changed lines reaches. */
class WalkSubjectsTest {
  private static SignatureGenerator generator() throws Exception {
    return SignatureEngine.fromLines(List.of("Ignored"), List.of("Foo"), List.of("Mid"), List.of("Lined")).generator();
  }

  private static CrashData crash(String json) throws Exception {
    return CrashData.of(CrashJson.parse(json.replace('\'', '"')));
  }

  @Test
  void everyFrameOfTheCrashingThreadAndThreadZeroIsASubject() throws Exception {
    CrashData data = crash("{'crashing_thread': 1, 'threads': ["
        + "{'frames': [{'function': 'ZeroTop'}]},"
        + "{'frames': [{'function': 'Top'}, {'function': 'Mid'}, {'function': 'Lined', 'line': 3}, {'function': 'Last'}]}]}");

    WalkSubjects subjects = WalkSubjects.of(generator(), data);

    assertEquals(List.of("Top", "Mid", "Lined:3", "Last", "ZeroTop"), List.copyOf(subjects.frames()));
    assertEquals(Set.of("Top", "Mid", "Lined", "Last", "ZeroTop"), subjects.functions());
  }

  @Test
  void aCrashThatAJavaToolSignsHasNoSubjects() throws Exception {
    WalkSubjects subjects = WalkSubjects.of(generator(), crash("{'java_stack_trace': 'java.lang.Error: x\\n\\tat a.B.c(B.java:1)'}"));

    assertTrue(subjects.frames().isEmpty());
    assertTrue(subjects.functions().isEmpty());
  }

  @Test
  void aWalkThatRaisesGivesNoSubjects() throws Exception {
    assertNull(WalkSubjects.of(generator(), crash("{'crashing_thread': 0, 'threads': [{'frames': 'not a list'}]}")));
  }

  @Test
  void changedLinesMatchWhatTheirListWouldAndNameTheirLiteralPrefixes() {
    ChangedLines lines = ChangedLines.of(Set.of("moz_xmalloc", "moz_x.*", "Foo::Bar"));

    assertTrue(lines.matches("moz_xmalloc_impl"));
    assertFalse(lines.matches("Other"));
    assertEquals(List.of("Foo::Bar", "moz_x"), lines.literalPrefixes());
    assertNull(ChangedLines.of(Set.of(".*anything")).literalPrefixes());
  }

  @Test
  void linesWithBackreferencesOrGlobalFlagsInteract() {
    assertTrue(ChangedLines.interact(List.of("(a)\\1", "b")));
    assertTrue(ChangedLines.interact(List.of("(?i)a", "b")));
    assertFalse(ChangedLines.interact(List.of("a", "b.*")));
    assertFalse(ChangedLines.interact(List.of()));
  }
}
