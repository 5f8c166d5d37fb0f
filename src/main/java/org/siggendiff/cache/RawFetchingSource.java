package org.siggendiff.cache;

import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;

/**
 * A crash source that also looks up the raw crash of every processed crash it has, for
 * {@code --raw}. The processed result is returned as it is whatever happens to the raw crash;
 * a crash whose processed crash could not be had is not asked for its raw crash either.
 */
public final class RawFetchingSource implements CrashSource {
  private final CrashSource processed;
  private final RawCrashes raw;
  private final RawCrashTally tally;

  public RawFetchingSource(CrashSource processed, RawCrashes raw, RawCrashTally tally) {
    this.processed = processed;
    this.raw = raw;
    this.tally = tally;
  }

  @Override
  public CrashResult get(CrashId id) {
    CrashResult result = processed.get(id);
    if (result instanceof CrashResult.Found) {
      tally.add(raw.get(id));
    }
    return result;
  }
}
