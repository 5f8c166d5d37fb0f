package org.siggendiff.fetch;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.pipeline.OrderedParallelMap;
import org.siggendiff.report.Progress;

/** Fills the cache: looks up every crash ID of the input through a caching source. */
public final class FetchRunner {
  private final CrashSource source;
  private final int jobs;

  /** @param jobs how many lookups run at once */
  public FetchRunner(CrashSource source, int jobs) {
    this.source = source;
    this.jobs = jobs;
  }

  public FetchSummary run(List<CrashIdInput.Entry> entries, Progress progress) throws InterruptedException {
    return run(entries.iterator(), progress, () -> false);
  }

  /**
   * Fetches the entries as they come, which may be as stdin gives them; stops taking them when
   * {@code stop} says so, and what was fetched by then stays cached.
   */
  public FetchSummary run(Iterator<CrashIdInput.Entry> entries, Progress progress, BooleanSupplier stop) throws InterruptedException {
    FetchSummary summary = new FetchSummary();
    record Looked(CrashIdInput.Entry entry, CrashResult result) {}
    // Counted as they are answered, not in input order: a stop abandons the answers that wait
    // for an earlier one, though what they fetched is cached.
    AtomicLong answered = new AtomicLong();
    AtomicLong found = new AtomicLong();
    OrderedParallelMap<CrashIdInput.Entry, Looked> lookups =
        new OrderedParallelMap<>(
            entry -> {
              CrashResult result = entry instanceof CrashIdInput.Valid valid ? source.get(valid.id()) : null;
              // Answered first, read last: a snapshot never finds more crashes than answers.
              answered.incrementAndGet();
              if (result instanceof CrashResult.Found) {
                found.incrementAndGet();
              }
              return new Looked(entry, result);
            },
            jobs,
            jobs * 4);
    // Taken when the stop is seen: lookups cut short by it are not answers.
    long[] whenStopped = {-1, -1};
    BooleanSupplier stopNoted = () -> {
      if (!stop.getAsBoolean()) {
        return false;
      }
      if (whenStopped[0] < 0) {
        whenStopped[1] = found.get();
        whenStopped[0] = answered.get();
      }
      return true;
    };
    OrderedParallelMap.Outcome outcome = lookups.run(
        entries,
        looked -> {
          if (looked.entry() instanceof CrashIdInput.Invalid invalid) {
            summary.addInvalid(invalid);
          } else {
            summary.add(looked.entry().where(), looked.result());
          }
          progress.advance();
        },
        stopNoted);
    progress.finish();
    if (outcome.stopped()) {
      summary.stopped(whenStopped[0], whenStopped[1]);
    }
    return summary;
  }
}
