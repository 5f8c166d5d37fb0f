package org.siggendiff.cli;

import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.siggendiff.crashstats.ApiToken;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.report.ReportLinks;
import org.siggendiff.report.TerminalText;
import picocli.CommandLine.Option;

/** The options of every command that talks to the Crash Stats API. */
final class ApiOptions implements Validated {
  /** Ten times the API's limit with a token: more is a typo, not a plan. */
  static final int MAX_RATE = 10_000;
  static final int MAX_RETRIES = 20;
  /** The backoff is capped at a minute anyway. */
  static final long MAX_RETRY_DELAY_MILLIS = 60_000;
  static final double MAX_TIMEOUT_SECONDS = 3600;

  @Option(names = "--api-url", paramLabel = "URL", description = {"Crash Stats API", "(default: ${DEFAULT-VALUE})"},
      defaultValue = CrashStatsClient.DEFAULT_API_URL)
  String apiUrl;

  @Option(names = "--rate", paramLabel = "N",
      description = "API requests per minute; default: the API's limit, 100 anonymous, 1000 with a token (read from $SOCORRO_API_TOKEN or $CRASHSTATS_API_TOKEN, never from the command line); 0 for none")
  Integer rate;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "time limit per request (default: ${DEFAULT-VALUE})")
  double timeoutSeconds;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
      description = "retries of a request after a 5xx answer, a timeout or a broken body (default: ${DEFAULT-VALUE})")
  int retries;

  @Option(names = "--retry-delay", paramLabel = "MS", defaultValue = "1000",
      description = "first backoff in milliseconds, doubled per retry, with jitter (default: ${DEFAULT-VALUE})")
  long retryDelayMillis;

  @Override
  public void validate() throws UsageError {
    if (rate != null) {
      OptionBounds.check("--rate", rate, 0, MAX_RATE);
    }
    OptionBounds.check("--retries", retries, 0, MAX_RETRIES);
    OptionBounds.check("--retry-delay", retryDelayMillis, 0, MAX_RETRY_DELAY_MILLIS);
    // A timeout that rounds to 0 ms would mean none at all.
    if (!(timeoutSeconds <= MAX_TIMEOUT_SECONDS) || timeoutMillis() < 1) {
      throw new UsageError("--timeout must be between 0.001 and " + (long) MAX_TIMEOUT_SECONDS + " seconds");
    }
    // The default is a URL; parsing one loads the JDK's IDN tables, which a run that sends no
    // request (a corpus, the cache) need not wait for.
    if (!apiUrl.equals(CrashStatsClient.DEFAULT_API_URL)) {
      url();
    }
  }

  private long timeoutMillis() {
    return (long) (timeoutSeconds * 1000);
  }

  /** Parses the default API URL, which loads what parsing any URL needs (the JDK's IDN tables), for a run that parses one later. */
  static void loadUrlParser() {
    HttpUrl.parse(CrashStatsClient.DEFAULT_API_URL);
  }

  /** The API URL, always ending in a slash. */
  HttpUrl url() throws UsageError {
    HttpUrl url = HttpUrl.parse(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    if (url == null) {
      throw new UsageError("--api-url is not a valid http(s) URL (a scheme, a host, a port up to 65535): " + TerminalText.clean(apiUrl));
    }
    // Endpoint paths are appended to it: a query would end up before them, and a user and
    // password would be dropped (the token is the API's own way to authenticate).
    if (url.encodedQuery() != null || url.encodedFragment() != null || !url.encodedUsername().isEmpty()
        || !url.encodedPassword().isEmpty()) {
      throw new UsageError("--api-url must be the API's base URL, without a user, password, query or fragment: " + TerminalText.clean(apiUrl));
    }
    return url;
  }

  /** Where crash IDs link to: {@code reportUrl} (--report-url) when given, else the report page of the --api-url host. */
  ReportLinks reportLinks(String reportUrl) throws UsageError {
    try {
      return reportUrl != null ? ReportLinks.of(reportUrl) : ReportLinks.forApi(apiUrl);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * A client with the token from the environment, making at most {@code concurrency} requests at once.
   *
   * @param maxCrashBytes the largest processed crash accepted
   * @param command names the command on the stderr lines that say when all requests wait or stop
   */
  CrashStatsClient client(CliContext context, int concurrency, long maxCrashBytes, String command) throws UsageError {
    Optional<ApiToken> token;
    try {
      token = ApiToken.fromEnvironment(context.env());
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    HttpUrl url = url();
    CrashStatsClient.Settings settings =
        new CrashStatsClient.Settings(
            url,
            token,
            rate != null ? rate : CrashStatsClient.Settings.defaults(url, token).requestsPerMinute(),
            concurrency,
            Duration.ofMillis(timeoutMillis()),
            retries + 1,
            Duration.ofMillis(retryDelayMillis));
    try {
      return new CrashStatsClient(
          settings.withMaxCrashBytes(maxCrashBytes),
          message -> {
            context.err().println(command + ": " + TerminalText.clean(message));
            context.err().flush();
          });
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}
