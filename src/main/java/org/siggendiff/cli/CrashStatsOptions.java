package org.siggendiff.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.siggendiff.cache.CachingCrashSource;
import org.siggendiff.cache.DiskCache;
import org.siggendiff.crashstats.ApiToken;
import org.siggendiff.crashstats.CrashStatsClient;
import picocli.CommandLine.Option;

/** The options of every command that reads crashes from Crash Stats through the cache. */
final class CrashStatsOptions {
  static final String CACHE_ENV = "SIGGEN_DIFF_CACHE";

  @Option(names = "--api-url", paramLabel = "URL", description = "Crash Stats API (default: ${DEFAULT-VALUE})",
      defaultValue = "https://crash-stats.mozilla.org/api")
  String apiUrl;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "crash cache; default: $" + CACHE_ENV + ", else ./cache")
  Path cacheDir;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "8",
      description = "crashes handled at once (default: ${DEFAULT-VALUE})")
  int jobs;

  @Option(names = "--rate", paramLabel = "N",
      description = "API requests per minute; default: the API's limit, 100 anonymous, 1000 with a token; 0 for none")
  Integer rate;

  @Option(names = "--offline", description = "use the cache only; a crash not in it is an error")
  boolean offline;

  @Option(names = "--refresh", description = "fetch again even when a crash is cached")
  boolean refresh;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "time limit per request (default: ${DEFAULT-VALUE})")
  double timeoutSeconds;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
      description = "retries of a request after a 5xx answer, a timeout or a broken body (default: ${DEFAULT-VALUE})")
  int retries;

  @Option(names = "--retry-delay", paramLabel = "MS", defaultValue = "1000",
      description = "first backoff in milliseconds, doubled per retry, with jitter (default: ${DEFAULT-VALUE})")
  long retryDelayMillis;

  /** The crash source these options describe, and the client (null offline) to close after the run. */
  record Opened(CachingCrashSource source, CrashStatsClient client, DiskCache cache) implements AutoCloseable {
    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  Opened open(CliContext context) throws UsageError {
    if (jobs < 1) {
      throw new UsageError("--jobs must be at least 1");
    }
    if (offline && refresh) {
      throw new UsageError("--offline and --refresh cannot be used together");
    }
    if (rate != null && rate < 0) {
      throw new UsageError("--rate must be 0 (no limit) or more");
    }
    if (!(timeoutSeconds > 0) || retries < 0 || retryDelayMillis < 0) {
      throw new UsageError("--timeout must be positive, --retries and --retry-delay not negative");
    }
    DiskCache cache = new DiskCache(cacheDir(context));
    if (offline) {
      return new Opened(new CachingCrashSource(cache, null, false, CachingCrashSource.Mode.OFFLINE, CachingCrashSource.DEFAULT_MEMORY_BYTES), null, cache);
    }
    Optional<ApiToken> token;
    try {
      token = ApiToken.fromEnvironment(context.env());
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    HttpUrl url = HttpUrl.parse(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    if (url == null) {
      throw new UsageError("--api-url is not an http(s) URL");
    }
    CrashStatsClient.Settings defaults = CrashStatsClient.Settings.defaults(url, token);
    CrashStatsClient.Settings settings =
        new CrashStatsClient.Settings(
            url,
            token,
            rate != null ? rate : defaults.requestsPerMinute(),
            jobs,
            Duration.ofMillis((long) (timeoutSeconds * 1000)),
            retries + 1,
            Duration.ofMillis(retryDelayMillis));
    CrashStatsClient client;
    try {
      client = new CrashStatsClient(settings);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    CachingCrashSource.Mode mode = refresh ? CachingCrashSource.Mode.REFRESH : CachingCrashSource.Mode.NORMAL;
    return new Opened(
        new CachingCrashSource(cache, client, token.isPresent(), mode, CachingCrashSource.DEFAULT_MEMORY_BYTES), client, cache);
  }

  Path cacheDir(CliContext context) {
    if (cacheDir != null) {
      return cacheDir;
    }
    String fromEnv = context.env().get(CACHE_ENV);
    return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "cache");
  }
}
