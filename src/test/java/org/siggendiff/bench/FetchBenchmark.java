package org.siggendiff.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import org.siggendiff.cache.CachingCrashSource;
import org.siggendiff.cache.DiskCache;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.fetch.FetchRunner;
import org.siggendiff.fetch.FetchSummary;
import org.siggendiff.report.Progress;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;

/**
 * Fetch figures against a loopback server: 2,000 crashes answered after 50 ms with no rate
 * limit and 8 jobs; a rate-limited minute against a server that answers 429 above the limit;
 * and a rerun served by the cache. Run by {@code scripts/bench}; not a test.
 */
public final class FetchBenchmark {
  private static final int CRASHES = 2_000;
  private static final int JOBS = 8;
  private static final int LIMIT_PER_MINUTE = 600;

  private FetchBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Without it the JDK server's header and body writes meet delayed ACKs: 40 ms per answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] body = CrashStatsStub.processedCrash(CrashIds.text(0)).getBytes(StandardCharsets.UTF_8);
    Path cache = Files.createTempDirectory("siggen-diff-fetch-bench");
    System.out.printf("fetch benchmark: loopback server, %d-byte processed crash, %d jobs%n", body.length, JOBS);

    LoopbackApi slow = new LoopbackApi(body, 50, 0);
    List<CrashIdInput.Entry> ids = ids(0, CRASHES);
    double seconds = run(slow, cache, ids, 0, CachingCrashSource.Mode.NORMAL);
    double ideal = CRASHES * 0.050 / JOBS;
    System.out.printf("  %-44s %8.2f s (ideal %.2f s, %.2fx), %d requests%n",
        CRASHES + " crashes, 50 ms answers, no rate limit", seconds, ideal, seconds / ideal, slow.requests.get());

    slow.requests.set(0);
    seconds = run(slow, cache, ids, 0, CachingCrashSource.Mode.NORMAL);
    System.out.printf("  %-44s %,8.0f crashes/s, %d requests%n", "cached rerun", CRASHES / seconds, slow.requests.get());
    slow.stop();

    LoopbackApi limited = new LoopbackApi(body, 0, LIMIT_PER_MINUTE);
    seconds = run(limited, Files.createTempDirectory("siggen-diff-fetch-bench"), ids(CRASHES, LIMIT_PER_MINUTE), LIMIT_PER_MINUTE,
        CachingCrashSource.Mode.NORMAL);
    double achieved = limited.accepted.get() / (seconds / 60);
    System.out.printf("  %-44s %,8.0f requests/min (%.1f%% of %d), %d answered 429%n",
        "limit " + LIMIT_PER_MINUTE + "/min, server enforces it", achieved, 100 * achieved / LIMIT_PER_MINUTE, LIMIT_PER_MINUTE,
        limited.rejected.get());
    limited.stop();
  }

  private static List<CrashIdInput.Entry> ids(int from, int count) {
    List<CrashIdInput.Entry> entries = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      entries.add(new CrashIdInput.Valid("line " + (i + 1), CrashIds.id(i)));
    }
    return entries;
  }

  private static double run(LoopbackApi api, Path cache, List<CrashIdInput.Entry> ids, double rate, CachingCrashSource.Mode mode)
      throws InterruptedException {
    HttpUrl url = HttpUrl.get("http://127.0.0.1:" + api.port() + "/api/");
    try (CrashStatsClient client =
        new CrashStatsClient(new CrashStatsClient.Settings(url, Optional.empty(), rate, JOBS, Duration.ofSeconds(30), 5,
            Duration.ofSeconds(1)))) {
      CachingCrashSource source = new CachingCrashSource(new DiskCache(cache), client, false, mode, CachingCrashSource.DEFAULT_MEMORY_BYTES);
      Progress quiet = new Progress(new PrintWriter(Writer.nullWriter()), "fetch", ids.size(), false);
      long start = System.nanoTime();
      FetchSummary summary = new FetchRunner(source, JOBS).run(ids, quiet);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!summary.complete()) {
        throw new IllegalStateException("some crashes failed: " + summary.failures().get(0));
      }
      return seconds;
    }
  }

  /** A ProcessedCrash endpoint: a fixed delay, and 429 above a per-minute limit when one is set. */
  private static final class LoopbackApi {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final byte[] body;
    private final long delayMillis;
    private final int perMinute;

    LoopbackApi(byte[] body, long delayMillis, int perMinute) throws IOException {
      this.body = body;
      this.delayMillis = delayMillis;
      this.perMinute = perMinute;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      server.createContext("/api/ProcessedCrash/", this::answer);
      server.setExecutor(threads);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    private synchronized boolean admit() {
      long now = System.nanoTime();
      while (!window.isEmpty() && now - window.peekFirst() >= 60_000_000_000L) {
        window.removeFirst();
      }
      if (window.size() >= perMinute) {
        return false;
      }
      window.addLast(now);
      return true;
    }

    private void answer(HttpExchange exchange) throws IOException {
      requests.incrementAndGet();
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (perMinute > 0 && !admit()) {
        rejected.incrementAndGet();
        byte[] text = "Too Many Requests".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(429, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(text);
        }
        return;
      }
      accepted.incrementAndGet();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    void stop() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
