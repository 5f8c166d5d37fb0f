package org.siggendiff.cli;

import java.nio.file.Path;
import org.siggendiff.cache.CachingCrashSource;
import org.siggendiff.cache.DiskCache;
import org.siggendiff.crashstats.CrashStatsClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every command that reads crashes from Crash Stats through the cache. */
final class CrashStatsOptions implements Validated {
  static final String CACHE_ENV = "SIGGEN_DIFF_CACHE";
  /** Each job is a thread; past this many the machine, the API's rate limit or the disk is the bottleneck. */
  static final int MAX_JOBS = 256;

  @Mixin ApiOptions api;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "crash cache; default: $" + CACHE_ENV + ", else ./cache")
  Path cacheDir;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "8",
      description = "crashes handled at once (default: ${DEFAULT-VALUE})")
  int jobs;

  @Option(names = "--offline", description = "use the cache only; a crash not in it is an error")
  boolean offline;

  @Option(names = "--refresh", description = "fetch again even when a crash is cached")
  boolean refresh;

  /** The crash source these options describe, and the client (null offline) to close after the run. */
  record Opened(CachingCrashSource source, CrashStatsClient client, DiskCache cache) implements AutoCloseable {
    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  @Override
  public void validate() throws UsageError {
    OptionBounds.check("--jobs", jobs, 1, MAX_JOBS);
    if (offline && refresh) {
      throw new UsageError("--offline and --refresh cannot be used together");
    }
  }

  Opened open(CliContext context) throws UsageError {
    DiskCache cache = new DiskCache(cacheDir(context));
    if (offline) {
      return new Opened(new CachingCrashSource(cache, null, false, CachingCrashSource.Mode.OFFLINE, CachingCrashSource.DEFAULT_MEMORY_BYTES), null, cache);
    }
    CrashStatsClient client = api.client(context, jobs);
    CachingCrashSource.Mode mode = refresh ? CachingCrashSource.Mode.REFRESH : CachingCrashSource.Mode.NORMAL;
    return new Opened(
        new CachingCrashSource(cache, client, client.hasToken(), mode, CachingCrashSource.DEFAULT_MEMORY_BYTES), client, cache);
  }

  Path cacheDir(CliContext context) {
    return cacheDir != null ? cacheDir : defaultCacheDir(context);
  }

  /** {@code $SIGGEN_DIFF_CACHE}, else {@code ./cache}. */
  static Path defaultCacheDir(CliContext context) {
    String fromEnv = context.env().get(CACHE_ENV);
    return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "cache");
  }
}
