package org.siggendiff.crashstats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.siggendiff.Version;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.py.PyRepr;

/**
 * The Crash Stats API, fetched politely: a shared rate limit, a bound on concurrent requests,
 * retries with jittered backoff, and no more requests once the API has refused access.
 */
public final class CrashStatsClient implements CrashSource, AutoCloseable {
  public static final HttpUrl DEFAULT_API_URL = HttpUrl.get("https://crash-stats.mozilla.org/api/");
  /** Documented per-IP limits of the API, per minute. */
  public static final int ANONYMOUS_RATE = 100;

  public static final int TOKEN_RATE = 1000;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private static final int MAX_RATE_LIMITED_ANSWERS = 10;
  private static final int QUOTED_ERROR_LIMIT = 200;

  /**
   * How the client behaves.
   *
   * @param token sent only over HTTPS or to a loopback address
   * @param requestsPerMinute zero or less for no limit
   * @param maxAttempts attempts per crash for 5xx answers, timeouts and unusable bodies
   * @param retryDelay the first backoff; it doubles with each retry, with jitter
   */
  public record Settings(
      HttpUrl apiUrl,
      Optional<ApiToken> token,
      double requestsPerMinute,
      int maxConcurrentRequests,
      Duration timeout,
      int maxAttempts,
      Duration retryDelay) {

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
  private final OkHttpClient http;
  private final HttpUrl processedCrashUrl;
  private final RateLimiter limiter;
  private final Semaphore concurrency;
  private final String userAgent = "siggen-diff/" + Version.get();
  /** Set by the first 403: the reason every later lookup fails without a request. */
  private final AtomicReference<String> accessDenied = new AtomicReference<>();

  /** @throws IllegalArgumentException when the token would go to a plain-HTTP remote host */
  public CrashStatsClient(Settings settings) {
    if (settings.token().isPresent() && !settings.apiUrl().isHttps() && !isLoopback(settings.apiUrl().host())) {
      throw new IllegalArgumentException(
          "refusing to send the API token over plain HTTP to "
              + settings.apiUrl().host()
              + ": use an https:// API URL");
    }
    this.settings = settings;
    this.processedCrashUrl = endpoint("ProcessedCrash");
    this.limiter = new RateLimiter(settings.requestsPerMinute());
    this.concurrency = new Semaphore(Math.max(1, settings.maxConcurrentRequests()), true);
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(settings.timeout())
            .connectTimeout(settings.timeout())
            .readTimeout(settings.timeout())
            // A redirect could carry the token header to another host.
            .followRedirects(false)
            .followSslRedirects(false)
            .connectionPool(new ConnectionPool(Math.max(5, settings.maxConcurrentRequests()), 5, TimeUnit.MINUTES))
            .build();
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
      exchange = call(url, CrashStatsClient::readProcessedCrash);
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
    return new Failed(id, FailureKind.FAILED, ((Exchange.GaveUp<ObjectNode>) exchange).reason());
  }

  private static ObjectNode readProcessedCrash(byte[] body) throws IOException {
    try {
      // Reading keeps only what generation needs; what the cache keeps must be sound in full.
      CrashJson.requireWellFormed(body);
      return CrashDataAdapter.readProcessedCrash(body);
    } catch (IOException e) {
      throw new IOException("response is not a JSON object", e);
    }
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
   * makes the attempt count as failed and retried.
   */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(byte[] body) throws IOException;
  }

  /** How an API call ended, after every retry it was worth. */
  sealed interface Exchange<T> {
    /** A 200 answer, read. */
    record Ok<T>(T value, byte[] body) implements Exchange<T> {}

    /** A final answer that is neither success nor a refusal of access, such as a 400 or a 404. */
    record Refused<T>(int status, String body) implements Exchange<T> {}

    /** HTTP 403, now or earlier in the run: no more requests are made. */
    record Denied<T>(String reason) implements Exchange<T> {}

    /** Retries exhausted, or a status this client does not expect. */
    record GaveUp<T>(String reason) implements Exchange<T> {}
  }

  /** One GET under the rate limit and the concurrency bound, retried as the settings say. */
  <T> Exchange<T> call(HttpUrl url, BodyReader<T> reader) throws InterruptedException {
    Request request = request(url);
    int attempts = 0;
    int rateLimited = 0;
    while (true) {
      String denied = accessDenied.get();
      if (denied != null) {
        return new Exchange.Denied<>(denied);
      }
      limiter.acquire();
      Answer<T> answer;
      concurrency.acquire();
      try {
        answer = send(request, reader);
      } finally {
        concurrency.release();
      }
      if (answer.exchange() != null) {
        return answer.exchange();
      }
      if (answer.retryAfter() != null) {
        rateLimited++;
        if (rateLimited >= MAX_RATE_LIMITED_ANSWERS) {
          return new Exchange.GaveUp<>("rate limited (HTTP 429) " + rateLimited + " times");
        }
        Duration wait = answer.retryAfter().isZero() ? backoff(rateLimited) : answer.retryAfter();
        limiter.pause(wait);
        continue;
      }
      attempts++;
      if (attempts >= settings.maxAttempts()) {
        return new Exchange.GaveUp<>(answer.problem() + " (" + attempts + " attempts)");
      }
      Thread.sleep(backoff(attempts).toMillis());
    }
  }

  private Request request(HttpUrl url) {
    Request.Builder builder =
        new Request.Builder().url(url).header("User-Agent", userAgent).header("Accept", "application/json");
    settings.token().ifPresent(token -> builder.header("Auth-Token", token.secret()));
    return builder.build();
  }

  /**
   * One attempt: a final exchange, or a retryable problem, or a 429 with how long the server
   * asked to wait (zero when it did not say).
   */
  private record Answer<T>(Exchange<T> exchange, String problem, Duration retryAfter) {
    static <T> Answer<T> done(Exchange<T> exchange) {
      return new Answer<>(exchange, null, null);
    }

    static <T> Answer<T> retry(String problem) {
      return new Answer<>(null, problem, null);
    }
  }

  private <T> Answer<T> send(Request request, BodyReader<T> reader) {
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      ResponseBody body = response.body();
      if (code == 200) {
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        try {
          return Answer.done(new Exchange.Ok<>(reader.read(bytes), bytes));
        } catch (IOException e) {
          return Answer.retry(e.getMessage());
        }
      }
      if (code == 403) {
        String reason = denial(body == null ? "" : body.string());
        accessDenied.compareAndSet(null, reason);
        return Answer.done(new Exchange.Denied<>(accessDenied.get()));
      }
      if (code == 429) {
        return new Answer<>(null, "rate limited (HTTP 429)", retryAfter(response.header("Retry-After")));
      }
      if (code >= 500) {
        return Answer.retry("HTTP " + code);
      }
      if (code >= 400) {
        return Answer.done(new Exchange.Refused<>(code, body == null ? "" : body.string()));
      }
      return Answer.done(new Exchange.GaveUp<>("unexpected answer HTTP " + code));
    } catch (InterruptedIOException e) {
      return Answer.retry("timed out after " + settings.timeout().toMillis() + " ms");
    } catch (EOFException | ProtocolException e) {
      return Answer.retry("truncated response");
    } catch (IOException e) {
      return Answer.retry("network error: " + e.getClass().getSimpleName());
    }
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
        said = ": " + PyRepr.reprString(text);
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
    try {
      wait = Duration.ofSeconds(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
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
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
