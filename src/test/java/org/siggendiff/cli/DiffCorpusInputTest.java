package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.siggendiff.testing.ProcessedCrashes.processed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.InvalidCrashIdException;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.Fixtures;
import org.siggendiff.testing.SharedData;

/** What the diff makes of corpus files: their formats, wrappers, compression and broken or hostile content. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiffCorpusInputTest {
  @TempDir Path folder;
  private Path siglists;

  @BeforeEach
  void siglists() {
    siglists = Fixtures.resource("siglists/basic");
  }

  private CliRunner.Outcome diff(Path siglistFolder, String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--baseline", siglistFolder.toString(), "--candidate", siglistFolder.toString(),
        "--cache-dir", folder.resolve("cache").toString(), "--offline", "--format", "jsonl"));
    all.addAll(List.of(args));
    return CliRunner.run("", Map.of(), all.toArray(String[]::new));
  }

  private CliRunner.Outcome diff(String... args) {
    return diff(siglists, args);
  }

  private static List<JsonNode> rows(String out) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(CrashJson.parse(line));
      }
    }
    return rows;
  }

  private static ObjectNode wrapped(String key, JsonNode crash) {
    ObjectNode wrapper = CrashJson.mapper().createObjectNode();
    wrapper.put("id", "family-1");
    wrapper.set(key, crash);
    return wrapper;
  }

  private static void gzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }

  @Test
  void wrappedProcessedCrashesAndCrashDataAreSignedWithTheirFramesAndCrashIds() throws IOException {
    ObjectNode crashData = CrashJson.mapper().createObjectNode();
    crashData.put("crashing_thread", 0);
    crashData.putArray("threads").addObject().putArray("frames").addObject().put("function", "Data::Frame");
    ObjectNode dataWrapper = wrapped("crash_data", crashData);
    dataWrapper.put("crash_id", CrashIds.text(2));
    Path file = Files.write(folder.resolve("export.jsonl"), List.of(
        wrapped("processed_crash", processed(CrashIds.text(1), "Old", "Foo::Bar")).toString(),
        dataWrapper.toString(),
        wrapped("crash_data", crashData).toString()));

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(3, rows.size(), outcome.out());
    assertEquals(CrashIds.text(1), rows.get(0).get("crash_id").asText());
    assertEquals("Old", rows.get(0).get("production").asText());
    assertEquals("Foo::Bar", rows.get(0).get("candidate").asText());
    assertEquals(CrashIds.text(2), rows.get(1).get("crash_id").asText());
    assertEquals("Data::Frame", rows.get(1).get("candidate").asText());
    assertEquals(file + ":3", rows.get(2).get("crash_id").asText());
    assertEquals("Data::Frame", rows.get(2).get("candidate").asText());
  }

  @Test
  void aCrashInTwoCorpusFilesIsCountedOnceAsFirstReadAndTheRepeatIsNamedInTheSummary() throws IOException {
    Path first = Files.write(folder.resolve("a.jsonl"), List.of(
        processed(CrashIds.text(1), "Old", "First::Reading").toString(),
        processed(CrashIds.text(2), "Old", "Other::Crash").toString()));
    // The same crash again, as reprocessed: a different stack under the same crash ID.
    Path second = Files.write(folder.resolve("b.jsonl"), List.of(
        processed(CrashIds.text(1), "Old", "Second::Reading").toString(),
        processed(CrashIds.text(3), "Old", "Third::Crash").toString(),
        processed(CrashIds.text(1), "Old", "Third::Reading").toString()));
    Path summary = folder.resolve("summary.json");

    CliRunner.Outcome outcome = diff("--corpus", first.toString(), "--corpus", second.toString(), "--summary", summary.toString());

    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(List.of(CrashIds.text(1), CrashIds.text(2), CrashIds.text(3)),
        rows.stream().map(row -> row.get("crash_id").asText()).toList(), outcome.out());
    assertEquals("First::Reading", rows.get(0).get("candidate").asText());
    assertTrue(outcome.err().contains("3 crashes read: 0 changed, 3 unchanged, 0 failed; 2 repeats left out\n"), outcome.err());
    assertTrue(outcome.err().contains("read more than once, counted as first read:\n  "
        + CrashIds.text(1) + ": read 3 times, not signed as first read (another reading: Second::Reading -> Second::Reading)\n"), outcome.err());
    assertTrue(outcome.err().contains("warning: 1 crash read more than once was not signed the same way each time"), outcome.err());
    JsonNode json = CrashJson.parse(Files.readString(summary));
    assertEquals(3, json.get("crashes").asInt());
    assertEquals(2, json.get("repeated").asInt());
    JsonNode repeat = json.get("repeats").get(0);
    assertEquals(CrashIds.text(1), repeat.get("crash_id").asText());
    assertEquals(3, repeat.get("times_read").asInt());
    assertFalse(repeat.get("alike").asBoolean());
    assertEquals("Second::Reading -> Second::Reading", repeat.get("other_reading").asText());
  }

  @Test
  void aJsonFileHoldingTwoDocumentsSaysWhereTheSecondStartsAndThatJsonlHoldsOnePerLine() throws IOException {
    Path file = Files.write(folder.resolve("two.json"), List.of(
        processed(CrashIds.text(1), "Old", "Foo").toString(), processed(CrashIds.text(2), "Old", "Bar").toString()));

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals("extra data after the JSON value at line 2, column 1 (a .json file holds one crash; a .jsonl file holds one per line)",
        rows(outcome.out()).get(0).get("error").asText(), outcome.out());
  }

  @Test
  void aLineCutShortSaysWhereItsJsonBreaks() throws IOException {
    String whole = processed(CrashIds.text(1), "Old", "Foo").toString();
    Path file = Files.write(folder.resolve("cut.jsonl"), List.of(whole, whole.substring(0, 40)));

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    String error = rows(outcome.out()).get(1).get("error").asText();
    assertTrue(error.startsWith("not valid JSON: Unexpected end-of-input") && error.endsWith("(column 41)"), error);
  }

  @Test
  void documentsWithoutACrashIdAreNeverRepeatsOfEachOther() throws IOException {
    ObjectNode crashData = CrashJson.mapper().createObjectNode();
    crashData.put("crashing_thread", 0);
    crashData.putArray("threads").addObject().putArray("frames").addObject().put("function", "Data::Frame");
    Path file = Files.write(folder.resolve("data.jsonl"), List.of(crashData.toString(), crashData.toString()));

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals(2, rows(outcome.out()).size(), outcome.out());
    assertFalse(outcome.err().contains("repeat"), outcome.err());
  }

  @Test
  void aDocumentOfNeitherSchemaIsAFailedRowNamingSomeOfItsKeysEscaped() throws IOException {
    Path file = Files.write(folder.resolve("c.jsonl"), List.of(
        "{\"id\": 1, \"name\\u001b[31m\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6, \"g\": 7}",
        "{}",
        processed(CrashIds.text(1), "Old", "Foo::Bar").toString()));

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals(ExitCodes.UNPROCESSED, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(3, rows.size());
    assertEquals("error", rows.get(0).get("status").asText());
    assertEquals(file + ":1", rows.get(0).get("crash_id").asText());
    assertEquals("not a crash document: keys \"id\", \"name\\u001b[31m\", \"c\", \"d\", \"e\", ... (7 keys)",
        rows.get(0).get("error").asText());
    assertEquals(file + ":2", rows.get(1).get("crash_id").asText());
    assertEquals("not a crash document: no keys", rows.get(1).get("error").asText());
    assertEquals("ok", rows.get(2).get("status").asText());
    assertTrue(outcome.err().contains("3 crashes read: 0 changed, 1 unchanged, 2 failed"), outcome.err());
    assertFalse(outcome.err().contains("\u001b"));
  }

  @Test
  void aProcessedCrashWithoutJsonDumpIsStillAProcessedCrash() throws IOException {
    ObjectNode crash = CrashJson.mapper().createObjectNode();
    crash.put("uuid", CrashIds.text(5));
    crash.put("signature", "EMPTY: no frame data available");
    crash.put("product", "Firefox");
    crash.put("mdsw_status_string", "ERROR_NO_MINIDUMP_HEADER");
    Path file = Files.write(folder.resolve("c.jsonl"), List.of(crash.toString()));

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals(0, outcome.status(), outcome.err());
    JsonNode row = rows(outcome.out()).get(0);
    assertEquals(CrashIds.text(5), row.get("crash_id").asText());
    assertEquals("EMPTY: no frame data available", row.get("production").asText(), "read as a processed crash");
    assertEquals("EMPTY: no frame data available; ERROR_NO_MINIDUMP_HEADER", row.get("candidate").asText());
  }

  @Test
  void gzippedJsonLinesAndGzippedSingleDocumentsAreRead() throws IOException {
    Path corpus = Files.createDirectories(folder.resolve("corpus"));
    gzip(corpus.resolve("a.jsonl.gz"), (processed(CrashIds.text(1), "x", "Foo::One") + "\n"
        + processed(CrashIds.text(2), "x", "Foo::Two") + "\n").getBytes(StandardCharsets.UTF_8));
    gzip(corpus.resolve("b.json.gz"), processed(CrashIds.text(3), "x", "Foo::Three").toString().getBytes(StandardCharsets.UTF_8));

    CliRunner.Outcome outcome = diff("--corpus", corpus.toString());

    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(List.of("Foo::One", "Foo::Two", "Foo::Three"), rows.stream().map(r -> r.get("candidate").asText()).toList());
  }

  @Test
  void filesOfAFolderThatAreNotReadAreNamedOnStderr() throws IOException {
    Path corpus = Files.createDirectories(folder.resolve("corpus"));
    Files.writeString(corpus.resolve("a.jsonl"), processed(CrashIds.text(1), "x", "Foo::One") + "\n");
    Files.writeString(corpus.resolve("README.txt"), "crashes of the week\n");
    Files.createDirectories(corpus.resolve("older.jsonl"));

    CliRunner.Outcome outcome = diff("--corpus", corpus.toString());

    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(1, rows(outcome.out()).size());
    assertTrue(outcome.err().startsWith("siggen-diff: --corpus: passed over 2 entries not named .json or .jsonl (or .gz), or folders,"
        + " which are not read in turn: " + corpus.resolve("README.txt") + ", " + corpus.resolve("older.jsonl") + "\n"), outcome.err());
  }

  @Test
  void aGzipFileThatCannotBeDecodedFailsOnceWithItsNameAndTheRunGoesOn() throws IOException {
    Path corpus = Files.createDirectories(folder.resolve("corpus"));
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      lines.append(processed(CrashIds.text(i), "x", "Foo::N" + i)).append('\n');
    }
    gzip(folder.resolve("whole.gz"), lines.toString().getBytes(StandardCharsets.UTF_8));
    byte[] whole = Files.readAllBytes(folder.resolve("whole.gz"));
    Files.write(corpus.resolve("a.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));
    Files.writeString(corpus.resolve("b.jsonl.gz"), "plain text, not gzip\n");
    Files.write(corpus.resolve("c.jsonl"), List.of(processed(CrashIds.text(999), "x", "Foo::Last").toString()));

    CliRunner.Outcome outcome = diff("--corpus", corpus.toString());

    assertEquals(ExitCodes.UNPROCESSED, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    List<JsonNode> failed = rows.stream().filter(r -> r.get("status").asText().equals("error")).toList();
    assertEquals(2, failed.size(), outcome.out());
    assertTrue(failed.get(0).get("crash_id").asText().startsWith(corpus.resolve("a.jsonl.gz") + ":"), failed.get(0).toString());
    assertTrue(failed.get(0).get("error").asText().contains("ends early"), failed.get(0).toString());
    assertEquals(corpus.resolve("b.jsonl.gz").toString(), failed.get(1).get("crash_id").asText());
    assertEquals("cannot read: not valid gzip data (Not in GZIP format)", failed.get(1).get("error").asText());
    assertTrue(rows.size() > 3 && rows.size() < 200, "the readable part of the truncated file is kept: " + rows.size());
    assertEquals("Foo::Last", rows.get(rows.size() - 1).get("candidate").asText());
  }

  @Test
  void invalidUtf8OnOneLineFailsThatLineOnlyAndTheRestIsRead() throws IOException {
    Path file = folder.resolve("c.jsonl");
    byte[] good = (processed(CrashIds.text(1), "x", "Foo::One") + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"uuid\": \"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] last = (processed(CrashIds.text(2), "x", "Foo::Two") + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(good);
      out.write(bad);
      out.write(last);
    }

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals(ExitCodes.UNPROCESSED, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(3, rows.size(), outcome.out());
    assertEquals(file + ":2", rows.get(1).get("crash_id").asText());
    assertEquals("not valid UTF-8", rows.get(1).get("error").asText());
    assertEquals("Foo::Two", rows.get(2).get("candidate").asText());
  }

  /** What is wrong with a line that is neither UTF-8 nor JSON is said the same whichever comes first. */
  @Test
  void aLineThatIsNeitherUtf8NorJsonIsNotUtf8WhereverItsJsonBreaks() throws IOException {
    Path file = folder.resolve("c.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("{,\"uuid\": \"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
      out.write("{\"uuid\": \"\u00e9\",}\n".getBytes(StandardCharsets.ISO_8859_1));
      out.write("{\"uuid\": \u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    List<JsonNode> rows = rows(diff("--corpus", file.toString()).out());

    assertEquals(3, rows.size());
    for (JsonNode row : rows) {
      assertEquals("not valid UTF-8", row.get("error").asText(), row.toString());
    }
  }

  @Test
  void aLineLongerThanTheCapFailsAndReadingResumesAtTheNextLine() throws IOException {
    Path file = folder.resolve("c.jsonl");
    byte[] chunk = new byte[1024 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write((processed(CrashIds.text(1), "x", "Foo::One") + "\n").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 33; i++) {
        out.write(chunk);
      }
      out.write(("\n" + processed(CrashIds.text(2), "x", "Foo::Two") + "\n").getBytes(StandardCharsets.UTF_8));
    }

    CliRunner.Outcome outcome = diff("--corpus", file.toString());

    assertEquals(ExitCodes.UNPROCESSED, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(3, rows.size(), outcome.out());
    assertEquals(file + ":2", rows.get(1).get("crash_id").asText());
    assertEquals("longer than 32 MiB", rows.get(1).get("error").asText());
    assertEquals("Foo::Two", rows.get(2).get("candidate").asText());
  }

  @Test
  void aSymlinkToDevZeroInACorpusFolderIsReportedAndNeverRead() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero here");
    Path corpus = Files.createDirectories(folder.resolve("corpus"));
    Files.write(corpus.resolve("a.jsonl"), List.of(processed(CrashIds.text(1), "x", "Foo::One").toString()));
    Files.createSymbolicLink(corpus.resolve("b.jsonl"), zero);

    CliRunner.Outcome outcome = diff("--corpus", corpus.toString());

    assertEquals(ExitCodes.UNPROCESSED, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(2, rows.size(), outcome.out());
    assertEquals(corpus.resolve("b.jsonl").toString(), rows.get(1).get("crash_id").asText());
    assertEquals("not a regular file (a character device)", rows.get(1).get("error").asText());
  }

  @Test
  void aFifoGivenAsTheCorpusIsRefusedWithoutOpeningIt() throws IOException, InterruptedException {
    Path fifo = folder.resolve("pipe.jsonl");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available: " + e.getMessage());
      return;
    }
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");

    CliRunner.Outcome outcome = diff("--corpus", fifo.toString());

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertEquals("siggen-diff: not a regular file or folder: " + fifo + " (a FIFO)\n", outcome.err());
  }

  @Test
  void stdinGivenAsTheCorpusIsRefusedSayingWhatItIs() throws IOException {
    // The test JVM's stdin is a pipe here: /dev/stdin links to "pipe:[N]", which has no real path.
    Path stdin = Path.of("/dev/stdin");
    assumeTrue(Files.exists(stdin) && !Files.isRegularFile(stdin) && !Files.isDirectory(stdin), "stdin is not a pipe here");

    CliRunner.Outcome outcome = diff("--corpus", stdin.toString());

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertTrue(outcome.err().startsWith("siggen-diff: not a regular file or folder: /dev/stdin ("), outcome.err());
  }

  @Test
  void aDashAsTheCorpusIsRefusedSayingWhereStdinGoes() {
    CliRunner.Outcome outcome = diff("--corpus", "-");

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertEquals("siggen-diff: no such corpus: - (a corpus is a file or folder; crash IDs on stdin are read without --corpus)\n",
        outcome.err());
  }

  @Test
  void theProcessedCrashConformanceFileIsACorpusGivingTheReferenceSignatures() throws IOException {
    assertConformanceVectorsSignAsExpected("processed-crash.jsonl.gz", "processed_crash");
  }

  @Test
  void theCrashDataConformanceFileIsACorpusGivingTheReferenceSignatures() throws IOException {
    assertConformanceVectorsSignAsExpected("crash-data.jsonl.gz", "crash_data");
  }

  /**
   * Takes the first 40 vectors of a conformance file and every vector up to line 3,000 whose crash
   * is empty or has no json_dump (10 at most), gzips them as they are, and diffs them as a corpus.
   */
  private void assertConformanceVectorsSignAsExpected(String vectors, String crashKey) throws IOException {
    Path source = SharedData.conformance(vectors);
    List<String> lines = new ArrayList<>();
    List<JsonNode> picked = new ArrayList<>();
    int odd = 0;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(source)), StandardCharsets.UTF_8))) {
      String line;
      for (int n = 0; n < 3000 && (n < 40 || odd < 10) && (line = in.readLine()) != null; n++) {
        JsonNode vector = CrashJson.parse(line);
        JsonNode crash = vector.get(crashKey);
        boolean isOdd = crash.isEmpty() || (crashKey.equals("processed_crash") && !crash.has("json_dump"));
        if (n < 40 || (isOdd && odd < 10)) {
          odd += isOdd ? 1 : 0;
          lines.add(line);
          picked.add(vector);
        }
      }
    }
    assertTrue(odd > 0, "the sample holds empty or json_dump-less crashes");
    String folderName = picked.get(0).get("siglists").asText();
    assertTrue(picked.stream().allMatch(v -> v.get("siglists").asText().equals(folderName)));
    Path corpus = folder.resolve(vectors);
    gzip(corpus, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

    CliRunner.Outcome outcome = diff(SharedData.siglists(folderName), "--corpus", corpus.toString());

    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = rows(outcome.out());
    assertEquals(picked.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode vector = picked.get(i);
      JsonNode row = rows.get(i);
      assertEquals(vector.get("expected").get("signature").asText(), row.get("candidate").asText(),
          vector.get("id").asText());
      assertEquals(expectedCrashId(vector.get(crashKey), corpus + ":" + (i + 1)), row.get("crash_id").asText());
    }
  }

  private static String expectedCrashId(JsonNode crash, String where) {
    JsonNode uuid = crash.get("uuid");
    if (uuid == null) {
      return where;
    }
    try {
      return CrashId.parse(uuid.asText()).value();
    } catch (InvalidCrashIdException e) {
      return where;
    }
  }
}
