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

  /**
   * Lines {@code .*LITERAL} are answered by a search; on texts with and without line feeds, and
   * lines that only look like one, the answers are those of the joined pattern itself.
   */
  @Test
  void dotStarLiteralLinesAnswerAsTheJoinedPatternDoes() throws Exception {
    List<String> lines = List.of(".*abort", ".*\\.dll", ".*\\$VARIANT\\$", ".*?free", ".*a|b", ".*\\n z", "ns.*Lock");
    SiglistMatcher fast = assertAnswersAsTheJoinedPattern(lines, 14, 6,
        "abort", "ab", "ort", ".dll", "dll", "$VARIANT$", "\n", "\r", "x", "free", "a", "b", " z", "ns", "Lock", "q");
    assertTrue(fast.matches("xul.dll@0x1"));
    assertFalse(fast.matches("first line\nthen abort"));
    assertTrue(fast.matches("abort\nmore"));
  }

  @Test
  void chainsOfLiteralsAnswerAsTheJoinedPatternDoes() throws Exception {
    List<String> lines = List.of(".*framework.*\\.oat", ".*a.*b.*a", ".*ab.*", ".*x\\.*y", ".*[.*]z", ".*q.*?r", ".*\\n.*s");
    assertAnswersAsTheJoinedPattern(lines, 15, 8,
        "framework", "frame", ".oat", "oat", "a", "b", "ab", "\n", "x", ".", "y", "*", "z", "q", "r", "s");
  }

  /** The matcher of the lines, checked against their joined pattern on random texts made of the pieces. */
  private static SiglistMatcher assertAnswersAsTheJoinedPattern(List<String> lines, long seed, int maxPieces, String... pieces)
      throws Exception {
    SiglistMatcher fast = SiglistMatcher.of(lines);
    java.util.regex.Pattern joined = PythonRegex.translate(String.join("|", lines)).pattern();
    java.util.Random random = new java.util.Random(seed);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(maxPieces); n > 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertEquals(joined.matcher(t).lookingAt(), fast.matches(t), t);
    }
    return fast;
  }

  @Test
  void aChainOfLiteralsOnAVeryLongFrameTakesLinearTime() throws Exception {
    // A Socorro line: as a regex, quadratic on this frame (18 s for 90,000 characters).
    SiglistMatcher m = SiglistMatcher.of(List.of(".*framework.*\\.oat"));
    long start = System.nanoTime();
    assertFalse(m.matches("framework".repeat(10_000)));
    assertTrue(m.matches("framework".repeat(10_000) + ".oat"));
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "searches, not backtracking");
  }

  @Test
  void aRegexThatBacktracksOncePerPositionIsBoundedOnAVeryLongFrame() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of("js::RunScript", "a*a*c"), List.of("f.txt:1", "f.txt:2"), java.time.Duration.ofMillis(100));
    assertTrue(m.matches("a".repeat(2_000) + "c"));
    SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> m.matches("a".repeat(200_000)));
    assertEquals("f.txt:2", e.where());
  }

  @Test
  void aGroupRepeatedThousandsOfTimesMatchesAsPythonsLoopDoes() throws Exception {
    // Java's regex engine recurses once per repetition: on a thread's usual stack these
    // overflow a few thousand repetitions in; Python matches them.
    SiglistMatcher m = SiglistMatcher.of(List.of("(?:\\w+::)*Foo", "(?:a|b)*c"));
    assertTrue(m.matches("ab::".repeat(20_000) + "Foo"));
    assertTrue(m.matches("ab".repeat(20_000) + "c"));
    assertFalse(m.matches("ab::".repeat(20_000) + "Bar"));
  }

  @Test
  void aLineDeeperThanTheDeepStackFailsTheFrameNamingTheLine() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of("js::RunScript", "(?:a|b)*c"), List.of("f.txt:1", "f.txt:2"), SiglistMatcher.DEFAULT_TIMEOUT);
    String frame = "ab".repeat(5_000_000) + "c";
    SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> m.matches(frame));
    assertEquals("f.txt:2", e.where());
    assertTrue(e.getMessage().startsWith("siglist pattern too deep to match: f.txt:2 (on frame 'abab"), e.getMessage());
    assertTrue(e.getMessage().endsWith("...' of 10000001 characters)"), e.getMessage());
  }

  @Test
  void findingTheLineTooDeepDoesNotHangOnALineBeforeItThatBacktracks() throws Exception {
    SiglistMatcher m = SiglistMatcher.of(List.of(".*.*.*.*.*x", "X(?:a|b)*c"), List.of("f.txt:1", "f.txt:2"), java.time.Duration.ofMillis(200));
    SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> m.matches("X" + "ab".repeat(3_000_000)));
    assertEquals("f.txt:2", e.where());
    assertTrue(e.getMessage().startsWith("siglist pattern too deep to match: f.txt:2"), e.getMessage());
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
  void aLineInContextKeepsTheFirstLinesGlobalFlagsAndTheGroupNumbersButNotTheOtherLinesMatches() throws Exception {
    SiglistMatcher flagged = SiglistMatcher.of(List.of("(?i)abc", "def"));
    SiglistMatcher numbered = SiglistMatcher.of(List.of("(a)", "(b)\\2", "(c)\\1"));

    assertTrue(flagged.lineInContext(1).matches("DEF"));
    assertFalse(flagged.lineInContext(1).matches("ABC"));
    assertTrue(flagged.lineInContext(0).matches("ABC"));
    assertTrue(numbered.lineInContext(1).matches("bb"));
    assertFalse(numbered.lineInContext(1).matches("a"));
    // The group \1 names is the first line's, which never takes part when line 3 is tried.
    assertFalse(numbered.lineInContext(2).matches("cc"));
    assertFalse(numbered.lineInContext(2).matches("ca"));
  }

  @Test
  void globalFlagsOnALaterLineBreakTheJoinedList() {
    SiglistMatcher.JoinException e =
        assertThrows(SiglistMatcher.JoinException.class, () -> SiglistMatcher.of(List.of("abc", "(?i)def")));
    assertEquals(1, e.lineIndex());
  }

  /**
   * Lines translated one by one (as loading gives them) are joined without a second translation
   * only when nothing reaches across the join: a group name defined twice, flags on a later
   * line and numbered references still fail or count as in the joined pattern.
   */
  @Test
  void linesTranslatedOneByOneStillJoinAsOnePattern() throws Exception {
    SiglistMatcher.JoinException names = assertThrows(
        SiglistMatcher.JoinException.class, () -> translated("abc", "(?P<n>a)", "(?P<n>b)"));
    assertEquals(2, names.lineIndex());
    SiglistMatcher.JoinException flags = assertThrows(SiglistMatcher.JoinException.class, () -> translated("abc", "(?i)def"));
    assertEquals(1, flags.lineIndex());
    // Alone, (a)\1 matches "aa"; joined, \1 is the first line's group, which did not match.
    SiglistMatcher references = translated("(x)", "(a)\\1");
    assertFalse(references.matches("aa"));
    assertTrue(references.matches("x"));
    SiglistMatcher plain = translated("mozilla::dom::.*Foo", "(?P<n>x)y", ".*Lock");
    assertTrue(plain.matches("xy"));
    assertTrue(plain.matches("nsMutex::Lock"));
    assertFalse(plain.matches("mozilla::Foo"));
  }

  private static SiglistMatcher translated(String... lines) throws Exception {
    List<PythonRegex.Translation> translations = new java.util.ArrayList<>();
    for (String line : lines) {
      translations.add(PythonRegex.translate(line));
    }
    List<String> where = java.util.Arrays.stream(lines).map(line -> "line " + line).toList();
    return SiglistMatcher.of(List.of(lines), translations, where, SiglistMatcher.DEFAULT_TIMEOUT);
  }
}
