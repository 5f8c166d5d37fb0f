package org.siggendiff.fetch;

import java.util.Iterator;
import java.util.List;
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
    OrderedParallelMap<CrashIdInput.Entry, Looked> lookups =
        new OrderedParallelMap<>(
            entry -> new Looked(entry, entry instanceof CrashIdInput.Valid valid ? source.get(valid.id()) : null),
            jobs,
            jobs * 4);
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
        stop);
    progress.finish();
    if (outcome.stopped()) {
      summary.stopped();
    }
    return summary;
  }
}
