package org.siggendiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.siggendiff.cache.CachingCrashSource;
import org.siggendiff.cache.DiskCache;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.report.TerminalText;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of every command that reads crashes from Crash Stats through the cache. */
final class CrashStatsOptions implements Validated {
  static final String CACHE_ENV = "SIGGEN_DIFF_CACHE";
  /** Each job is a thread; past this many the machine, the API's rate limit or the disk is the bottleneck. */
  static final int MAX_JOBS = 256;
  /** Enough requests at once to hide Crash Stats' latency within its rate limit. */
  static final int DEFAULT_JOBS = 8;

  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})([kmg]?)");

  /** The command these options are mixed into, which names it on status lines. */
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Mixin ApiOptions api;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = {"crash cache", "(default: $" + CACHE_ENV + ", else ./cache)"})
  Path cacheDir;

  @Option(names = "--jobs", paramLabel = "N",
      description = "crashes handled at once (default: " + DEFAULT_JOBS + "; one per processor when no crash waits on"
          + " Crash Stats: JSON documents only, or --offline)")
  Integer jobs;

  @Option(names = "--offline", description = "use the cache only; a crash not in it is an error")
  boolean offline;

  @Option(names = "--refresh", description = "fetch again even when a crash is cached")
  boolean refresh;

  @Option(names = "--max-crash-bytes", paramLabel = "SIZE", defaultValue = "32M",
      description = "largest processed crash accepted from the API or the cache, in bytes or with a k, M or G suffix"
          + " (default: ${DEFAULT-VALUE})")
  String maxCrashBytes;

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
    if (jobs != null) {
      OptionBounds.check("--jobs", jobs, 1, MAX_JOBS);
    }
    if (offline && refresh) {
      throw new UsageError("--offline and --refresh cannot be used together");
    }
    maxCrashBytes();
  }

  Opened open(CliContext context) throws UsageError {
    long maxBytes = maxCrashBytes();
    Path folder = cacheDir(context);
    // Known before any request, not from every crash's failed write after it was fetched.
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new UsageError((cacheDir != null ? "--cache-dir " : "the cache ($" + CACHE_ENV + " or ./cache) ")
          + TerminalText.clean(folder.toString()) + " is not a folder");
    }
    DiskCache cache = new DiskCache(folder, maxBytes);
    if (offline) {
      return new Opened(new CachingCrashSource(cache, null, false, CachingCrashSource.Mode.OFFLINE, CachingCrashSource.DEFAULT_MEMORY_BYTES), null, cache);
    }
    CrashStatsClient client = api.client(context, jobs(), maxBytes, command.name());
    CachingCrashSource.Mode mode = mode();
    return new Opened(
        new CachingCrashSource(cache, client, client.hasToken(), mode, CachingCrashSource.DEFAULT_MEMORY_BYTES), client, cache);
  }

  /** {@code --jobs}, else the default for work that may wait on Crash Stats. */
  int jobs() {
    return jobs != null ? jobs : DEFAULT_JOBS;
  }

  /**
   * The jobs of a run over crashes (a diff, a history's reading). One that may wait on Crash
   * Stats (it looks crashes up, not offline): {@code --jobs}, else the default, each crash a
   * task of its own. One that never waits (JSON documents, or the cache alone): {@code --jobs},
   * else one per processor (up to the default), in batches; more threads than processors only
   * take turns and evict each other's crashes from the caches (about a tenth slower on two
   * processors with eight).
   */
  Jobs jobsFor(boolean looksUp) {
    if (looksUp && !offline) {
      return Jobs.waiting(jobs());
    }
    return Jobs.computing(jobs != null ? jobs : Math.min(DEFAULT_JOBS, Runtime.getRuntime().availableProcessors()));
  }

  CachingCrashSource.Mode mode() {
    return offline ? CachingCrashSource.Mode.OFFLINE : refresh ? CachingCrashSource.Mode.REFRESH : CachingCrashSource.Mode.NORMAL;
  }

  /** {@code --max-crash-bytes} in bytes: a count, or one with a k, M or G suffix (powers of 1024). */
  long maxCrashBytes() throws UsageError {
    Matcher size = SIZE.matcher(maxCrashBytes.strip().toLowerCase(Locale.ROOT));
    if (!size.matches()) {
      throw new UsageError("--max-crash-bytes must be a size such as 32M, 500k or 1048576, not " + UsageError.given(maxCrashBytes));
    }
    int shift = switch (size.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    long bytes = Long.parseLong(size.group(1));
    // Below 1 KB no crash fits. The launcher's heap is 320 MB, shared by --jobs crashes at once,
    // and a line is read into a buffer before it is copied: one line of 200 MB did not fit,
    // three of 60 MB read by 8 jobs did.
    if (bytes > (64L << 20) >> shift || bytes << shift < 1024) {
      throw new UsageError("--max-crash-bytes must be between 1k and 64M, not " + UsageError.given(maxCrashBytes));
    }
    return bytes << shift;
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
