package org.siggendiff.crashstats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.siggendiff.Version;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.PythonJson;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.http.BoundedBody;

/**
 * The Crash Stats API, fetched politely: a shared rate limit, a bound on concurrent requests,
 * retries with jittered backoff, bounded bodies, and no more requests once the API has refused
 * access, cannot be reached, or keeps failing (see {@link ApiHealth}).
 */
public final class CrashStatsClient implements CrashSource, AutoCloseable {
  /** Crash Stats' API, as {@code --api-url} defaults to it. */
  public static final String DEFAULT_API_URL = "https://crash-stats.mozilla.org/api";
  /** Documented per-IP limits of the API, per minute. */
  public static final int ANONYMOUS_RATE = 100;

  public static final int TOKEN_RATE = 1000;

  /** A processed crash is tens of KB; the biggest seen are a few MB. */
  public static final long DEFAULT_MAX_CRASH_BYTES = 32L << 20;
  /** Super Search pages of 1,000 hits and facets. */
  static final long MAX_PAGE_BYTES = 64L << 20;

  private static final long MAX_ERROR_BODY_BYTES = 64 << 10;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  /** Longer than any wait is allowed to be; it only keeps arithmetic on absurd headers finite. */
  private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
  private static final int MAX_RATE_LIMITED_ANSWERS = 10;
  private static final int QUOTED_ERROR_LIMIT = 200;

  /**
   * How long the client keeps trying when the API does not serve.
   *
   * @param maxWaitPerCrash the most one crash waits on 429 answers in all; a crash that would
   *     wait longer (such as for a {@code Retry-After} of days) fails at once
   * @param stallAfter failed attempts in a row (429, 5xx, network), across all workers and with
   *     no success between, after which every request pauses for {@code stallPause}; the same
   *     number again after the pause stops all requests
   * @param unreachableAttempts attempts that could not resolve or connect to the host, with
   *     nothing answered before, after which all requests stop
   */
  public record Patience(Duration maxWaitPerCrash, int stallAfter, Duration stallPause, int unreachableAttempts) {
    /** 5 minutes per crash, a minute's pause after 20 failures in a row, 3 attempts to connect. */
    public static Patience defaults() {
      return new Patience(Duration.ofMinutes(5), 20, Duration.ofMinutes(1), 3);
    }
  }

  /**
   * How the client behaves.
   *
   * @param token sent only over HTTPS or to a loopback address
   * @param requestsPerMinute zero or less for no limit
   * @param maxAttempts attempts per crash for 5xx answers, timeouts and unusable bodies
   * @param retryDelay the first backoff; it doubles with each retry, with jitter
   * @param maxCrashBytes the largest processed crash body accepted, compressed or not
   */
  public record Settings(
      HttpUrl apiUrl,
      Optional<ApiToken> token,
      double requestsPerMinute,
      int maxConcurrentRequests,
      Duration timeout,
      int maxAttempts,
      Duration retryDelay,
      long maxCrashBytes,
      Patience patience) {

    /** The default body limit and patience. */
    public Settings(
        HttpUrl apiUrl,
        Optional<ApiToken> token,
        double requestsPerMinute,
        int maxConcurrentRequests,
        Duration timeout,
        int maxAttempts,
        Duration retryDelay) {
      this(apiUrl, token, requestsPerMinute, maxConcurrentRequests, timeout, maxAttempts, retryDelay, DEFAULT_MAX_CRASH_BYTES, Patience.defaults());
    }

    public Settings withMaxCrashBytes(long bytes) {
      return new Settings(apiUrl, token, requestsPerMinute, maxConcurrentRequests, timeout, maxAttempts, retryDelay, bytes, patience);
    }

    public Settings withPatience(Patience patience) {
      return new Settings(apiUrl, token, requestsPerMinute, maxConcurrentRequests, timeout, maxAttempts, retryDelay, maxCrashBytes, patience);
    }

    /** The documented limit for the auth level, 8 concurrent requests, 30 s, 5 attempts. */
    public static Settings defaults(HttpUrl apiUrl, Optional<ApiToken> token) {
      return new Settings(
          apiUrl,
          token,
          token.isPresent() ? TOKEN_RATE : ANONYMOUS_RATE,
          8,
          Duration.ofSeconds(30),
          5,
          Duration.ofSeconds(1));
    }
  }

