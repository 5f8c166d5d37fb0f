package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NormalizedFrameTest {
  @Test
  void eachSideKeepsItsOwnClassesAndAsksForThemOnce() {
    NormalizedFrame frame = new NormalizedFrame("malloc", false, false, "malloc");
    AtomicInteger asked = new AtomicInteger();
    for (int round = 0; round < 3; round++) {
      for (int side = 0; side < NormalizedFrame.MAX_SIDES; side++) {
        int answer = side % 4;
        int classes = frame.classes(side, text -> {
          asked.incrementAndGet();
          return answer;
        });
        assertEquals(answer, classes, "side " + side);
      }
    }
    assertEquals(NormalizedFrame.MAX_SIDES, asked.get());
  }

  @Test
  void eachSideKeepsItsOwnSentinelAnswer() {
    NormalizedFrame frame = new NormalizedFrame("_purecall", false, false, "_purecall");
    for (int round = 0; round < 2; round++) {
      assertTrue(frame.sentinel(0, Set.of("_purecall")));
      assertFalse(frame.sentinel(1, Set.of("abort")));
      assertTrue(frame.sentinel(NormalizedFrame.MAX_SIDES - 1, Set.of("_purecall", "abort")));
    }
    // What a side answered is kept: a sentinel list given later is not asked.
    assertFalse(frame.sentinel(1, Set.of("_purecall")));
  }

  @Test
  void twelveSidesFitInAFrame() {
    assertEquals(12, NormalizedFrame.MAX_SIDES);
  }
}
