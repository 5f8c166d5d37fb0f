package org.siggendiff.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JobsTest {
  @Test
  void workThatWaitsOnTheNetworkHasEachInputATaskAndEightInFlightAThread() {
    Jobs jobs = Jobs.waiting(8);
    assertEquals(1, jobs.batch());
    assertEquals(64, jobs.window());
  }

  @Test
  void workThatOnlyComputesGoesInBatchesWithTwoBatchesInFlightAThread() {
    Jobs jobs = Jobs.computing(2);
    assertEquals(Jobs.COMPUTING_BATCH, jobs.batch());
    assertEquals(2 * 2 * Jobs.COMPUTING_BATCH, jobs.window());
  }

  @Test
  void needsAThreadAndABatchOfOneAtLeast() {
    assertThrows(IllegalArgumentException.class, () -> new Jobs(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Jobs(1, 0));
  }
}
