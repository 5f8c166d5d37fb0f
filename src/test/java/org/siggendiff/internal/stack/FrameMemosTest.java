package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;

class FrameMemosTest {
  private static SiglistSet set(String source, String prefix, String lineNumbers, Duration bound) throws SiglistException {
    return SiglistLoader.fromLines(
        Map.of(
            SiglistKind.IRRELEVANT, List.of("abort"),
            SiglistKind.PREFIX, List.of(prefix),
            SiglistKind.SENTINELS, List.of("_purecall"),
            SiglistKind.LINE_NUMBERS, List.of(lineNumbers)),
        source,
        bound);
  }

  @Test
  void setsWithTheSameLineNumberListShareANormalizerEachOnASideOfItsOwn() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    FrameMemos.Side first = memos.join(set("a", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    FrameMemos.Side second = memos.join(set("b", "calloc", "js_Interpret", Duration.ofSeconds(1)));
    assertSame(first.normalizer(), second.normalizer());
    assertEquals(0, first.index());
    assertEquals(1, second.index());
  }

  @Test
  void anotherLineNumberListOrBoundGetsANormalizerOfItsOwn() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    FrameMemos.Side first = memos.join(set("a", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    assertNotSame(first.normalizer(), memos.join(set("b", "malloc", "js_Run", Duration.ofSeconds(1))).normalizer());
    assertNotSame(first.normalizer(), memos.join(set("c", "malloc", "js_Interpret", Duration.ofSeconds(2))).normalizer());
  }

  @Test
  void aNormalizerWithNoSidesLeftIsFollowedByANewOne() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    FrameMemos.Side first = memos.join(set("v0", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    for (int i = 1; i < NormalizedFrame.MAX_SIDES; i++) {
      assertSame(first.normalizer(), memos.join(set("v" + i, "malloc", "js_Interpret", Duration.ofSeconds(1))).normalizer());
    }
    FrameMemos.Side next = memos.join(set("last", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    assertNotSame(first.normalizer(), next.normalizer());
    assertEquals(0, next.index());
  }
}
