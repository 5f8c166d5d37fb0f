package org.siggendiff.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.siggendiff.cli.Main;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.files.FileTree;
import org.siggendiff.testing.CrashIds;

/**
 * Diff figures: cached processed crashes (the conformance processed-crash documents, given
 * fresh crash IDs) through two siglist sets to CSV. Throughput is measured in process after
 * JVM start; peak RSS by running the launcher as a child process. Run by {@code scripts/bench}.
 */
public final class DiffBenchmark {
  private DiffBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[0]);
    Path launcher = Path.of(args[1]);
    Path work = Files.createTempDirectory("siggen-diff-bench");
    try {
      Path cache = work.resolve("cache");
      List<String> documents = BenchFiles.processedCrashes(shared.resolve("conformance/processed-crash.jsonl.gz"));
      String baseline = shared.resolve("socorro-siglists/2026-02-10-692db8a38").toString();
      String candidate = shared.resolve("socorro-siglists/2026-06-10-f016e1cfc").toString();
      long bytes = fillCache(cache, documents, 100_000);
      System.out.printf("diff benchmark: %d cached processed crashes (%.1f KB on average), 2 siglist sets, CSV%n",
          100_000, bytes / 100_000 / 1024.0);

      String ids20k = ids(20_000);
      String[] diffArgs = {"--baseline", baseline, "--candidate", candidate, "--format", "csv", "--offline", "--cache-dir", cache.toString()};
      // The first pass also pays for JIT compilation; C2 keeps compiling for several more passes,
      // so the steady figure is taken after 20 s of warm-up: the median of three passes.
      double first = 20_000 / timeInProcess(diffArgs, ids20k);
      System.out.printf("  %-44s %,8.0f crashes/s%n", "20,000 crashes, in process, first pass", first);
      long warmUntil = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < warmUntil) {
        timeInProcess(diffArgs, ids20k);
      }
      double[] rates = new double[3];
      for (int i = 0; i < rates.length; i++) {
        rates[i] = 20_000 / timeInProcess(diffArgs, ids20k);
      }
      Arrays.sort(rates);
      System.out.printf("  %-44s %,8.0f crashes/s%n", "20,000 crashes, in process, JIT warmed", rates[1]);

      Path idFile1 = Files.writeString(work.resolve("ids-1.txt"), ids(1));
      Path idFile20k = Files.writeString(work.resolve("ids-20k.txt"), ids20k);
      Path idFile100k = Files.writeString(work.resolve("ids-100k.txt"), ids(100_000));
      // What a user waits for: the launcher with its own JVM options. Start-up (JVM, siglist
      // loading) is what a one-crash run takes; the rest is the crashes.
      double startup = median(3, () -> runLauncher(launcher, diffArgs, idFile1).seconds());
      Child run20k = runLauncher(launcher, diffArgs, idFile20k);
      double wall20k = median(3, () -> runLauncher(launcher, diffArgs, idFile20k).seconds());
      System.out.printf("  %-44s %6.2f s wall%n", "scripts/siggen-diff, 1 ID (start-up)", startup);
      System.out.printf("  %-44s %6.2f s wall, peak RSS %d MB%n", "scripts/siggen-diff, 20,000 IDs", wall20k, run20k.peakRssKb() / 1024);
      System.out.printf("  %-44s %,8.0f crashes/s%n", "  after JVM start: 20,000 / (20k run - start-up)", 20_000 / (wall20k - startup));
      Child run100k = runLauncher(launcher, diffArgs, idFile100k);
      System.out.printf("  %-44s %6.2f s wall, peak RSS %d MB%n", "scripts/siggen-diff, 100,000 IDs", run100k.seconds(), run100k.peakRssKb() / 1024);
    } finally {
      FileTree.delete(work);
    }
  }

  /** The 100,000 cached crashes take 2 GB; the bench leaves nothing behind. */
  private static long fillCache(Path cache, List<String> documents, int count) throws IOException {
    Path folder = Files.createDirectories(cache.resolve("processed_crash"));
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      ObjectNode crash = (ObjectNode) CrashJson.parse(documents.get(i % documents.size()));
      crash.put("uuid", CrashIds.text(i));
      byte[] json = CrashJson.mapper().writeValueAsBytes(crash);
      Files.write(folder.resolve(CrashIds.text(i)), json);
      bytes += json.length;
    }
    return bytes;
  }

  private static String ids(int count) {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ids.append(CrashIds.text(i)).append('\n');
    }
    return ids.toString();
  }

  /** Seconds one in-process run takes. */
  private static double timeInProcess(String[] args, String stdin) {
    long start = System.nanoTime();
    runInProcess(args, stdin);
    return (System.nanoTime() - start) / 1e9;
  }

  private static void runInProcess(String[] args, String stdin) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), nowhere, nowhere, Map.of(), false, false);
    if (status != 0) {
      throw new IllegalStateException("diff exited " + status);
    }
  }

  private record Child(double seconds, long peakRssKb) {}

  @FunctionalInterface
  private interface Timing {
    double seconds() throws Exception;
  }

  private static double median(int runs, Timing timing) throws Exception {
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      seconds[i] = timing.seconds();
    }
    Arrays.sort(seconds);
    return seconds[runs / 2];
  }

  /** Runs the launcher with stdin from a file, polling its JVM's peak RSS (VmHWM) until it exits. */
  private static Child runLauncher(Path launcher, String[] args, Path stdin) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectInput(stdin.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Path status = Path.of("/proc/" + process.pid() + "/status");
    long peak = 0;
    while (process.isAlive()) {
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
          }
        }
      } catch (IOException e) {
        break;
      }
      Thread.sleep(50);
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the launcher exited " + process.exitValue());
    }
    return new Child((System.nanoTime() - start) / 1e9, peak);
  }

}