  private final Settings settings;
  /**
   * Built by the first request: setting up TLS loads the system's trusted certificates, about a
   * tenth of a second that a run whose crashes are all cached or in a corpus never needs.
   */
  private volatile OkHttpClient http;
  private final HttpUrl processedCrashUrl;
  private final HttpUrl rawCrashUrl;
  private final RateLimiter limiter;
  private final Semaphore concurrency;
  private final ApiHealth health;
  private final String userAgent = "siggen-diff/" + Version.get();
  /** Set by the first 403: the reason every later lookup fails without a request. */
  private final AtomicReference<String> accessDenied = new AtomicReference<>();

  /** A client that says nothing while it waits or stops. */
  public CrashStatsClient(Settings settings) {
    this(settings, message -> {});
  }

  /**
   * @param status told, from any thread, when all requests wait long or stop, in a sentence
   *     that may quote the server (already repr-quoted)
   * @throws IllegalArgumentException when the token would go to a plain-HTTP remote host
   */
  public CrashStatsClient(Settings settings, Consumer<String> status) {
    if (settings.token().isPresent() && !settings.apiUrl().isHttps() && !isLoopback(settings.apiUrl().host())) {
      throw new IllegalArgumentException(
          "refusing to send the API token over plain HTTP to "
              + settings.apiUrl().host()
              + ": use an https:// API URL");
    }
    this.settings = settings;
    this.processedCrashUrl = endpoint("ProcessedCrash");
    this.rawCrashUrl = endpoint("RawCrash");
    this.limiter = new RateLimiter(settings.requestsPerMinute());
    this.concurrency = new Semaphore(Math.max(1, settings.maxConcurrentRequests()), true);
    this.health = new ApiHealth(settings.patience(), limiter, status);
  }

