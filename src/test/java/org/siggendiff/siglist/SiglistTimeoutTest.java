package org.siggendiff.siglist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.internal.regex.PythonRegex;
import org.siggendiff.internal.regex.SiglistMatcher;
import org.siggendiff.internal.regex.SiglistTimeoutException;
import org.siggendiff.signature.SignatureGenerator;

/** A siglist line that backtracks without end is stopped and named; the others are unaffected. */
@Timeout(30)
class SiglistTimeoutTest {
  private static final Duration BOUND = Duration.ofMillis(100);
  /** Thirty a's and no end: {@code (.*a){25}$} tries every way to split them before failing. */
  private static final String EVIL_FRAME = "a".repeat(30) + "b";

  @Test
  void aCatastrophicLineTimesOutNamingItsLineAndTheFrame() throws Exception {
    SiglistMatcher matcher =
        SiglistMatcher.of(List.of("Foo", "(.*a){25}$"), List.of("prefix_signature_re.txt:1", "prefix_signature_re.txt:2"), BOUND);
    assertTrue(matcher.matches("Foo::Bar"));
    long start = System.nanoTime();
    SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> matcher.matches(EVIL_FRAME));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "stopped after " + millis + " ms");
    assertEquals("prefix_signature_re.txt:2", e.where());
    assertEquals(
        "siglist pattern timed out: prefix_signature_re.txt:2 (on frame '" + EVIL_FRAME + "', bound 100 ms)",
        e.getMessage());
  }

  @Test
  void aLongRunOfOptionalPartsTimesOutInsteadOfRunningForMinutes() throws Exception {
    String line = "a?".repeat(27) + "a".repeat(27);
    SiglistMatcher matcher = SiglistMatcher.of(List.of(line), List.of("irrelevant_signature_re.txt:1"), BOUND);
    long start = System.nanoTime();
    SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> matcher.matches("a".repeat(27)));
    assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
    assertEquals("irrelevant_signature_re.txt:1", e.where());
  }

  @Test
  void aLineThatHasBacktrackedTenBoundsWorthInARunIsNotRunAgain() throws Exception {
    SiglistMatcher matcher = SiglistMatcher.of(List.of("(.*a){25}$"), List.of("prefix_signature_re.txt:7"), BOUND);
    int timedOut = 0;
    SiglistTimeoutException spent = null;
    // Each distinct frame times out after its bound, having backtracked through millions of characters.
    while (spent == null && timedOut <= 100) {
      String frame = "a".repeat(30) + "b" + timedOut;
      SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> matcher.matches(frame));
      if (e.getMessage().contains("has backtracked")) {
        spent = e;
      } else {
        timedOut++;
      }
    }
    assertTrue(spent != null, "still run after " + timedOut + " timeouts");
    assertEquals("prefix_signature_re.txt:7", spent.where());
    long start = System.nanoTime();
    SiglistTimeoutException next = assertThrows(SiglistTimeoutException.class, () -> matcher.matches(EVIL_FRAME + "!"));
    assertTrue((System.nanoTime() - start) / 1_000_000 < BOUND.toMillis(), "not run");
    assertEquals("siglist pattern timed out: prefix_signature_re.txt:7 has backtracked through 100000000 characters in this run,"
        + " about ten time bounds' worth (not run on frame '" + EVIL_FRAME + "!')", next.getMessage());
  }

  @Test
  void aLineThatNeverBacktracksNeverSpendsItsBudget() throws Exception {
    // Bounded for its nested repeat, yet each match reads a handful of characters.
    SiglistMatcher matcher = SiglistMatcher.of(List.of("libc-\\d+\\.\\d+(\\.\\d+)?\\.so"), List.of("prefix_signature_re.txt:90"), Duration.ofMillis(1));
    for (int i = 0; i < 200_000; i++) {
      assertTrue(matcher.matches("libc-2." + i + ".so"));
    }
  }

  @Test
  void boundedLinesStillAnswerLikeTheJoinedPattern() throws Exception {
    SiglistMatcher matcher = SiglistMatcher.of(List.of("(a+)+b", "js::(\\w+::)*Run", "x.*y.*z.*w"), List.of("1", "2", "3"), BOUND);
    assertTrue(matcher.matches("aaab"));
    assertFalse(matcher.matches("aaac"));
    assertTrue(matcher.matches("js::jit::Run"));
    assertFalse(matcher.matches("js::jit::Stop"));
    assertTrue(matcher.matches("x1y2z3w"));
    assertFalse(matcher.matches("x1y2z3"));
  }

  @Test
  void onlyLinesThatCanBacktrackBadlyAreBounded() throws Exception {
    assertTrue(PythonRegex.translate("(.*a){25}$").mayBacktrackBadly());
    assertTrue(PythonRegex.translate("(a|ab)*c").mayBacktrackBadly());
    assertTrue(PythonRegex.translate("(a?){25}a{25}").mayBacktrackBadly());
    assertTrue(PythonRegex.translate("(a)\\1").mayBacktrackBadly());
    // A long run of optional parts, or three wide ones, need no nesting to backtrack badly.
    assertTrue(PythonRegex.translate("a?".repeat(27) + "a".repeat(27)).mayBacktrackBadly());
    assertTrue(PythonRegex.translate("a{0,1000}a{0,1000}a{0,1000}$").mayBacktrackBadly());
    assertTrue(PythonRegex.translate("(?:a|)".repeat(28) + "a".repeat(28)).mayBacktrackBadly());
    assertFalse(PythonRegex.translate("stdext::_?(h|H)ash").mayBacktrackBadly());
    assertFalse(PythonRegex.translate("libc\\.so(\\.\\d+)?").mayBacktrackBadly());
    assertFalse(PythonRegex.translate("a{2}b{0,3}c?d?").mayBacktrackBadly());
    assertFalse(PythonRegex.translate("mozilla::dom::.*").mayBacktrackBadly());
    assertFalse(PythonRegex.translate("_?RtlpCallQueryRegistryRoutine@?[0-9]*").mayBacktrackBadly());
    assertFalse(PythonRegex.translate("(Foo|Bar)::Baz").mayBacktrackBadly());
  }

  @Test
  void theGeneratorFailsTheCrashWithTheFileAndLineWhenGeneratingOrTracingAndTheNextCrashIsSigned(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), "abort\n");
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "# evil\nmalloc\n(.*a){25}$\n");
    Files.writeString(dir.resolve("signature_sentinels.txt"), "_purecall\n");
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "js_Interpret\n");
    SignatureGenerator generator = new SignatureGenerator(SiglistLoader.load(dir, "pr", BOUND));

    UnsignableCrashException e =
        assertThrows(UnsignableCrashException.class, () -> generator.generate(stack(EVIL_FRAME)));
    assertEquals("siglist timeout", e.kind());
    assertTrue(
        e.getMessage().startsWith("siglist pattern timed out: " + dir.resolve("prefix_signature_re.txt") + ":3 (on frame 'aaaa"),
        e.getMessage());
    // Tracing is API too: it fails the crash the same way, not with the matcher's own exception.
    UnsignableCrashException traced = assertThrows(UnsignableCrashException.class, () -> generator.trace(stack(EVIL_FRAME)));
    assertEquals(UnsignableCrashException.SIGLIST_TIMEOUT, traced.kind());
    assertEquals(e.getMessage(), traced.getMessage());
    assertEquals("malloc | Foo", generator.generate(stack("malloc", "Foo")).signature());
    assertEquals("malloc | Foo", generator.trace(stack("malloc", "Foo")).result().signature());
  }

  /**
   * Two sets with the same line-number list share their normalized frames; a line of that list
   * that runs out of time is still named by each set as its own file names it.
   */
  @Test
  void aLineNumberLineThatTimesOutIsNamedByEachSetThatSharesIt(@TempDir Path dir) throws Exception {
    for (String set : List.of("baseline", "candidate")) {
      Path folder = Files.createDirectory(dir.resolve(set));
      Files.writeString(folder.resolve("irrelevant_signature_re.txt"), "abort\n");
      Files.writeString(folder.resolve("prefix_signature_re.txt"), set.equals("baseline") ? "malloc\n" : "calloc\n");
      Files.writeString(folder.resolve("signature_sentinels.txt"), "_purecall\n");
      Files.writeString(folder.resolve("signatures_with_line_numbers_re.txt"), (set.equals("baseline") ? "" : "# moved down\n") + "(.*a){25}$\n");
    }
    SignatureGenerator candidate = new SignatureGenerator(SiglistLoader.load(dir.resolve("candidate"), "candidate", BOUND));
    SignatureGenerator baseline = candidate.withSiglists(SiglistLoader.load(dir.resolve("baseline"), "baseline", BOUND));

    for (SignatureGenerator generator : List.of(candidate, baseline)) {
      String file = generator.siglists().source().equals("candidate")
          ? dir.resolve("candidate").resolve("signatures_with_line_numbers_re.txt") + ":2"
          : dir.resolve("baseline").resolve("signatures_with_line_numbers_re.txt") + ":1";
      UnsignableCrashException e = assertThrows(UnsignableCrashException.class, () -> generator.generate(stack(EVIL_FRAME)));
      assertTrue(e.getMessage().startsWith("siglist pattern timed out: " + file + " (on frame"), e.getMessage());
    }
    assertEquals("calloc | Foo", candidate.generate(stack("calloc", "Foo")).signature());
    assertEquals("malloc | Foo", baseline.generate(stack("malloc", "Foo")).signature());
  }

  @Test
  void theDefaultBoundComesFromASystemProperty(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"irrelevant_signature_re.txt", "signature_sentinels.txt", "signatures_with_line_numbers_re.txt"}) {
      Files.writeString(dir.resolve(name), "ok\n");
    }
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "(.*a){25}$\n");
    System.setProperty(SiglistLoader.MATCH_TIMEOUT_PROPERTY, "50");
    try {
      SiglistSet set = SiglistLoader.load(dir, "pr");
      SiglistTimeoutException e = assertThrows(SiglistTimeoutException.class, () -> set.prefix().matches(EVIL_FRAME));
      assertTrue(e.getMessage().endsWith("bound 50 ms)"), e.getMessage());
      System.setProperty(SiglistLoader.MATCH_TIMEOUT_PROPERTY, "soon");
      SiglistException bad = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "pr"));
      assertEquals(SiglistLoader.MATCH_TIMEOUT_PROPERTY + ": not a number of milliseconds: soon", bad.getMessage());
    } finally {
      System.clearProperty(SiglistLoader.MATCH_TIMEOUT_PROPERTY);
    }
  }

  private static CrashData stack(String... functions) throws IOException {
    StringBuilder frames = new StringBuilder();
    for (String function : functions) {
      frames.append(frames.length() == 0 ? "" : ", ").append("{\"function\": \"").append(function).append("\"}");
    }
    return CrashData.of(CrashJson.parse("{\"crashing_thread\": 0, \"threads\": [{\"frames\": [" + frames + "]}]}"));
  }
}
