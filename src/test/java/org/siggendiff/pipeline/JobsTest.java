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
  void workThatOnlyComputesGoesInBatchesWithTwoOfTheLargestInFlightAThread() {
    Jobs jobs = Jobs.computing(2);
    assertEquals(Jobs.COMPUTING_BATCH, jobs.batch());
    assertEquals(Jobs.COMPUTING_MAX_BATCH, jobs.maxBatch());
    assertEquals(2 * 2 * Jobs.COMPUTING_MAX_BATCH, jobs.window());
  }

  @Test
  void aLongRunsBatchesGrowToAnEighthOfTheInputsTakenAThreadUpToTheLargest() {
    Jobs jobs = new Jobs(2, 16, 64);
    assertEquals(16, jobs.batchAfter(0));
    assertEquals(16, jobs.batchAfter(271));
    assertEquals(17, jobs.batchAfter(272));
    assertEquals(40, jobs.batchAfter(640));
    assertEquals(64, jobs.batchAfter(1024));
    assertEquals(64, jobs.batchAfter(10_000_000_000L));
    Jobs waiting = Jobs.waiting(8);
    assertEquals(1, waiting.batchAfter(1_000_000));
  }

  @Test
  void needsAThreadAndABatchOfOneAtLeastNoLargerThanTheLargest() {
    assertThrows(IllegalArgumentException.class, () -> new Jobs(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Jobs(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Jobs(1, 4, 2));
  }
}