  private OkHttpClient http() {
    OkHttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          client = new OkHttpClient.Builder()
              .callTimeout(settings.timeout())
              .connectTimeout(settings.timeout())
              .readTimeout(settings.timeout())
              // A redirect could carry the token header to another host.
              .followRedirects(false)
              .followSslRedirects(false)
              .addNetworkInterceptor(BoundedBody.wireLimit())
              .connectionPool(new ConnectionPool(Math.max(5, settings.maxConcurrentRequests()), 5, TimeUnit.MINUTES))
              .build();
          http = client;
        }
      }
    }
    return client;
  }

  /** Whether {@code host} names this machine: {@code localhost} or a loopback IP literal. */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean ipLiteral = host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!ipLiteral) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public CrashResult get(CrashId id) {
    HttpUrl url = processedCrashUrl.newBuilder().addQueryParameter("crash_id", id.value()).build();
    Exchange<ObjectNode> exchange;
    try {
      exchange = call(url, settings.maxCrashBytes(), body -> readProcessedCrash(id, body));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed(id, FailureKind.FAILED, "interrupted");
    }
    if (exchange instanceof Exchange.Ok<ObjectNode> ok) {
      return new Found(id, ok.value(), ok.body(), Origin.API);
    }
    if (exchange instanceof Exchange.Refused<ObjectNode> refused) {
      return refused.status() == 404
          ? new Failed(id, FailureKind.NOT_FOUND, "not found (HTTP 404)")
          : new Failed(id, FailureKind.FAILED, "unexpected answer HTTP " + refused.status());
    }
    if (exchange instanceof Exchange.Denied<ObjectNode> denied) {
      return new Failed(id, FailureKind.ACCESS_DENIED, denied.reason());
    }
    if (exchange instanceof Exchange.Stopped<ObjectNode> stopped) {
      return new Failed(id, FailureKind.NOT_FETCHED, stopped.reason());
    }
    return new Failed(id, FailureKind.FAILED, ((Exchange.GaveUp<ObjectNode>) exchange).reason());
  }

  private static ObjectNode readProcessedCrash(CrashId id, byte[] body) throws IOException {
    ObjectNode crash;
    // Reading keeps only what generation needs; what the cache keeps must be sound in full. A
    // document cut short is asked for again, but not one that is not UTF-8 or nested too deep:
    // it would come the same again.
    try {
      CrashJson.requireWellFormed(body);
    } catch (IOException e) {
      if (CrashJson.isNotUtf8(e)) {
        throw new LastingProblem("response is " + e.getMessage());
      }
      throw CrashJson.isTooDeep(e) ? new LastingProblem("response has " + e.getMessage()) : new IOException("response is not valid JSON", e);
    }
    try {
      crash = CrashDataAdapter.readProcessedCrash(body);
    } catch (IOException e) {
      throw new IOException("response is not a JSON object", e);
    }
    Optional<String> problem = ProcessedCrashCheck.problem(id, crash);
    if (problem.isPresent()) {
      throw new IOException("the answer is " + problem.get());
    }
    return crash;
  }

  /**
   * The crash's raw annotations ({@code RawCrash/?format=meta}) as crashstats-tools'
   * {@code fetch-data} stores them. A 403 here refuses this raw crash only: a token without the
   * permission for protected annotations is still good for processed crashes, so it must not
   * stop every request as a 403 on a processed crash does.
   */
  public RawCrashResult rawCrash(CrashId id) {
    HttpUrl url = rawCrashUrl.newBuilder().addQueryParameter("crash_id", id.value()).addQueryParameter("format", "meta").build();
    Exchange<byte[]> exchange;
    try {
      exchange = call(request(url, settings.maxCrashBytes()), settings.maxCrashBytes(), body -> RawCrashFormat.fetchDataBytes(id, body), false, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RawCrashResult.Failed(id, FailureKind.FAILED, "interrupted");
    }
    if (exchange instanceof Exchange.Ok<byte[]> ok) {
      return new RawCrashResult.Had(id, ok.value(), Origin.API);
    }
    if (exchange instanceof Exchange.Refused<byte[]> refused) {
      return switch (refused.status()) {
        case 404 -> new RawCrashResult.Failed(id, FailureKind.NOT_FOUND, "not found (HTTP 404)");
        case 403 -> new RawCrashResult.Failed(id, FailureKind.ACCESS_DENIED, "refused (HTTP 403): the token lacks the permission, or none was given");
        default -> new RawCrashResult.Failed(id, FailureKind.FAILED, "unexpected answer HTTP " + refused.status());
      };
    }
    if (exchange instanceof Exchange.Denied<byte[]> denied) {
      return new RawCrashResult.Failed(id, FailureKind.ACCESS_DENIED, denied.reason());
    }
    if (exchange instanceof Exchange.Stopped<byte[]> stopped) {
      return new RawCrashResult.Failed(id, FailureKind.NOT_FETCHED, stopped.reason());
    }
    return new RawCrashResult.Failed(id, FailureKind.FAILED, ((Exchange.GaveUp<byte[]>) exchange).reason());
  }

  /**
   * One form POST, such as to {@code Reprocessing/}. A 429 is waited out as for a GET (nothing
   * was accepted); any other failure is not retried, since the server may have acted on it.
   * A 403 stops every later request.
   */
  <T> Exchange<T> post(HttpUrl url, FormBody form, BodyReader<T> reader) throws InterruptedException {
    Request request = request(url, MAX_ERROR_BODY_BYTES).newBuilder().post(form).build();
    return call(request, MAX_ERROR_BODY_BYTES, reader, true, false);
  }

  public boolean hasToken() {
    return settings.token().isPresent();
  }

  int maxConcurrentRequests() {
    return settings.maxConcurrentRequests();
  }

  /** {@code name/} under the API URL, such as {@code SuperSearch/}. */
  HttpUrl endpoint(String name) {
    return settings.apiUrl().newBuilder().addPathSegment(name).addPathSegment("").build();
  }

  /**
   * Reads a 200 answer's body. An IOException, whose message says what is wrong with the body,
   * makes the attempt count as failed and retried; a {@link LastingProblem} ends the call.
   */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(byte[] body) throws IOException;
  }

  /** What is wrong with a whole 200 answer that asking again would not change: the attempt is not retried. */
  static final class LastingProblem extends IOException {
    private static final long serialVersionUID = 1L;

    LastingProblem(String message) {
      super(message);
    }
  }

  /** How an API call ended, after every retry it was worth. */
  sealed interface Exchange<T> {
    /** A 200 answer, read. */
    record Ok<T>(T value, byte[] body) implements Exchange<T> {}

    /** A final answer that is neither success nor a refusal of access, such as a 400 or a 404. */
    record Refused<T>(int status, String body) implements Exchange<T> {}

    /** HTTP 403, now or earlier in the run: no more requests are made. */
    record Denied<T>(String reason) implements Exchange<T> {}

    /**
     * Retries exhausted, a status this client does not expect, or a body over the limit.
     *
     * @param rateLimited whether it ended on 429 answers, so the server did not act on it
     */
    record GaveUp<T>(String reason, boolean rateLimited) implements Exchange<T> {
      GaveUp(String reason) {
        this(reason, false);
      }
    }

    /** Not sent, or not retried: all requests have stopped (the API cannot be reached or keeps failing). */
    record Stopped<T>(String reason) implements Exchange<T> {}
  }

  /** {@link #call(HttpUrl, long, BodyReader)} for answers of up to 64 MB, such as Super Search pages. */
  <T> Exchange<T> call(HttpUrl url, BodyReader<T> reader) throws InterruptedException {
    return call(url, MAX_PAGE_BYTES, reader);
  }

  /**
   * One GET under the rate limit and the concurrency bound, retried as the settings say.
   *
   * @param maxBytes the largest body accepted, on the wire and decompressed
   */
  <T> Exchange<T> call(HttpUrl url, long maxBytes, BodyReader<T> reader) throws InterruptedException {
    return call(request(url, maxBytes), maxBytes, reader, true, true);
  }

  /**
   * @param denialStopsAll whether a 403 means the token is refused, so no later request may go;
   *     otherwise it is a {@link Exchange.Refused} of this request only
   * @param retryFailures whether 5xx answers, timeouts and unusable bodies are retried
   */
  private <T> Exchange<T> call(Request request, long maxBytes, BodyReader<T> reader, boolean denialStopsAll, boolean retryFailures)
      throws InterruptedException {
    int attempts = 0;
    int rateLimited = 0;
    Duration waited = Duration.ZERO;
    while (true) {
      Exchange<T> halted = halted();
      if (halted != null) {
        return halted;
      }
      limiter.acquire();
      // A pause may have ended in a stop.
      halted = halted();
      if (halted != null) {
        return halted;
      }
      Answer<T> answer;
      concurrency.acquire();
      try {
        answer = send(request, reader, maxBytes, denialStopsAll);
      } finally {
        concurrency.release();
      }
      if (answer.served()) {
        health.served();
      } else {
        health.failed(answer.problem(), answer.unreachable());
      }
      if (answer.exchange() != null) {
        return answer.exchange();
      }
      String stopped = health.stopped();
      if (stopped != null) {
        return new Exchange.Stopped<>(stopped);
      }
      if (answer.retryAfter() != null) {
        rateLimited++;
        if (rateLimited >= MAX_RATE_LIMITED_ANSWERS) {
          return new Exchange.GaveUp<>("rate limited (HTTP 429) " + rateLimited + " times", true);
        }
        Duration wait = answer.retryAfter().isZero() ? backoff(rateLimited) : answer.retryAfter();
        Duration maxWait = settings.patience().maxWaitPerCrash();
        if (waited.plus(wait).compareTo(maxWait) > 0) {
          return new Exchange.GaveUp<>(
              "rate limited (HTTP 429): the API asks for waits of more than " + ApiHealth.describe(maxWait) + " in all", true);
        }
        waited = waited.plus(wait);
        health.waiting(wait, "the API is rate limiting (HTTP 429)");
        limiter.pause(wait);
        continue;
      }
      if (!retryFailures && answer.unreachable()) {
        // It never reached the server (no such host, no connection, no TLS), so it was not
        // acted on: not sent, where another failure of a request not retried may have been.
        return new Exchange.Stopped<>(answer.problem());
      }
      attempts++;
      if (attempts >= settings.maxAttempts() || !retryFailures) {
        return new Exchange.GaveUp<>(answer.problem() + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)"));
      }
      Thread.sleep(backoff(attempts).toMillis());
    }
  }

  /**
   * Why no request may go out any more, or null. After a refused token the crashes not asked
   * for are not fetched, not refused: only the one whose request got the 403 was.
   */
  private <T> Exchange<T> halted() {
    String denied = accessDenied.get();
    if (denied != null) {
      return new Exchange.Stopped<>(denied);
    }
    String stopped = health.stopped();
    return stopped != null ? new Exchange.Stopped<>(stopped) : null;
  }

  private Request request(HttpUrl url, long maxBytes) {
    Request.Builder builder =
        new Request.Builder()
            .url(url)
            .header("User-Agent", userAgent)
            .header("Accept", "application/json")
            .tag(BoundedBody.Limit.class, new BoundedBody.Limit(maxBytes));
    settings.token().ifPresent(token -> builder.header("Auth-Token", token.secret()));
    return builder.build();
  }

  /**
   * One attempt: a final exchange, or a retryable problem, or a 429 with how long the server
   * asked to wait (zero when it did not say); and whether the API served it, failed it (429,
   * 5xx, network) or could not be reached at all.
   */
  private record Answer<T>(Exchange<T> exchange, String problem, Duration retryAfter, boolean served, boolean unreachable) {
    static <T> Answer<T> done(Exchange<T> exchange) {
      return new Answer<>(exchange, null, null, true, false);
    }

    /** The server answered, with something unusable. */
    static <T> Answer<T> unusable(String problem) {
      return new Answer<>(null, problem, null, true, false);
    }

    static <T> Answer<T> failed(String problem) {
      return new Answer<>(null, problem, null, false, false);
    }

    static <T> Answer<T> unreachable(String problem) {
      return new Answer<>(null, problem, null, false, true);
    }
  }

  private <T> Answer<T> send(Request request, BodyReader<T> reader, long maxBytes, boolean denialStopsAll) {
    try (Response response = http().newCall(request).execute()) {
      int code = response.code();
      ResponseBody body = response.body();
      if (code == 200) {
        byte[] bytes = BoundedBody.read(body, maxBytes);
        try {
          return Answer.done(new Exchange.Ok<>(reader.read(bytes), bytes));
        } catch (LastingProblem e) {
          return Answer.done(new Exchange.GaveUp<>(e.getMessage()));
        } catch (IOException e) {
          return Answer.unusable(e.getMessage());
        }
      }
      if (code == 403 && !denialStopsAll) {
        return Answer.done(new Exchange.Refused<>(code, BoundedBody.prefix(body, MAX_ERROR_BODY_BYTES)));
      }
      if (code == 403) {
        String reason = denial(BoundedBody.prefix(body, MAX_ERROR_BODY_BYTES));
        accessDenied.compareAndSet(null, reason);
        return Answer.done(new Exchange.Denied<>(accessDenied.get()));
      }
      if (code == 429) {
        return new Answer<>(null, "rate limited (HTTP 429)", retryAfter(response.header("Retry-After")), false, false);
      }
      if (code >= 500) {
        return Answer.failed("HTTP " + code);
      }
      if (code >= 400) {
        return Answer.done(new Exchange.Refused<>(code, BoundedBody.prefix(body, MAX_ERROR_BODY_BYTES)));
      }
      return Answer.done(new Exchange.GaveUp<>("unexpected answer HTTP " + code));
    } catch (BoundedBody.TooLargeException e) {
      // Not retried: the same crash would be as large again.
      return Answer.done(new Exchange.GaveUp<>(e.getMessage()));
    } catch (UnknownHostException e) {
      return Answer.unreachable("cannot resolve the host name " + request.url().host());
    } catch (ConnectException | NoRouteToHostException e) {
      return Answer.unreachable("cannot connect to " + request.url().host() + ":" + request.url().port());
    } catch (SocketTimeoutException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("connect")
          ? Answer.unreachable("cannot connect to " + request.url().host() + ":" + request.url().port() + " (timed out)")
          : Answer.failed("timed out after " + settings.timeout().toMillis() + " ms");
    } catch (InterruptedIOException e) {
      return Answer.failed("timed out after " + settings.timeout().toMillis() + " ms");
    } catch (EOFException | ProtocolException e) {
      return Answer.failed("truncated response");
    } catch (SSLException e) {
      // A certificate the JDK does not trust, or no TLS at all, is as lasting as a host that is not there.
      return Answer.unreachable("cannot make a TLS connection to " + request.url().host() + ":" + request.url().port() + ": " + tlsProblem(e));
    } catch (IOException e) {
      // The JDK's and okhttp's own words say what happened (a connection closed unanswered...).
      String said = e.getMessage() == null ? "" : ": " + (e.getMessage().length() > 200 ? e.getMessage().substring(0, 200) + "..." : e.getMessage());
      return Answer.failed("network error: " + e.getClass().getSimpleName() + said);
    }
  }

  private static String tlsProblem(SSLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException || cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
        return "its certificate is not trusted (behind a TLS-inspecting proxy, add the proxy's certificate to the JDK's trust store)";
      }
    }
    return "the TLS handshake failed (is it an https:// URL for a server that speaks plain HTTP?)";
  }

  private String denial(String body) {
    String said = "";
    try {
      JsonNode error = CrashJson.parse(body).get("error");
      if (error != null && error.isTextual()) {
        String text = error.textValue();
        if (text.length() > QUOTED_ERROR_LIMIT) {
          text = text.substring(0, QUOTED_ERROR_LIMIT) + "...";
        }
        said = ": " + PythonJson.repr(text);
      }
    } catch (IOException e) {
      // The status alone says enough.
    }
    return settings.token().isPresent()
        ? "the API token was refused (HTTP 403" + said + "): it is wrong, expired or not active"
        : "access denied (HTTP 403" + said + ")";
  }

  /** Retry-After in seconds or as an HTTP date; zero when absent or unreadable. */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return Duration.ZERO;
    }
    Duration wait;
    String value = header.strip();
    try {
      // Seconds of more digits than a long holds are far past the longest wait allowed, not absent.
      String digits = value.replaceFirst("^0+(?=\\d)", "");
      wait = digits.length() > 12 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
          ? MAX_RETRY_AFTER
          : Duration.ofSeconds(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
      } catch (DateTimeParseException notADate) {
        return Duration.ZERO;
      }
    }
    if (wait.isNegative() || wait.isZero()) {
      return Duration.ofMillis(1);
    }
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  /** The retry delay doubled per earlier retry, capped, times a jitter factor in [0.5, 1.5). */
  private Duration backoff(int retry) {
    long base = settings.retryDelay().toMillis() << Math.min(retry - 1, 20);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
  }

  @Override
  public void close() {
    OkHttpClient client = http;
    if (client != null) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
