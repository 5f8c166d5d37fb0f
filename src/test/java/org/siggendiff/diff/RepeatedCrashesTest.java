package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedCrashesTest {
  @Test
  void onlyTheFirstReadingOfACrashCountsAndTheOthersAreCountedAsLeftOut() {
    RepeatedCrashes repeats = new RepeatedCrashes();

    assertTrue(repeats.first("a", 1));
    assertTrue(repeats.first("b", 1));
    assertFalse(repeats.first("a", 1));
    assertFalse(repeats.first("a", 1));

    assertEquals(2, repeats.leftOut());
    assertEquals(0, repeats.notAlike());
    assertEquals(List.of(new RepeatedCrashes.Repeat("a", 3, true, null)), repeats.repeats());
  }

  @Test
  void aCrashOnceReadUnlikeItsFirstReadingStaysNotAlikeAndCountsOnce() {
    RepeatedCrashes repeats = new RepeatedCrashes();
    repeats.first("a", 1);
    repeats.first("b", 1);

    repeats.first("a", 2, () -> "A -> B");
    repeats.first("a", 3, () -> "never asked for: the crash is unlike its first reading already");
    repeats.first("b", 1, () -> "never asked for: alike");

    assertEquals(1, repeats.notAlike());
    assertEquals(List.of(new RepeatedCrashes.Repeat("a", 3, false, "A -> B"), new RepeatedCrashes.Repeat("b", 2, true, null)), repeats.repeats());
  }
}
