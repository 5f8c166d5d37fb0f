package org.siggendiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.files.FileTree;
import org.siggendiff.testing.CrashIds;

/**
 * Whole-process figures, as a user sees them: each run is the launcher with a cold JVM on a
 * file, timed from outside (wall, user+sys CPU and peak RSS by GNU time), the median of five
 * after one run not counted (which brings the workload's inputs into the page cache).
 * When {@code SIGGEN_DIFF_REFERENCE} names a folder made by {@code ../shared/reference/make-reference},
 * the Python reference does the same work in the same run, taking turns with the launcher, for
 * the ratio the targets are stated in. Run by {@code scripts/bench whole}; not a test. Everything it writes is under one
 * temporary folder, removed at the end.
 */
public final class WholeProcessBenchmark {
  /**
   * Five, not three: on a shared virtual machine a slow minute took the launcher's signify from
   * 1.5 to 1.9 s (the reference, waiting less on memory, lost less), and three runs could all
   * fall in one.
   */
  private static final int RUNS = 5;
  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private WholeProcessBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[0]).toAbsolutePath().normalize();
    Path launcher = Path.of(args[1]).toAbsolutePath();
    if (!Files.isExecutable(GNU_TIME)) {
      System.err.println("whole-process benchmark: needs GNU time at /usr/bin/time (Debian: apt-get install time)");
      System.exit(2);
    }
    String referenceEnv = System.getenv("SIGGEN_DIFF_REFERENCE");
    Path reference = referenceEnv == null || referenceEnv.isEmpty() ? null : Path.of(referenceEnv).toAbsolutePath();
    if (reference != null && !Files.isDirectory(reference.resolve("socorro/signature"))) {
      System.err.println("whole-process benchmark: SIGGEN_DIFF_REFERENCE=" + reference
          + " is not a folder made by ../shared/reference/make-reference (no socorro/signature in it)");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("siggen-diff-whole");
    try {
      run(shared, launcher, reference, work);
    } finally {
      FileTree.delete(work);
    }
  }

  private static void run(Path shared, Path launcher, Path reference, Path work) throws Exception {
    long prepareStart = System.nanoTime();
    List<String> crashData = new ArrayList<>();
    String newestName = crashDataDocuments(shared.resolve("conformance/crash-data.jsonl.gz"), crashData);
    String newest = shared.resolve("socorro-siglists").resolve(newestName).toString();
    String oldest = oldest2019(shared.resolve("socorro-siglists-older")).toString();
    String newestParent = shared.resolve("socorro-siglists").resolve(parentOf(shared.resolve("socorro-siglists"), newestName)).toString();
    List<String> processed = BenchFiles.processedCrashes(shared.resolve("conformance/processed-crash.jsonl.gz"));

    Path signifyLines = work.resolve("crash-data-60k.jsonl");
    long signifyBytes = writeLines(signifyLines, crashData, 60_000);
    Path oneDocument = Files.writeString(work.resolve("one-crash-data.json"), crashData.get(0));
    Path corpus = work.resolve("processed-15k.jsonl");
    Path cache = work.resolve("cache");
    long corpusBytes = writeCorpusAndCache(corpus, cache, processed, 15_000, 100_000);
    Path ids1 = Files.writeString(work.resolve("ids-1.txt"), ids(1));
    Path ids15k = Files.writeString(work.resolve("ids-15k.txt"), ids(15_000));
    Path ids100k = Files.writeString(work.resolve("ids-100k.txt"), ids(100_000));
    System.out.printf("whole-process benchmark: inputs prepared in %.0f s under %s%n",
        (System.nanoTime() - prepareStart) / 1e9, work);
    System.out.printf("  crash data: 60,000 lines, %.1f KB each; processed crashes: 15,000, %.1f KB each%n",
        signifyBytes / 60_000 / 1024.0, corpusBytes / 15_000 / 1024.0);
    System.out.printf("  siglists: newest %s, its pull request's parent %s, oldest 2019 %s%n",
        Path.of(newest).getFileName(), Path.of(newestParent).getFileName(), Path.of(oldest).getFileName());
    System.out.printf("  each figure: the launcher with a cold JVM, median of %d after one not counted (wall; CPU is user+sys)%n", RUNS);
    System.out.printf("  ratio: the reference and the launcher take turns; the median of the %d turns' ratios%n", RUNS);
    if (reference == null) {
      System.out.println("  reference side skipped: set SIGGEN_DIFF_REFERENCE to a folder made by ../shared/reference/make-reference");
    }

    // The first run after a build also prepares whatever the launcher keeps between runs;
    // what it costs once is shown, and kept out of the medians.
    List<String> signifyOne = List.of("signify", "--signature-list-dir", newest, oneDocument.toString());
    Child first = time(launcherCommand(launcher, signifyOne), null, work);
    System.out.printf("  first launcher run (not counted): %.2f s wall%n%n", first.wall());

    Path refScripts = shared.resolve("reference");
    List<String> diffArgs = List.of("--baseline", oldest, "--candidate", newest, "--format", "csv");
    List<String> cacheArgs = new ArrayList<>(diffArgs);
    cacheArgs.addAll(List.of("--offline", "--cache-dir", cache.toString()));
    List<String> corpusArgs = new ArrayList<>(diffArgs);
    corpusArgs.addAll(List.of("--corpus", corpus.toString()));

    List<Row> rows = new ArrayList<>();
    rows.add(measure(work, "signify --jsonl, 60,000 crash-data lines", 60_000, "lines",
        launcherCommand(launcher, List.of("signify", "--jsonl", "--signature-list-dir", newest)), signifyLines,
        reference == null ? null : python(reference, refScripts.resolve("ref_signify.py"), "--signature-list-dir", newest), signifyLines,
        ">= 10x, < 1.7 s"));
    rows.add(measure(work, "signify, one document", 1, "docs",
        launcherCommand(launcher, signifyOne), null,
        reference == null ? null : python(reference, refScripts.resolve("ref_signify.py"), "--signature-list-dir", newest), oneDocument,
        "< 0.35 s"));
    Row fromCorpus = measure(work, "diff, 15,000 processed crashes, --corpus", 15_000, "crashes",
        launcherCommand(launcher, corpusArgs), null,
        reference == null ? null : python(reference, refScripts.resolve("ref_diff.py"), "--baseline", oldest, "--candidate", newest), corpus,
        ">= 10x, < 1.7 s");
    rows.add(fromCorpus);
    // The target's row compares siglists seven years apart: 45 % of the crashes move and 600
    // lines changed, so attributing the moves is a fifth of the work. A weekly review compares a
    // pull request with its parent, as this row does with the newest one.
    List<String> pullRequestArgs = List.of(
        "--baseline", newestParent, "--candidate", newest, "--format", "csv", "--corpus", corpus.toString());
    rows.add(measure(work, "diff --corpus, newest PR vs its parent", 15_000, "crashes",
        launcherCommand(launcher, pullRequestArgs), null,
        reference == null ? null : python(reference, refScripts.resolve("ref_diff.py"), "--baseline", newestParent, "--candidate", newest), corpus,
        "(a weekly review)"));
    Row fromCache = measure(work, "diff, the same 15,000 from the disk cache", 15_000, "crashes",
        launcherCommand(launcher, cacheArgs), ids15k, null, null,
        String.format("<= corpus (%.2f s)", fromCorpus.siggen().wall()));
    rows.add(fromCache);
    Row startup = measure(work, "diff, 1 cached crash (start-up)", 1, "crashes",
        launcherCommand(launcher, cacheArgs), ids1, null, null, "");
    rows.add(startup);
    Row large = measure(work, "diff, 100,000 cached crashes", 100_000, "crashes",
        launcherCommand(launcher, cacheArgs), ids100k, null, null, "RSS < 256 MB, >= 25,000/s after start-up");
    rows.add(large);

    // On a machine shared with other work the wall times wander; CPU time (user+sys) much less,
    // so the ratio is shown both ways.
    System.out.printf("%-42s %8s %8s %10s %7s | %8s %8s %10s | %6s %6s | %s%n",
        "workload", "wall s", "CPU s", "rate/s", "RSS MB", "ref s", "ref CPU", "ref rate", "ratio", "CPU", "target");
    for (Row row : rows) {
      System.out.println(row.format());
    }
    double afterStartup = 100_000 / (large.siggen().wall() - startup.siggen().wall());
    System.out.printf("%n100,000 cached crashes after start-up: %,.0f crashes/s (100,000 / (%.2f s - %.2f s)); peak RSS %d MB%n",
        afterStartup, large.siggen().wall(), startup.siggen().wall(), large.siggen().peakRssKb() / 1024);
    // The same run's first 15,000 crashes are the cache row's: what follows them is the rate
    // with the compiler's work and the first sightings of frames behind it. Not the target's
    // figure, which counts them; it shows how much of the gap to the target they are.
    double pastFirst = 85_000 / (large.siggen().wall() - fromCache.siggen().wall());
    System.out.printf("the 85,000 after the first 15,000: %,.0f crashes/s (85,000 / (%.2f s - %.2f s)), the rate once warmed up%n",
        pastFirst, large.siggen().wall(), fromCache.siggen().wall());
  }

  /**
   * One workload: the launcher's median run and, when given, the reference's. The two sides
   * take turns, run by run, and the ratio is the median of each turn's own ratio: this machine's
   * speed drifts by a fifth over minutes, and a pair of neighbouring runs shares the drift.
   */
  private static Row measure(Path work, String name, int count, String unit, List<String> command, Path stdin,
      List<String> referenceCommand, Path referenceStdin, String target) throws Exception {
    List<Child> ours = new ArrayList<>();
    List<Child> theirs = new ArrayList<>();
    // One run first, not counted: it brings the inputs (the corpus, 100,000 cache files) into
    // the page cache, which the machine reclaims from files left alone for a while, so that
    // every workload is measured as it runs on files just written or read.
    time(command, stdin, work);
    for (int i = 0; i < RUNS; i++) {
      ours.add(time(command, stdin, work));
      if (referenceCommand != null) {
        theirs.add(time(referenceCommand, referenceStdin, work));
      }
    }
    if (referenceCommand == null) {
      return new Row(name, count, unit, median(ours), null, 0, 0, target);
    }
    double[] wallRatios = new double[RUNS];
    double[] cpuRatios = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      wallRatios[i] = theirs.get(i).wall() / ours.get(i).wall();
      cpuRatios[i] = theirs.get(i).cpu() / ours.get(i).cpu();
    }
    return new Row(name, count, unit, median(ours), median(theirs), median(wallRatios), median(cpuRatios), target);
  }

  private record Row(String name, int count, String unit, Child siggen, Child reference, double wallRatio, double cpuRatio, String target) {
    String format() {
      String refPart = reference == null
          ? String.format("%8s %8s %10s | %6s %6s", "-", "-", "-", "-", "-")
          : String.format("%8.2f %8.2f %10s | %5.1fx %5.1fx", reference.wall(), reference.cpu(), rate(reference), wallRatio, cpuRatio);
      return String.format("%-42s %8.2f %8.2f %10s %7d | %s | %s",
          name, siggen.wall(), siggen.cpu(), rate(siggen), siggen.peakRssKb() / 1024, refPart, target);
    }

    private String rate(Child child) {
      return count == 1 ? "-" : String.format("%,.0f", count / child.wall());
    }
  }

  /** Wall seconds measured here; CPU seconds (user+sys) and peak RSS of the process as GNU time reports them. */
  private record Child(double wall, double cpu, long peakRssKb) {}

  /** The run with the median wall time. */
  private static Child median(List<Child> runs) {
    List<Child> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Child::wall));
    return sorted.get(sorted.size() / 2);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static Child time(List<String> command, Path stdin, Path work) throws Exception {
    Path usage = work.resolve("usage.txt");
    Path errors = work.resolve("stderr.txt");
    List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-o", usage.toString(), "-f", "%U %S %M"));
    timed.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(timed)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errors.toFile());
    builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()) : ProcessBuilder.Redirect.from(stdin.toFile()));
    long start = System.nanoTime();
    Process process = builder.start();
    int status = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    if (status != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + status + ":\n" + Files.readString(errors));
    }
    // GNU time writes a line of its own first when the command was killed by a signal; the figures are the last line.
    List<String> lines = Files.readAllLines(usage);
    String[] fields = lines.get(lines.size() - 1).trim().split(" ");
    return new Child(wall, Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]), Long.parseLong(fields[2]));
  }

  private static List<String> launcherCommand(Path launcher, List<String> args) {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(args);
    return command;
  }

  /** The reference's script under {@code env PYTHONPATH=...}, so GNU time measures Python itself. */
  private static List<String> python(Path reference, Path script, String... args) {
    List<String> command = new ArrayList<>(List.of("env", "PYTHONPATH=" + reference, "python3", script.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** The crash-data documents of the vectors, in order; returns the siglist folder they name. */
  private static String crashDataDocuments(Path vectors, List<String> documents) throws IOException {
    String folder = null;
    try (BufferedReader reader = BenchFiles.gzipLines(vectors)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode vector = CrashJson.parse(line);
        folder = vector.get("siglists").asText();
        documents.add(vector.get("crash_data").toString());
      }
    }
    return folder;
  }

  /** The folder of the siglists {@code folder}'s pull request was made on (MANIFEST.tsv's parent). */
  private static String parentOf(Path siglists, String folder) throws IOException {
    for (String row : Files.readAllLines(siglists.resolve("MANIFEST.tsv"))) {
      String[] cells = row.split("\t");
      if (cells.length > 2 && cells[0].equals(folder) && !cells[2].equals("-")) {
        return cells[2];
      }
    }
    throw new IOException("no parent of " + folder + " in " + siglists.resolve("MANIFEST.tsv"));
  }

  private static Path oldest2019(Path older) throws IOException {
    try (var folders = Files.list(older)) {
      return folders.filter(Files::isDirectory)
          .filter(folder -> folder.getFileName().toString().startsWith("2019-"))
          .min(Comparator.comparing(folder -> folder.getFileName().toString()))
          .orElseThrow(() -> new IOException("no 2019 siglists in " + older));
    }
  }

  private static long writeLines(Path file, List<String> documents, int count) throws IOException {
    long bytes = 0;
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        String document = documents.get(i % documents.size());
        writer.write(document);
        writer.write('\n');
        bytes += document.length() + 1;
      }
    }
    return bytes;
  }

  /**
   * Processed crash {@code i} is document {@code i % 3000} with crash ID {@code i}: the first
   * {@code corpusCount} go to the JSON Lines corpus, and all {@code cacheCount} to the disk cache,
   * so the corpus and the cache hold the same first crashes.
   */
  private static long writeCorpusAndCache(Path corpus, Path cache, List<String> documents, int corpusCount, int cacheCount)
      throws IOException {
    Path folder = Files.createDirectories(cache.resolve("processed_crash"));
    long corpusBytes = 0;
    try (var writer = Files.newOutputStream(corpus)) {
      for (int i = 0; i < cacheCount; i++) {
        ObjectNode crash = (ObjectNode) CrashJson.parse(documents.get(i % documents.size()));
        crash.put("uuid", CrashIds.text(i));
        byte[] json = CrashJson.mapper().writeValueAsBytes(crash);
        Files.write(folder.resolve(CrashIds.text(i)), json);
        if (i < corpusCount) {
          writer.write(json);
          writer.write('\n');
          corpusBytes += json.length + 1;
        }
      }
    }
    return corpusBytes;
  }

  private static String ids(int count) {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ids.append(CrashIds.text(i)).append('\n');
    }
    return ids.toString();
  }
}
