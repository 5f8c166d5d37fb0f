package org.siggendiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.serve.ServeSettings;
import org.siggendiff.serve.ServedSiglists;
import org.siggendiff.serve.SignatureServer;
import org.siggendiff.siglist.SiglistLoader;

/**
 * Load on {@code siggen-diff serve} from a generator on loopback: 32 clients of the JDK's
 * HttpClient over keep-alive connections posting the conformance crash data to
 * {@code /api/CrashSignature/}, 100 crashes per request and one, as fast as answers come; then
 * single-crash requests at a fixed 1,000 per second, whose latency counts from when each request
 * was due (so a slow answer delays none of the later ones' clocks). Every phase is bounded in time
 * and count. Server and clients share this JVM and its cores, so the figures include the clients'
 * cost. Run by {@code scripts/bench serve}; not a test.
 */
public final class ServeBenchmark {
  private static final int CLIENTS = 32;
  private static final long WARM_UP_NANOS = 8_000_000_000L;
  private static final long MEASURE_NANOS = 10_000_000_000L;
  private static final int PACED_RATE = 1000;

  private ServeBenchmark() {}

  /** One phase's figures. */
  private record Figures(long requests, long signatures, long errors, double seconds, long[] latencyNanos, double[] cpu) {
    String line(String name) {
      long[] sorted = latencyNanos.clone();
      Arrays.sort(sorted);
      return String.format("%-44s %9.0f req/s %9.0f sig/s   p50 %6.2f ms   p99 %6.2f ms   errors %d   CPU busy: machine %.0f%%, this JVM %.0f%%"
              + " (%.0f sig per CPU-second of this JVM)",
          name, requests / seconds, signatures / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors, cpu[0] * 100,
          cpu[1] * 100, signatures / cpu[2]);
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    List<String> crashes = new ArrayList<>();
    String folder = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(shared.resolve("conformance/crash-data.jsonl.gz"))), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode vector = CrashJson.parse(line);
        folder = vector.get("siglists").asText();
        crashes.add(vector.get("crash_data").toString());
      }
    }
    Path siglists = shared.resolve("socorro-siglists").resolve(folder);
    List<String> singles = crashes.stream().map(crash -> "{\"jobs\": [" + crash + "]}").toList();
    List<String> batches = new ArrayList<>();
    for (int from = 0; from < crashes.size(); from += 100) {
      batches.add("{\"jobs\": [" + String.join(",", crashes.subList(from, Math.min(crashes.size(), from + 100))) + "]}");
    }
    ServeSettings settings = ServeSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    SignatureServer server = new SignatureServer(settings,
        List.of(new ServedSiglists("newest", siglists.toString(), Optional.empty(), Instant.now(), SiglistLoader.load(siglists, folder))),
        line -> System.err.println("serve: " + line));
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/CrashSignature/");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    System.out.printf("serve benchmark: %d crash-data documents (%.1f KB on average), siglists %s, %d cores, %d server threads,"
            + " %d clients; load average before: %s%n",
        crashes.size(), crashes.stream().mapToInt(String::length).average().orElse(0) / 1024, folder,
        Runtime.getRuntime().availableProcessors(), settings.threads(), CLIENTS, loadAverage());
    try {
      run(client, uri, batches, 100, WARM_UP_NANOS, 0);
      System.out.println(run(client, uri, batches, 100, MEASURE_NANOS, 0).line("batches of 100, 32 clients, closed loop"));
      System.out.println(run(client, uri, singles, 1, MEASURE_NANOS, 0).line("1 crash per request, 32 clients, closed loop"));
      System.out.println(run(client, uri, singles, 1, MEASURE_NANOS, PACED_RATE).line("1 crash per request, paced at 1,000 req/s"));
    } finally {
      server.stop();
    }
    System.out.println("load average after: " + loadAverage());
  }

  /**
   * One phase: {@link #CLIENTS} clients each sending the bodies in turn until the time is up.
   *
   * @param rate requests per second over all clients, or 0 for as fast as answers come
   */
  private static Figures run(HttpClient client, URI uri, List<String> bodies, int perRequest, long nanos, int rate) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    long end = start + nanos;
    long maxRequests = rate > 0 ? rate * nanos / 1_000_000_000L : Long.MAX_VALUE;
    long interval = rate > 0 ? 1_000_000_000L * CLIENTS / rate : 0;
    CpuMeter cpu = new CpuMeter();
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long offset = interval * c / CLIENTS;
        results.add(clients.submit(() -> {
          long[] latencies = new long[1024];
          int count = 0;
          long errors = 0;
          for (long due = start + offset; System.nanoTime() < end; due += interval) {
            long index = next.getAndIncrement();
            if (index >= maxRequests) {
              break;
            }
            if (rate > 0) {
              while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
              }
            } else {
              due = System.nanoTime();
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get((int) (index % bodies.size()))))
                .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - due;
            if (response.statusCode() != 200 || response.body().contains("\"error\":")) {
              errors++;
            }
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = latency;
          }
          long[] out = Arrays.copyOf(latencies, count + 1);
          out[count] = errors;
          return out;
        }));
      }
      long requests = 0;
      long errors = 0;
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> result : results) {
        long[] values = result.get();
        errors += values[values.length - 1];
        all.add(Arrays.copyOf(values, values.length - 1));
        requests += values.length - 1;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
      return new Figures(requests, requests * perRequest, errors, seconds, latencies, cpu.busy());
    } finally {
      clients.shutdownNow();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * The share of the machine's CPU time spent busy since it was made: by every process (from
   * /proc/stat, so other work on a shared machine shows), and by this JVM (server and clients),
   * with the CPU seconds this JVM used, a figure other work on the machine does not change.
   */
  private static final class CpuMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long[] first = read();
    private final long firstProcess = OS.getProcessCpuTime();
    private final long firstWall = System.nanoTime();

    double[] busy() {
      long[] now = read();
      long total = now[0] - first[0];
      double machine = total <= 0 ? Double.NaN : 1.0 - (double) (now[1] - first[1]) / total;
      double process = (double) (OS.getProcessCpuTime() - firstProcess)
          / ((System.nanoTime() - firstWall) * (double) Runtime.getRuntime().availableProcessors());
      return new double[] {machine, process, (OS.getProcessCpuTime() - firstProcess) / 1e9};
    }

    /** Total and idle (idle + iowait) jiffies. */
    private static long[] read() {
      try {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
          total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
      } catch (java.io.IOException | RuntimeException e) {
        return new long[] {0, 0};
      }
    }
  }
}
