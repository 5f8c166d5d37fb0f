package org.siggendiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureGenerator;

/**
 * Signatures per second over the conformance crash data: generation only, and including JSON
 * parsing; on one thread and on all cores. The steady-state figures reuse the generator's
 * frame memos across passes; the "empty memos" figure is one pass with a fresh generator.
 * Run by {@code scripts/bench}; not a test.
 */
public final class SignatureBenchmark {
  private static final long MEASURE_NANOS = 5_000_000_000L;

  private SignatureBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    Path vectors = shared.resolve("conformance/crash-data.jsonl.gz");
    List<String> texts = new ArrayList<>();
    String folder = null;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(vectors)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode vector = CrashJson.parse(line);
        folder = vector.get("siglists").asText();
        texts.add(vector.get("crash_data").toString());
      }
    }
    Path siglists = shared.resolve("socorro-siglists").resolve(folder);
    long loadStart = System.nanoTime();
    SignatureGenerator generator = new SignatureGenerator(SiglistLoader.load(siglists, siglists.toString()));
    double loadMillis = (System.nanoTime() - loadStart) / 1e6;
    List<CrashData> parsed = new ArrayList<>(texts.size());
    for (String text : texts) {
      parsed.add(CrashData.of(CrashJson.parse(text)));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("signature benchmark: %d crash-data documents, siglists %s (loaded in %.0f ms), %d cores%n",
        texts.size(), folder, loadMillis, cores);

    Workload generationOnly = i -> generator.generate(parsed.get(i)).signature().length();
    Workload withParsing = i -> generator.generate(CrashData.of(CrashJson.parse(texts.get(i)))).signature().length();

    measure(generationOnly, texts.size(), 1);
    SignatureGenerator fresh = new SignatureGenerator(SiglistLoader.load(siglists, siglists.toString()));
    long firstPassStart = System.nanoTime();
    for (CrashData crash : parsed) {
      fresh.generate(crash);
    }
    report("one pass with empty memos, 1 thread", parsed.size() / ((System.nanoTime() - firstPassStart) / 1e9));
    report("generation only, 1 thread", measure(generationOnly, texts.size(), 1));
    report("generation only, " + cores + " threads", measure(generationOnly, texts.size(), cores));
    report("with JSON parsing, 1 thread", measure(withParsing, texts.size(), 1));
    report("with JSON parsing, " + cores + " threads", measure(withParsing, texts.size(), cores));
  }

  private interface Workload {
    int run(int index) throws Exception;
  }

  private static void report(String label, double perSecond) {
    System.out.printf("  %-42s %,12.0f signatures/s%n", label, perSecond);
  }

  /** Warms up for four seconds, then counts completions for five seconds. */
  private static double measure(Workload workload, int size, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      runFor(pool, workload, size, threads, 4_000_000_000L, new AtomicLong());
      AtomicLong done = new AtomicLong();
      long start = System.nanoTime();
      runFor(pool, workload, size, threads, MEASURE_NANOS, done);
      return done.get() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void runFor(ExecutorService pool, Workload workload, int size, int threads, long nanos, AtomicLong done)
      throws Exception {
    long deadline = System.nanoTime() + nanos;
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * (size / threads);
      futures.add(
          pool.submit(
              () -> {
                long count = 0;
                int sink = 0;
                int i = offset;
                while (System.nanoTime() < deadline) {
                  for (int k = 0; k < 256; k++) {
                    sink += workload.run(i);
                    i = (i + 1) % size;
                  }
                  count += 256;
                }
                done.addAndGet(count);
                return sink;
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
  }
}
