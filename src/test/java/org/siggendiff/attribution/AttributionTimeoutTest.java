package org.siggendiff.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.crashdata.UnsignableCrashException;

/**
 * A siglist line that backtracks without end, which generation never reaches on a frame because
 * an earlier line matches it first, is still bounded when attribution tries it, and fails the
 * crash as generation would.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AttributionTimeoutTest {
  private static final Duration BOUND = Duration.ofMillis(100);
  private static final String EVIL = "(.*a){25}$";
  /** Thirty a's and no end: {@code (.*a){25}$} tries every way to split them before failing. */
  private static final String EVIL_FRAME = "a".repeat(30) + "b";

  @TempDir Path folder;

  private SignatureGenerator set(String name, String irrelevant) throws Exception {
    Path dir = Files.createDirectories(folder.resolve(name));
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), irrelevant);
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "Other\n");
    Files.writeString(dir.resolve("signature_sentinels.txt"), "");
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "None$\n");
    return new SignatureGenerator(SiglistLoader.load(dir, name, BOUND));
  }

  private static CrashData stack(String... functions) throws IOException {
    StringBuilder frames = new StringBuilder();
    for (String function : functions) {
      frames.append(frames.length() == 0 ? "" : ", ").append("{\"function\": \"").append(function).append("\"}");
    }
    return CrashData.of(CrashJson.parse("{\"crashing_thread\": 0, \"threads\": [{\"frames\": [" + frames + "]}]}"));
  }

  private static void assertTimedOutOnLine(Path file, int line, UnsignableCrashException e) {
    assertEquals("siglist timeout", e.kind());
    assertTrue(e.getMessage().startsWith("siglist pattern timed out: " + file + ":" + line + " (on frame 'aaaa"), e.getMessage());
    assertTrue(e.getMessage().endsWith(", bound 100 ms)"), e.getMessage());
  }

  @Test
  void theCauseOfAMovedCrashFailsTheCrashWhenARemovedLineRunsOutOfTime() throws Exception {
    // The baseline's "aaa" makes the frame irrelevant before the joined pattern reaches line 2;
    // finding every removed line that matched it tries line 2 too.
    SignatureGenerator base = set("b", "aaa\n" + EVIL + "\n");
    SignatureGenerator cand = set("c", "Unrelated\n");
    CrashData crash = stack(EVIL_FRAME, "Foo");
    assertEquals("Foo", base.generate(crash).signature());
    assertEquals(EVIL_FRAME, cand.generate(crash).signature());
    Explainer explainer = new Explainer(new Explainer.Side("b", base), new Explainer.Side("c", cand));

    long start = System.nanoTime();
    UnsignableCrashException cause = assertThrows(UnsignableCrashException.class, () -> explainer.cause(crash));
    assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
    assertTimedOutOnLine(folder.resolve("b").resolve("irrelevant_signature_re.txt"), 2, cause);
    assertTimedOutOnLine(folder.resolve("b").resolve("irrelevant_signature_re.txt"), 2,
        assertThrows(UnsignableCrashException.class, () -> explainer.explain(crash, null)));

    // The next crash is explained as before.
    assertEquals("Foo", explainer.explain(stack("Foo", "Bar"), null).candidate().signature());
  }

  @Test
  void lineUsageFailsEveryCrashWithAFrameAnAddedLineRunsOutOfTimeOn() throws Exception {
    SiglistLines base = new SiglistLines(set("b", "aaa\n").siglists());
    SiglistLines cand = new SiglistLines(set("c", "aaa\n" + EVIL + "\n").siglists());
    LineUsage usage = new LineUsage(new SiglistChange(base, cand));
    Path file = folder.resolve("c").resolve("irrelevant_signature_re.txt");

    assertTimedOutOnLine(file, 2, assertThrows(UnsignableCrashException.class, () -> usage.observe(List.of(), List.of("Foo", EVIL_FRAME))));
    // Tested once: a later crash with the frame fails at once, with the same reason.
    long start = System.nanoTime();
    assertTimedOutOnLine(file, 2, assertThrows(UnsignableCrashException.class, () -> usage.observe(List.of(), List.of(EVIL_FRAME))));
    assertTrue((System.nanoTime() - start) / 1_000_000 < 50, "not tested again");

    // Other frames are still tested.
    usage.observe(List.of(), List.of("aaab", "Bar"));
    assertEquals(List.of(0), List.copyOf(usage.frameCounts().values()));
  }
}
