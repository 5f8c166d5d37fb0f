package org.siggendiff.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.cli.Main;

/**
 * Issue 20: the pipeline on the DirectRunner gives the CLI's changed rows (as a set) and the
 * CLI's {@code --summary}, run in process on the same input.
 */
@Timeout(180)
class DiffPipelineTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final Path ROOT = Path.of(System.getProperty("siggendiff.root", "..")).toAbsolutePath().normalize();
  private static final Path SHARED = Path.of(System.getProperty("siggendiff.shared", "../../shared")).toAbsolutePath().normalize();

  @TempDir Path folder;

  @Test
  void theDemoCorpusGivesTheClisRowsAndSummary() throws Exception {
    Run cli = cli(ROOT.resolve("corpora/demo/processed-crashes.jsonl"), ROOT.resolve("siglists/demo/baseline"),
        ROOT.resolve("siglists/demo/candidate"));
    Run beam = beam(ROOT.resolve("corpora/demo/processed-crashes.jsonl").toString(), ROOT.resolve("siglists/demo/baseline"),
        ROOT.resolve("siglists/demo/candidate"));
    assertEquals(97, cli.rows.size(), "the demo moves 97 of its 310 crashes");
    assertSame(cli, beam);
    assertEquals(0, beam.deadLetters.size());
  }

  @Test
  void conformanceCrashesGiveTheClisRowsAndSummary() throws Exception {
    Path corpus = SHARED.resolve("conformance/processed-crash.jsonl.gz");
    boolean required = Boolean.getBoolean("siggendiff.shared.required");
    assumeTrue(required || Files.isRegularFile(corpus), "no ../shared: " + corpus);
    Path older = SHARED.resolve("socorro-siglists-older");
    Path baseline = older.resolve("2022-12-05-3b8d01def");
    Path candidate = older.resolve("2023-08-28-39d6932f4");
    Run cli = cli(corpus, baseline, candidate);
    long start = System.nanoTime();
    Run beam = beam(corpus.toString(), baseline, candidate, "--enforceImmutability=false", "--enforceEncodability=false");
    System.out.printf("DirectRunner: %d crashes in %.1f s%n", beam.summary.get("crashes").asLong(), (System.nanoTime() - start) / 1e9);
    assertEquals(3000, cli.summary.get("crashes").asLong());
    assertTrue(cli.rows.size() > 10, "the siglist change moves crashes: " + cli.rows.size());
    assertTrue(cli.summary.get("by_line").size() > 0);
    assertSame(cli, beam);
  }

  @Test
  void badDocumentsGoToTheDeadLetterOutputWithTheirReasonAndTheCountsAddUp() throws Exception {
    Path corpus = folder.resolve("corpus");
    Files.createDirectories(corpus);
    List<String> demo = Files.readAllLines(ROOT.resolve("corpora/demo/processed-crashes.jsonl")).subList(0, 40);
    List<String> lines = new ArrayList<>(demo.subList(0, 20));
    lines.addAll(List.of("not json", "[1, 2]", "{\"hello\": \"world\"}", "{\"processed_crash\": 3}", "", "{\"crash_data\": {\"threads\": 1}}"));
    Files.write(corpus.resolve("mixed.jsonl"), lines);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(corpus.resolve("more.jsonl.gz")))) {
      out.write(String.join("\n", demo.subList(20, 40)).getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {'\n', (byte) 0xff, (byte) 0xfe, '\n'});
    }
    Files.write(corpus.resolve("truncated.jsonl.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
    Files.writeString(corpus.resolve("one.json"), "{\"uuid\": ");
    Path baseline = ROOT.resolve("siglists/demo/baseline");
    Path candidate = ROOT.resolve("siglists/demo/candidate");

    Run beam = beam(corpus + "/*", baseline, candidate);
    Run cli = cli(corpus, baseline, candidate);
    assertSame(cli, beam);

    Map<String, Long> reasons = new HashMap<>();
    for (JsonNode letter : beam.deadLetters) {
      reasons.merge(letter.get("reason").asText(), 1L, Long::sum);
      assertFalse(letter.get("detail").asText().isBlank(), letter.toString());
    }
    // Crash data whose threads are not a list is still signed, as Socorro signs it.
    assertEquals(Map.of("bad document", 5L, "invalid input", 2L), reasons, beam.deadLetters.toString());
    long signed = beam.summary.get("changed").asLong() + beam.summary.get("unchanged").asLong();
    assertEquals(41, signed, "the 40 demo crashes and the crash data are signed");
    assertEquals(48, signed + beam.deadLetters.size(), "every input is a row or a dead letter");
    assertEquals(48, beam.summary.get("crashes").asLong());

    // Launched as a user launches it, the same input exits 3 as the CLI does, and a pattern that
    // matches no file exits 2 in one line, not a stack trace.
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(3, DiffPipeline.run(options(corpus + "/*", baseline, candidate), new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals("siggen-diff-beam: 7 inputs could not be signed; see the dead letters\n", err.toString(StandardCharsets.UTF_8));
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    assertEquals(2, DiffPipeline.run(options(folder.resolve("nothing") + "/*.jsonl", baseline, candidate),
        new PrintStream(none, true, StandardCharsets.UTF_8)));
    assertTrue(none.toString(StandardCharsets.UTF_8).startsWith("siggen-diff-beam: No files matched spec"), none.toString(StandardCharsets.UTF_8));
    assertEquals(1, none.toString(StandardCharsets.UTF_8).lines().count());
  }

  private record Run(List<String> rows, ObjectNode summary, List<JsonNode> deadLetters) {}

  private Run cli(Path corpus, Path baseline, Path candidate) throws IOException {
    Path summary = folder.resolve("cli-summary.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(
        new String[] {"--corpus", corpus.toString(), "--baseline", baseline.toString(), "--candidate", candidate.toString(),
            "--format", "jsonl", "--different-only", "--offline", "--cache-dir", folder.resolve("cache").toString(),
            "--summary", summary.toString()},
        new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), Map.of(), false, false);
    assertTrue(status == 0 || status == 3, err.toString());
    return new Run(out.toString().lines().toList(), (ObjectNode) JSON.readTree(summary.toFile()), List.of());
  }

  private DiffPipelineOptions options(String input, Path baseline, Path candidate, String... runnerOptions) throws IOException {
    Path output = Files.createDirectories(folder.resolve("beam-" + System.nanoTime()));
    List<String> args = new ArrayList<>(List.of(
        "--input=" + input, "--baseline=" + baseline, "--candidate=" + candidate, "--output=" + output + "/",
        "--runner=DirectRunner", "--targetParallelism=2", "--spreadBuckets=4"));
    args.addAll(List.of(runnerOptions));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(DiffPipelineOptions.class);
  }

  private Run beam(String input, Path baseline, Path candidate, String... runnerOptions) throws Exception {
    DiffPipelineOptions options = options(input, baseline, candidate, runnerOptions);
    Path output = Path.of(options.getOutput());
    assertEquals(PipelineResult.State.DONE, DiffPipeline.build(options).run().waitUntilFinish());
    List<JsonNode> deadLetters = new ArrayList<>();
    for (String line : lines(output, "dead-letter")) {
      deadLetters.add(JSON.readTree(line));
    }
    ObjectNode summary = (ObjectNode) JSON.readTree(output.resolve("summary.json").toFile());
    assertTransitionFilesAgree(output, summary);
    return new Run(lines(output, "changed"), summary, deadLetters);
  }

  /** The transition and per-line count files say what the summary says. */
  private static void assertTransitionFilesAgree(Path output, ObjectNode summary) throws IOException {
    List<JsonNode> transitions = new ArrayList<>();
    for (String line : Files.readAllLines(output.resolve("transitions.jsonl"))) {
      transitions.add(JSON.readTree(line));
    }
    assertEquals(sorted(summary.get("transitions")), sorted(transitions));
    long byLine = 0;
    for (String line : Files.readAllLines(output.resolve("by-line.jsonl"))) {
      byLine += JSON.readTree(line).get("crashes").asLong();
    }
    long summaryByLine = 0;
    for (JsonNode line : summary.get("by_line")) {
      summaryByLine += line.get("crashes").asLong();
    }
    assertEquals(summaryByLine, byLine);
  }

  private static List<String> lines(Path output, String prefix) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(output)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  /**
   * Rows as sets; the summary equal but for the order of its failures, which Beam does not
   * keep, and the CLI's repeats, which Beam does not look for (none here).
   */
  private static void assertSame(Run cli, Run beam) {
    assertEquals(cli.rows.stream().sorted().toList(), beam.rows.stream().sorted().toList());
    ObjectNode expected = comparable(cli.summary);
    ObjectNode actual = comparable(beam.summary);
    expected.fieldNames().forEachRemaining(field -> assertEquals(expected.get(field), actual.get(field), field));
    assertEquals(expected, actual);
    if (!beam.deadLetters.isEmpty() || cli.summary.get("failed").asLong() > 0) {
      assertEquals(sorted(cli.summary.get("failures")), sorted(beam.deadLetters));
    }
  }

  private static ObjectNode comparable(ObjectNode summary) {
    ObjectNode copy = summary.deepCopy();
    copy.set("failures", JSON.valueToTree(sorted(summary.get("failures"))));
    if (copy.has("repeated")) {
      assertEquals(0, copy.remove("repeated").asLong(), "no crash is read twice here");
      assertEquals(0, copy.remove("repeats").size());
    }
    return copy;
  }

  private static List<JsonNode> sorted(Iterable<JsonNode> nodes) {
    List<JsonNode> list = new ArrayList<>();
    nodes.forEach(list::add);
    list.sort(Comparator.comparing(JsonNode::toString));
    return list;
  }

}
