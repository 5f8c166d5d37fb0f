package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InterruptionTest {
  @Test
  void aSignalEndsACommandWith130EvenWhenItFinishedBeforeSeeingTheRequest() {
    Interruption interruption = new Interruption();
    BooleanSupplier stop = interruption.watch();
    assertFalse(stop.getAsBoolean());
    // The input ended first (a pipeline's Ctrl-C ends its writer too) and the run reported 0.
    interruption.done(ExitCodes.OK);
    interruption.request();
    assertTrue(stop.getAsBoolean());
    assertEquals(ExitCodes.INTERRUPTED, interruption.statusAfterSignal(ExitCodes.OK));
    assertEquals(ExitCodes.INTERRUPTED, interruption.statusAfterSignal(ExitCodes.UNPROCESSED));
  }

  @Test
  void aCommandWhoseNormalEndIsAStopKeepsItsOwnStatus() {
    Interruption interruption = new Interruption();
    interruption.watchAsNormalEnd();
    interruption.request();
    assertEquals(ExitCodes.OK, interruption.statusAfterSignal(ExitCodes.OK));
    assertEquals(ExitCodes.UNPROCESSED, interruption.statusAfterSignal(ExitCodes.UNPROCESSED));
  }
}
