package org.siggendiff.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.GitRepo;

/**
 * History figures: {@code siggen-diff history} through the launcher over 100 siglist versions
 * (Socorro's 48 real ones from 2019 to 2026 in order, then the same again from the oldest, so that
 * two steps are years of changes at once) and 10,000 cached processed crashes (the conformance
 * processed-crash documents, given fresh IDs). Wall and CPU time from {@code /usr/bin/time}.
 */
public final class HistoryBenchmark {
  private static final int CRASHES = 10_000;
  private static final int VERSIONS = 100;

  private HistoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[0]);
    Path launcher = Path.of(args[1]);
    Path work = Files.createTempDirectory("siggen-diff-bench");
    try {
      Path cache = work.resolve("cache");
      fillCache(cache, BenchFiles.processedCrashes(shared.resolve("conformance/processed-crash.jsonl.gz")));
      List<Path> real = new ArrayList<>();
      for (String set : List.of("socorro-siglists-older", "socorro-siglists")) {
        try (Stream<Path> folders = Files.list(shared.resolve(set))) {
          folders.filter(Files::isDirectory).sorted().forEach(real::add);
        }
      }
      GitRepo repo = GitRepo.init(work.resolve("repo"));
      String first = null;
      for (int i = 0; i < VERSIONS; i++) {
        // Socorro's versions in date order, then again from the oldest with a comment added (another
        // version of the files): consecutive commits, with two jumps back over years of changes.
        int index = i % real.size();
        repo.putSiglists(real.get(index));
        if (i >= real.size()) {
          Path sentinels = repo.root().resolve(GitRepo.SIGLISTS).resolve("signature_sentinels.txt");
          Files.writeString(sentinels, Files.readString(sentinels) + "\n# bench pass " + (i / real.size()) + "\n");
        }
        String sha = repo.commit("Bug " + (1_000_000 + i) + " - version " + i, "2024-01-01T00:00:00+00:00");
        first = first == null ? sha : first;
      }
      Path ids = work.resolve("ids.txt");
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < CRASHES; i++) {
        text.append(CrashIds.text(i)).append('\n');
      }
      Files.writeString(ids, text);
      System.out.printf("history benchmark: %d siglist versions, %d cached processed crashes, launcher, jsonl%n", VERSIONS, CRASHES);
      for (int run = 1; run <= 3; run++) {
        Path times = work.resolve("time.txt");
        Process process = new ProcessBuilder("/usr/bin/time", "-f", "%e %U %S %M", "-o", times.toString(), launcher.toString(), "history",
                "--siglists", repo.root() + "@" + first + "..main", "--format", "jsonl", "--offline", "--cache-dir", cache.toString())
            .redirectInput(ids.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(work.resolve("stderr.txt").toFile())
            .start();
        if (process.waitFor() != 0) {
          throw new IllegalStateException("history exited " + process.exitValue() + ": " + Files.readString(work.resolve("stderr.txt")));
        }
        String[] figures = Files.readString(times).strip().split("\\s+");
        // The machine may be shared: the wall time means little without the load it ran under.
        System.out.printf("  run %d: %s s wall, %s s user + %s s system CPU, peak RSS %d MB, load average %s%n", run, figures[0], figures[1],
            figures[2], Long.parseLong(figures[3]) / 1024, loadAverage());
      }
      Files.readAllLines(work.resolve("stderr.txt")).stream().filter(line -> line.startsWith("  ")).forEach(line -> System.out.println("  " + line.strip()));
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** The 1-minute load average after a run, or "?" where /proc is not there. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void fillCache(Path cache, List<String> documents) throws IOException {
    Path folder = Files.createDirectories(cache.resolve("processed_crash"));
    for (int i = 0; i < CRASHES; i++) {
      ObjectNode crash = (ObjectNode) CrashJson.parse(documents.get(i % documents.size()));
      crash.put("uuid", CrashIds.text(i));
      Files.write(folder.resolve(CrashIds.text(i)), CrashJson.mapper().writeValueAsBytes(crash));
    }
  }
}
