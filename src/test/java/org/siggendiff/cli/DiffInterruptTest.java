package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.siggendiff.testing.ProcessedCrashes.copyOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.Fixtures;

/**
 * What a diff run leaves behind when it is stopped (Ctrl-C, SIGTERM) or cannot finish its
 * output: whole rows, a summary that says so, and the right exit status. Crashes come from a
 * loopback Crash Stats that answers slowly, so that a run is still going when it is stopped.
 */
class DiffInterruptTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path folder;
  private Path baseline;
  private Path candidate;
  private Path cache;

  @BeforeEach
  void siglists() throws IOException {
    baseline = copyOf(Fixtures.resource("siglists/basic"), folder.resolve("baseline"));
    candidate = copyOf(Fixtures.resource("siglists/basic"), folder.resolve("candidate"));
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), "Bar::Baz\n", StandardOpenOption.APPEND);
    cache = folder.resolve("cache");
  }

  /** Every crash the server is asked for: the same small crash, after {@code delayMillis}. */
  private void slowCrashes(int delayMillis) {
    ObjectNode crash = CrashJson.mapper().createObjectNode();
    crash.put("signature", "Bar::Baz");
    ObjectNode dump = crash.putObject("json_dump");
    dump.putObject("crash_info").put("crashing_thread", 0).put("type", "SIGSEGV");
    dump.putObject("system_info").put("os", "Linux");
    var frames = dump.putArray("threads").addObject().putArray("frames");
    frames.addObject().put("module", "libxul.so").put("function", "Bar::Baz");
    frames.addObject().put("module", "libxul.so").put("function", "Foo::Qux");
    server.stubFor(get(urlPathEqualTo(CrashStatsStub.API_PATH)).willReturn(okJson(crash.toString()).withFixedDelay(delayMillis)));
  }

  private static List<String> ids(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(CrashIds.text(1000 + i));
    }
    return ids;
  }

  private List<String> args(String... more) {
    List<String> all = new ArrayList<>(List.of(
        "--baseline", baseline.toString(), "--candidate", candidate.toString(), "--cache-dir", cache.toString(),
        "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--retries", "0"));
    all.addAll(List.of(more));
    if (!all.contains("--jobs")) {
      all.addAll(List.of("--jobs", "2"));
    }
    return all;
  }

  private static int served() {
    return server.getAllServeEvents().size();
  }

  private static Set<UUID> serveEventIds() {
    return server.getAllServeEvents().stream().map(ServeEvent::getId).collect(Collectors.toSet());
  }

  /**
   * The crash IDs asked for by the requests not among {@code before}, each once: a crash may be
   * asked for twice (a retry after a failed request or connection, which a loaded machine
   * sometimes causes), and which crashes were asked for is what a rerun is judged by.
   */
  private static Set<String> idsRequestedSince(Set<UUID> before) {
    return server.getAllServeEvents().stream()
        .filter(event -> !before.contains(event.getId()))
        .map(event -> event.getRequest().queryParameter("crash_id").firstValue())
        .collect(Collectors.toSet());
  }

  private static void awaitServed(int requests) throws InterruptedException {
    while (served() < requests) {
      Thread.sleep(5);
    }
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text)).getRecords();
  }

  /** The records are whole rows, in input order from the first input. */
  private static void assertWholeRowsInOrder(String text, List<String> ids, List<CSVRecord> records) {
    assertTrue(text.startsWith("crashid,production,baseline,candidate,same,notes,cause\r\n"), text);
    assertTrue(text.endsWith("\r\n"), "ends mid-row: " + text.substring(Math.max(0, text.length() - 80)));
    for (int i = 0; i < records.size(); i++) {
      assertEquals(7, records.get(i).size());
      assertEquals(ids.get(i), records.get(i).get("crashid"));
      assertEquals("false", records.get(i).get("same"));
    }
  }

  @Test
  @Timeout(60)
  void anInterruptionMidRunWritesEveryFinishedRowWholeAndASummaryThatSaysSoAndExits130() throws Exception {
    slowCrashes(20);
    List<String> ids = ids(400);
    Path summary = folder.resolve("summary.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Interruption interruption = new Interruption();
    CliContext context = new CliContext(new ByteArrayInputStream(String.join("\n", ids).getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err), Map.of(), false, false, false, false, interruption);
    Thread signal = new Thread(() -> {
      try {
        awaitServed(20);
        interruption.request();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    signal.start();
    int status = Main.run(args("--format", "csv", "--summary", summary.toString()).toArray(String[]::new), context);
    signal.join();

    assertEquals(130, status, err.toString());
    List<CSVRecord> records = csv(out.toString());
    assertWholeRowsInOrder(out.toString(), ids, records);
    int rows = records.size();
    assertTrue(rows >= 1 && rows < 200, "rows: " + rows);
    assertTrue(err.toString().contains(rows + (rows == 1 ? " crash read: " : " crashes read: ") + rows + " changed"), err.toString());
    // Crash IDs stream from stdin: those taken and not finished are counted, the rest of stdin is not.
    assertTrue(Pattern.compile("\ninterrupted: \\d+ crash(es)? not processed, and the rest of the input not read\n").matcher(err.toString()).find(),
        err.toString());
    JsonNode json = CrashJson.parse(Files.readString(summary));
    assertTrue(json.get("interrupted").asBoolean());
    assertEquals(rows, json.get("crashes").asInt());
    assertTrue(json.get("not_processed").asInt() <= 400 - rows, json.toString());
    assertTrue(json.get("rest_not_read").asBoolean(), json.toString());
  }

  /** The JVM this test runs on, with the test's class path, running {@link Main}. */
  private ProcessBuilder siggenDiff(List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  @Test
  @Timeout(60)
  void aSignalBeforeTheCommandWatchesForOneSaysInterruptedAndExits130() throws Exception {
    // signify reads its one document whole before it writes anything: stopped while it waits.
    Path errFile = folder.resolve("err.txt");
    Process process = siggenDiff(List.of("signify", "--siglists", "siglists/demo/baseline"))
        .redirectError(errFile.toFile())
        .start();
    try {
      Thread.sleep(1_500);
      assertTrue(process.isAlive(), Files.readString(errFile));
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the run did not end");
    } finally {
      process.destroyForcibly();
    }
    assertEquals(130, process.exitValue());
    assertEquals("siggen-diff: interrupted\n", Files.readString(errFile));
  }

  @Test
  @Timeout(90)
  void sigtermWhileWritingCsvToAFileLeavesWholeRowsAndTheSummaryAndExits130() throws Exception {
    slowCrashes(20);
    List<String> ids = ids(2_000);
    Path stdin = Files.write(folder.resolve("ids.txt"), ids);
    Path csvFile = folder.resolve("out.csv");
    Path errFile = folder.resolve("err.txt");
    Path summary = folder.resolve("summary.json");
    Process process = siggenDiff(args("--format", "csv", "--summary", summary.toString()))
        .redirectInput(stdin.toFile())
        .redirectOutput(csvFile.toFile())
        .redirectError(errFile.toFile())
        .start();
    try {
      awaitServed(40);
      assertTrue(process.isAlive(), Files.readString(errFile));
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the run did not end");
    } finally {
      process.destroyForcibly();
    }

    String err = Files.readString(errFile);
    assertEquals(130, process.exitValue(), err);
    String text = Files.readString(csvFile);
    List<CSVRecord> records = csv(text);
    assertWholeRowsInOrder(text, ids, records);
    assertTrue(records.size() >= 1 && records.size() < 1_000, "rows: " + records.size());
    assertTrue(Pattern.compile("\ninterrupted: \\d+ crash(es)? not processed, and the rest of the input not read\n").matcher(err).find(), err);
    assertTrue(CrashJson.parse(Files.readString(summary)).get("interrupted").asBoolean());
  }

  @Test
  @Timeout(90)
  void rowsReachAPipeWholeAsSoonAsTheyAreReadyAndCtrlCStillEndsOnAWholeRow() throws Exception {
    slowCrashes(50);
    List<String> ids = ids(1_000);
    Path stdin = Files.write(folder.resolve("ids.txt"), ids);
    Path errFile = folder.resolve("err.txt");
    Process process = siggenDiff(args()).redirectInput(stdin.toFile()).redirectError(errFile.toFile()).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("  same:")) {
        lines.add(line);
      }
      // The header and the first crash came out while most crashes were still to be fetched,
      // not when an 8 KB buffer filled (some 50 crashes into the run).
      int servedAtFirstRow = served();
      assertTrue(servedAtFirstRow < 20, "requests before the first row showed: " + servedAtFirstRow);
      assertTrue(process.isAlive());
      assertTrue(lines.get(0).startsWith("baseline:  " + baseline), lines.toString());
      assertTrue(lines.contains(ids.get(0)), lines.toString());
      lines.add(line);
      // Process.destroy would close our end of the pipe; kill sends the same SIGTERM.
      assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor());
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
      assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the run did not end");
    } finally {
      process.destroyForcibly();
    }
    assertEquals(130, process.exitValue(), Files.readString(errFile));
    assertTrue(lines.get(lines.size() - 1).startsWith("  cause:      + irrelevant_signature_re.txt:"), "last block is cut: " + lines.subList(lines.size() - 3, lines.size()));
    assertTrue(Files.readString(errFile).contains("interrupted: "), Files.readString(errFile));
  }

  @Test
  @Timeout(60)
  void progressOnTheSameTerminalIsClearedBeforeEveryRow() throws Exception {
    slowCrashes(40);
    List<String> ids = ids(20);
    StringWriter terminal = new StringWriter();
    PrintWriter both = new PrintWriter(terminal);
    // Crash IDs as arguments: a known total, so the bar and its ETA are drawn.
    CliContext context = new CliContext(InputStream.nullInputStream(), both, both, Map.of(), false, true, true, true, new Interruption());
    List<String> withIds = args("--jobs", "1");
    withIds.addAll(ids);
    int status = Main.run(withIds.toArray(String[]::new), context);
    assertEquals(0, status, "[" + terminal + "]");
    String shown = terminal.toString();
    assertTrue(shown.contains("ETA "), "the bar was never drawn: " + shown);
    // After the bar is drawn, the next thing on the line is a carriage return: a redraw or a clear.
    assertFalse(Pattern.compile("\033\\[K[^\r]").matcher(shown.replace("\r\033[K", "\r")).find(), shown);
    for (String id : ids) {
      assertTrue(shown.contains("\n" + id + "\n"), id + " not on a line of its own: " + shown);
    }
  }

  @Test
  void aSummaryFileThatCannotBeWrittenIsOneLineAfterTheRowsAndExitsThree() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "no /dev/full here");
    slowCrashes(0);
    CliRunner.Outcome outcome = CliRunner.run("", args("--format", "csv", "--summary", full.toString(), CrashIds.text(1)).toArray(String[]::new));
    assertEquals(3, outcome.status(), outcome.err());
    assertEquals(1, csv(outcome.out()).size());
    assertTrue(outcome.err().contains("1 crash read: 1 changed"), outcome.err());
    assertTrue(outcome.err().endsWith("siggen-diff: could not write the summary to /dev/full: No space left on device\n"), outcome.err());
    assertFalse(outcome.err().contains("Exception"), outcome.err());
  }

  @Test
  void aSummaryFileInAFolderThatIsNotThereIsRefusedBeforeAnyCrashIsRead() throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("not-a-folder"), "x");
    CliRunner.Outcome outcome = CliRunner.run("", args("--format", "csv", "--summary", notAFolder.resolve("summary.json").toString(),
        CrashIds.text(1)).toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertEquals("", outcome.out());
    assertEquals("siggen-diff: cannot write --summary " + notAFolder.resolve("summary.json") + ": Not a directory\n", outcome.err());
  }

  @Test
  void theSummaryFileIsReplacedWholeOrLeftAsItWas() throws Exception {
    slowCrashes(0);
    Path summary = Files.writeString(folder.resolve("summary.json"), "old");
    CliRunner.Outcome outcome = CliRunner.run("", args("--format", "csv", "--summary", summary.toString(), CrashIds.text(1))
        .toArray(String[]::new));
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(1, CrashJson.parse(Files.readString(summary)).get("changed").asInt());

    Path occupied = Files.createDirectories(folder.resolve("occupied.json"));
    Files.writeString(occupied.resolve("keep"), "kept");
    CliRunner.Outcome blocked = CliRunner.run("", args("--format", "csv", "--summary", occupied.toString(), CrashIds.text(1))
        .toArray(String[]::new));
    assertEquals(2, blocked.status(), blocked.err());
    assertEquals("siggen-diff: --summary " + occupied + " is a folder; name a file\n", blocked.err(), "refused before the run");
    assertEquals("kept", Files.readString(occupied.resolve("keep")));
    try (var files = Files.list(folder)) {
      assertEquals(List.of(), files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList(), "temporary files left");
    }
  }

  @Test
  void aBugInTheRunItselfStillWritesTheSummaryAndExitsThreeNotOne() {
    slowCrashes(0);
    List<String> ids = ids(3);
    StringWriter err = new StringWriter();
    // Output that breaks the way a bug would: an unchecked exception on the second row.
    Writer breaking = new Writer() {
      private final StringWriter written = new StringWriter();

      @Override
      public void write(char[] chars, int offset, int length) {
        written.write(chars, offset, length);
        if (written.toString().contains(ids.get(1))) {
          throw new IllegalStateException("boom");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    CliContext context = new CliContext(new ByteArrayInputStream(String.join("\n", ids).getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(breaking), new PrintWriter(err), Map.of(), false, false, false, true, new Interruption());
    int status = Main.run(args("--format", "jsonl", "--exit-code").toArray(String[]::new), context);
    assertEquals(3, status, err.toString());
    assertTrue(err.toString().contains("stopped by an internal error: while writing " + ids.get(1) + ": java.lang.IllegalStateException: boom"),
        err.toString());
    assertTrue(err.toString().contains("2 crashes read: 2 changed"), err.toString());
    assertFalse(err.toString().contains("\tat "), err.toString());
  }

  @Test
  @Timeout(60)
  void anInterruptedFetchSaysHowManyAreCachedAndARerunFetchesOnlyTheRest() throws Exception {
    slowCrashes(10);
    List<String> ids = ids(100);
    String stdin = String.join("\n", ids);
    StringWriter err = new StringWriter();
    Interruption interruption = new Interruption();
    CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false, false, false, false, interruption);
    Thread signal = new Thread(() -> {
      try {
        awaitServed(10);
        interruption.request();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    signal.start();
    String[] fetch = {"fetch", "--cache-dir", cache.toString(), "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--jobs", "2"};
    int status = Main.run(fetch, context);
    signal.join();
    assertEquals(130, status, err.toString());
    var interrupted = Pattern.compile("fetch: interrupted: (\\d+) of 100 crashes are in the cache, (\\d+) not done; the same command"
        + " again resumes").matcher(err.toString());
    assertTrue(interrupted.find(), err.toString());
    int cached = Integer.parseInt(interrupted.group(1));
    assertTrue(cached >= 1 && cached < 100, err.toString());

    Set<UUID> before = serveEventIds();
    CliRunner.Outcome rerun = CliRunner.run(stdin, fetch);
    assertEquals(0, rerun.status(), rerun.err());
    int fetched = idsRequestedSince(before).size();
    // Crashes in flight when the run stopped (at most the window, 8) may have been cached too.
    assertTrue(fetched <= 100 - cached && fetched >= 100 - cached - 8, "the rerun fetched " + fetched + ", cached were " + cached);
  }
}
