package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.siggendiff.pipeline.Jobs;

class CrashStatsOptionsTest {
  private static final int PROCESSORS = Math.min(CrashStatsOptions.DEFAULT_JOBS, Runtime.getRuntime().availableProcessors());

  @Test
  void crashesLookedUpFromCrashStatsAreEachATaskOfTheirOwnOnEightJobs() {
    assertEquals(Jobs.waiting(CrashStatsOptions.DEFAULT_JOBS), new CrashStatsOptions().jobsFor(true));
  }

  @Test
  void documentsAndTheCacheAloneGoInBatchesOnAJobPerProcessor() {
    CrashStatsOptions offline = new CrashStatsOptions();
    offline.offline = true;
    assertEquals(Jobs.computing(PROCESSORS), offline.jobsFor(true));
    assertEquals(Jobs.computing(PROCESSORS), new CrashStatsOptions().jobsFor(false));
  }

  @Test
  void maxCrashBytesIsBoundedByWhatTheHeapHolds() throws UsageError {
    CrashStatsOptions options = new CrashStatsOptions();
    options.maxCrashBytes = "64M";
    assertEquals(64L << 20, options.maxCrashBytes());
    options.maxCrashBytes = "65M";
    UsageError e = assertThrows(UsageError.class, options::maxCrashBytes);
    assertEquals("--max-crash-bytes must be between 1k and 64M, not 65M", e.getMessage());
  }

  @Test
  void jobsGivenAreKeptWhateverTheWork() {
    CrashStatsOptions given = new CrashStatsOptions();
    given.jobs = 3;
    assertEquals(Jobs.waiting(3), given.jobsFor(true));
    assertEquals(Jobs.computing(3), given.jobsFor(false));
  }
}
