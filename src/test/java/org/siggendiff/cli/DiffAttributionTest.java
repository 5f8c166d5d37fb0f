package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.ProcessedCrashes.copyOf;
import static org.siggendiff.testing.ProcessedCrashes.processed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.Fixtures;

/**
 * The cause of each changed crash in every diff format, -v in every format, and the summary
 * grouped by siglist line, through the command line on real files. The candidate adds
 * {@code Bar::Baz} to the irrelevant list (line 7) and a line that matches no frame (line 8).
 */
@Timeout(60)
class DiffAttributionTest {
  private static final String ADDED = "+ irrelevant_signature_re.txt:7 Bar::Baz  (frames: Bar::Baz)";
  @TempDir Path folder;
  private Path baseline;
  private Path candidate;
  private Path corpus;

  @BeforeEach
  void setUp() throws IOException {
    baseline = copyOf(Fixtures.resource("siglists/basic"), folder.resolve("baseline"));
    candidate = copyOf(Fixtures.resource("siglists/basic"), folder.resolve("candidate"));
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), "Bar::Baz\nTypo::Nothing\n", StandardOpenOption.APPEND);
    corpus = corpus(
        processed(CrashIds.text(1), "=cmd|' /C calc'!A0", "Bar::Baz", "Foo::Qux"),
        processed(CrashIds.text(2), "Other::Thing", "Other::Thing"));
  }


  private Path corpus(ObjectNode... crashes) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ObjectNode crash : crashes) {
      lines.add(crash.toString());
    }
    return Files.write(Files.createTempFile(folder, "corpus", ".jsonl"), lines);
  }

  private CliRunner.Outcome diff(String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--baseline", baseline.toString(), "--candidate", candidate.toString(), "--cache-dir", folder.resolve("cache").toString(),
        "--offline", "--corpus", corpus.toString()));
    all.addAll(List.of(args));
    return CliRunner.run("", Map.of(), all.toArray(String[]::new));
  }

  private static List<JsonNode> jsonLines(String text) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(CrashJson.parse(line));
      }
    }
    return rows;
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text)).getRecords();
  }

  @Test
  void jsonlRowsCarryTheCauseOfAChangedCrashAndNullOtherwise() throws IOException {
    CliRunner.Outcome outcome = diff("--format", "jsonl");

    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    JsonNode cause = rows.get(0).get("cause");
    assertEquals(1, cause.get("lines").size());
    JsonNode line = cause.get("lines").get(0);
    assertEquals("irrelevant_signature_re.txt", line.get("file").asText());
    assertEquals(7, line.get("line").asInt());
    assertEquals("+", line.get("change").asText());
    assertEquals("Bar::Baz", line.get("text").asText());
    assertEquals(List.of("Bar::Baz"), List.of(line.get("frames").get(0).asText()));
    assertTrue(cause.get("not_a_line").isNull());
    assertTrue(rows.get(1).get("cause").isNull());
    assertFalse(rows.get(0).has("baseline_debug"), "debug only with -v");
  }

  @Test
  void jsonlVerboseHasDebugLogsAndNotesOfBothSides() throws IOException {
    CliRunner.Outcome outcome = diff("--format", "jsonl", "-v");

    assertEquals(0, outcome.status(), outcome.err());
    JsonNode row = jsonLines(outcome.out()).get(0);
    assertTrue(row.get("baseline_debug").toString().contains("not a prefix; stop: \\\"Bar::Baz\\\""), row.toString());
    assertTrue(row.get("candidate_debug").toString().contains("irrelevant; ignoring: \\\"Bar::Baz\\\""), row.toString());
    assertTrue(row.get("candidate_notes").isArray());
  }

  @Test
  void aProductionBaselineIsACauseThatIsNotALine() throws IOException {
    CliRunner.Outcome outcome = CliRunner.run("", Map.of(), "--baseline", "production", "--candidate", candidate.toString(),
        "--cache-dir", folder.resolve("cache").toString(), "--offline", "--corpus", corpus.toString(), "--format", "jsonl");

    assertEquals(0, outcome.status(), outcome.err());
    JsonNode cause = jsonLines(outcome.out()).get(0).get("cause");
    assertEquals(0, cause.get("lines").size());
    assertTrue(cause.get("not_a_line").asText().startsWith("not a siglist line: baseline is production"), cause.toString());
    assertTrue(outcome.err().contains("signature changes (crashes: baseline -> candidate):"), outcome.err());
  }

  @Test
  void csvHasACauseColumnGuardedLikeEveryCellUnlessRaw() throws IOException {
    List<CSVRecord> guarded = csv(diff("--format", "csv").out());
    List<CSVRecord> raw = csv(diff("--format", "csv", "--csv-raw").out());

    assertEquals("'" + ADDED, guarded.get(0).get("cause"));
    assertEquals("'=cmd|' /C calc'!A0", guarded.get(0).get("production"));
    assertEquals("", guarded.get(1).get("cause"));
    assertEquals(ADDED, raw.get(0).get("cause"));
    assertFalse(guarded.get(0).isMapped("debug"), "debug only with -v");
  }

  @Test
  void csvVerboseAddsADebugColumn() throws IOException {
    List<CSVRecord> records = csv(diff("--format", "csv", "-v").out());

    String debug = records.get(0).get("debug");
    assertTrue(debug.startsWith("baseline: "), debug);
    assertTrue(debug.contains("\ncandidate: SignatureGenerationRule: irrelevant; ignoring: \"Bar::Baz\""), debug);
  }

  @Test
  void textShowsTheCauseUnderTheChangedCrash() {
    CliRunner.Outcome outcome = diff();

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("  same:       no\n  cause:      " + ADDED + "\n"), outcome.out());
    assertEquals(1, outcome.out().split("cause:", -1).length - 1, "only the changed crash has a cause");
  }

  @Test
  void markdownShowsTheCauseAndVerboseNotesEscaped() {
    CliRunner.Outcome plain = diff("--format", "markdown");
    CliRunner.Outcome verbose = diff("--format", "markdown", "-v");

    String row = plain.out().lines().filter(line -> line.contains(CrashIds.text(1) + ")")).findFirst().orElseThrow();
    assertTrue(row.endsWith("| **no** | + irrelevant\\_signature\\_re.txt:7 Bar::Baz  (frames: Bar::Baz) |"), row);
    assertTrue(verbose.out().contains("| same | cause | notes |"), verbose.out());
    String verboseRow = verbose.out().lines().filter(line -> line.contains(CrashIds.text(1) + ")")).findFirst().orElseThrow();
    assertTrue(verboseRow.contains("<br>candidate debug: SignatureGenerationRule: irrelevant; ignoring: \"Bar::Baz\""), verboseRow);
    assertEquals(9, verboseRow.split("(?<!\\\\)\\|", -1).length, "7 cells: no pipe of crash text splits one: " + verboseRow);
  }

  @Test
  void aRunOfOneCrashSaysSoInTheSingularAndLinesMatchingNothingInThePlural() throws IOException {
    corpus = corpus(processed(CrashIds.text(2), "Other::Thing", "Other::Thing"));
    Path summaryFile = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("\n1 crash read: 0 changed, 1 unchanged, 0 failed\n"), outcome.err());
    assertTrue(outcome.err().contains("warning: these added lines match no frame in the 1 crash: check for a typo, or add crashes they"
        + " should move:\n  + irrelevant_signature_re.txt:7 Bar::Baz\n  + irrelevant_signature_re.txt:8 Typo::Nothing\n"), outcome.err());
    assertEquals("irrelevant_signature_re.txt:8 matches no frame in the 1 crash: check for a typo, or add crashes it should move",
        CrashJson.parse(Files.readString(summaryFile)).get("warnings").get(1).get("message").asText());

    String markdown = diff("--format", "markdown").out();
    assertTrue(markdown.contains("**1 crash read: 0 changed, 1 unchanged, 0 failed.**"), markdown);
    assertTrue(markdown.contains(": matches no frame in the 1 crash: check for a typo, or add crashes it should move\n"), markdown);
    String html = diff("--format", "html").out();
    assertTrue(html.contains("<b>1</b> crash read: <b>0</b> changed"), html);
    assertTrue(html.contains("Typo::Nothing: matches no frame in the 1 crash: check for a typo"), html);
  }

  @Test
  void aRunThatReadNoCrashSuggestsNoTypo() throws IOException {
    corpus = Files.writeString(folder.resolve("empty.jsonl"), "");
    Path summaryFile = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());
    assertTrue(outcome.err().contains("\n0 crashes read: 0 changed, 0 unchanged, 0 failed\n"), outcome.err());
    assertTrue(outcome.err().contains("warning: these added lines cannot be checked: no crash was signed:\n"), outcome.err());
    assertFalse(outcome.err().contains("typo"), outcome.err());
    assertFalse(Files.readString(summaryFile).contains("typo"), Files.readString(summaryFile));
    assertEquals("not_checked", CrashJson.parse(Files.readString(summaryFile)).get("warnings").get(0).get("kind").asText());
    String markdown = diff("--format", "markdown").out();
    assertTrue(markdown.contains(": cannot be checked: no crash was signed\n"), markdown);
    assertFalse(markdown.contains("typo"), markdown);
    assertFalse(diff("--format", "html").out().contains("check for a typo"));
  }

  @Test
  void summaryGroupsMovesByLineAndWarnsOfALineThatMatchesNoFrame() throws IOException {
    Path summaryFile = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());

    assertEquals(0, outcome.status(), outcome.err());
    String err = outcome.err();
    assertTrue(err.contains("siglist changes, by line (crashes moved: baseline -> candidate):\n"
        + "  + irrelevant_signature_re.txt:7 Bar::Baz\n"
        + "      moved 1 crash\n"
        + "           1: Bar::Baz -> Foo::Qux\n"
        + "  + irrelevant_signature_re.txt:8 Typo::Nothing\n"
        + "      moved no crash; matched 0 distinct frames of the run\n"), err);
    assertTrue(err.contains("warning: this added line matches no frame in these 2 crashes: check for a typo, or add crashes it should move:\n"
        + "  + irrelevant_signature_re.txt:8 Typo::Nothing"), err);

    JsonNode json = CrashJson.parse(Files.readString(summaryFile));
    JsonNode lines = json.get("by_line");
    assertEquals(2, lines.size());
    assertEquals("Bar::Baz", lines.get(0).get("text").asText());
    assertEquals("+", lines.get(0).get("change").asText());
    assertEquals(7, lines.get(0).get("line").asInt());
    assertEquals(1, lines.get(0).get("crashes").asInt());
    assertEquals("Foo::Qux", lines.get(0).get("transitions").get(0).get("candidate").asText());
    assertEquals(0, lines.get(1).get("crashes").asInt());
    JsonNode warning = json.get("warnings").get(0);
    assertEquals("matches_nothing", warning.get("kind").asText());
    assertEquals(8, warning.get("line").asInt());
    assertEquals("irrelevant_signature_re.txt:8 matches no frame in these 2 crashes: check for a typo, or add crashes it should move",
        warning.get("message").asText());
    assertEquals(0, json.get("transitions_not_by_line").size());
    assertEquals(1, json.get("transitions").size());
  }

  @Test
  void aLineThatMovedManySignaturesShowsTheTopFiveThenACount() throws IOException {
    List<ObjectNode> crashes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      crashes.add(processed(CrashIds.text(10 + i), "Bar::Baz", "Bar::Baz", "Next" + i));
      if (i == 0) {
        crashes.add(processed(CrashIds.text(30), "Bar::Baz", "Bar::Baz", "Next0"));
      }
    }
    corpus = corpus(crashes.toArray(ObjectNode[]::new));
    CliRunner.Outcome outcome = diff("--different-only");

    String err = outcome.err();
    assertTrue(err.contains("      moved 8 crashes\n           2: Bar::Baz -> Next0\n           1: Bar::Baz -> Next1\n"), err);
    assertFalse(err.contains("-> Next6"), err);
    assertTrue(err.contains("          and 2 more (2 crashes)\n"), err);
  }

  @Test
  void aShadowedAddedLineIsWarnedOfInTheSummaryAndItsJson() throws IOException {
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), "NtWaitFor\n", StandardOpenOption.APPEND);
    corpus = corpus(processed(CrashIds.text(5), "Foo::Qux", "NtWaitForSingleObject", "Foo::Qux"));
    Path summaryFile = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());

    assertEquals(0, outcome.status(), outcome.err());
    String message = "irrelevant_signature_re.txt:9 is shadowed: the earlier line irrelevant_signature_re.txt:6 already matches every frame it matches in the crashes given";
    assertTrue(outcome.err().contains("  + irrelevant_signature_re.txt:9 NtWaitFor\n      moved no crash; matched 1 distinct frame of the run\n"),
        outcome.err());
    assertTrue(outcome.err().contains("warning: " + message), outcome.err());
    JsonNode warnings = CrashJson.parse(Files.readString(summaryFile)).get("warnings");
    List<String> kinds = new ArrayList<>();
    warnings.forEach(w -> kinds.add(w.get("kind").asText() + " " + w.get("line").asInt()));
    assertEquals(List.of("matches_nothing 7", "matches_nothing 8", "shadowed 9"), kinds);
    assertEquals(message, warnings.get(2).get("message").asText());
  }

  @Test
  void anAddedLineALaterExistingLineCoversIsCalledRedundantInTheSummaryAndItsJson() throws IOException {
    String existing = Files.readString(baseline.resolve("irrelevant_signature_re.txt"));
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), existing.replace("@0x", "NtWaitForSingle\n@0x"));
    corpus = corpus(processed(CrashIds.text(5), "Foo::Qux", "NtWaitForSingleObject", "Foo::Qux"));
    Path summaryFile = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());

    assertEquals(0, outcome.status(), outcome.err());
    String message = "irrelevant_signature_re.txt:2 is redundant: irrelevant_signature_re.txt:7 already matches every frame it matches in the crashes given";
    assertTrue(outcome.err().contains("  + irrelevant_signature_re.txt:2 NtWaitForSingle\n      moved no crash; matched 1 distinct frame of the run\n"),
        outcome.err());
    assertTrue(outcome.err().contains("warning: " + message), outcome.err());
    JsonNode warning = CrashJson.parse(Files.readString(summaryFile)).get("warnings").get(0);
    assertEquals("redundant", warning.get("kind").asText());
    assertEquals(message, warning.get("message").asText());
  }

  @Test
  void aLineTheCandidateOnlyDuplicatesIsNoChangeButIsWarnedOfInEveryReport() throws IOException {
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), Files.readString(baseline.resolve("irrelevant_signature_re.txt")) + "abort\n");
    Path summaryFile = folder.resolve("summary.json");
    String message = "irrelevant_signature_re.txt:7 duplicates irrelevant_signature_re.txt:3: a copy of a line changes nothing";

    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("siglist changes: none\nwarning: " + message + "\n"), outcome.err());
    JsonNode warning = CrashJson.parse(Files.readString(summaryFile)).get("warnings").get(0);
    assertEquals("duplicate", warning.get("kind").asText());
    assertEquals(message, warning.get("message").asText());
    assertTrue(diff("--format", "markdown").out().contains("no siglist line.\n\n**Warnings:**\n\n- irrelevant\\_signature\\_re.txt:7 duplicates"));
    assertTrue(diff("--format", "html").out().contains("<h3>Warnings</h3>\n<ul class=\"warnings\"><li>" + message + "</li>"));
  }

  @Test
  void aCopyThatRenumbersABackreferencesGroupIsNamedAndTheCauseSaysSo() throws IOException {
    String lines = Files.readString(baseline.resolve("irrelevant_signature_re.txt")) + "(Z)zz\n(X)(B)\\2\n";
    Files.writeString(baseline.resolve("irrelevant_signature_re.txt"), lines);
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), lines.replace("(Z)zz\n", "(Z)zz\n(Z)zz\n"));
    corpus = corpus(processed(CrashIds.text(5), "Foo::Qux", "XBX", "Foo::Qux"));

    CliRunner.Outcome outcome = diff("--format", "jsonl");

    JsonNode row = CrashJson.parse(outcome.out().lines().findFirst().orElseThrow());
    assertEquals("Foo::Qux", row.get("baseline").asText(), outcome.out());
    assertEquals("XBX", row.get("candidate").asText(), "the copy moves \\2 to the second (Z)");
    assertTrue(outcome.out().contains("no line was added or removed, but the lines of irrelevant_signature_re.txt, which act on one"
        + " another when joined, are in another order or copied"), outcome.out());
    assertTrue(outcome.err().contains("siglist changes: none\nwarning: irrelevant_signature_re.txt:8 duplicates irrelevant_signature_re.txt:7:"
        + " a copy matches nothing new, but renumbers the groups after it"), outcome.err());
    Files.writeString(candidate.resolve("prefix_signature_re.txt"), "Elsewhere\n", StandardOpenOption.APPEND);
    assertTrue(diff("--format", "jsonl").out().contains("no added or removed line answers for it, but the lines of"
        + " irrelevant_signature_re.txt, which act on one another when joined, are in another order or copied"));
  }

  @Test
  void anAddedGlobalFlagThatReachesEveryLineIsNotCalledATypo() throws IOException {
    String lines = Files.readString(baseline.resolve("irrelevant_signature_re.txt"));
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), lines.replace("@0x", "(?i)zzz\n@0x"));
    corpus = corpus(processed(CrashIds.text(5), "Foo::Qux", "ABORT", "Foo::Qux"));

    CliRunner.Outcome outcome = diff("--format", "jsonl");

    assertEquals("Foo::Qux", CrashJson.parse(outcome.out()).get("candidate").asText(), "(?i) makes abort match ABORT");
    assertTrue(outcome.err().contains("+ irrelevant_signature_re.txt:2 (?i)zzz\n"), outcome.err());
    assertFalse(outcome.err().contains("typo"), outcome.err());
  }

  /** {@code (.*a){25}$} on thirty a's and no end backtracks without end. */
  private static final String EVIL_FRAME = "a".repeat(30) + "b";

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anAddedLineThatRunsOutOfTimeIsNotCalledATypoThatMatchesNothing() throws IOException {
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), "(.*a){25}$\n", StandardOpenOption.APPEND);
    corpus = corpus(processed(CrashIds.text(1), "Foo::Qux", EVIL_FRAME, "Foo::Qux"));

    CliRunner.Outcome outcome = diff("--format", "jsonl");

    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("siglist pattern timed out: " + candidate.resolve("irrelevant_signature_re.txt") + ":"), outcome.err());
    String err = outcome.err();
    assertTrue(err.contains("(.*a){25}$\n      moved no crash; ran out of time on 1 crash, which failed\n"), err);
    assertFalse(err.substring(err.indexOf("warning:")).contains("(.*a){25}$"), "not called a typo:\n" + err);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRemovedLineThatRanOutOfTimeIsToldFromTheAddedLineAtTheSamePlace() throws IOException {
    Files.writeString(baseline.resolve("irrelevant_signature_re.txt"), "(.*a){25}$\n", StandardOpenOption.APPEND);
    corpus = corpus(processed(CrashIds.text(1), "Foo::Qux", EVIL_FRAME, "Foo::Qux"));
    Path summaryFile = folder.resolve("summary.json");

    String err = diff("--format", "jsonl", "--summary", summaryFile.toString()).err();
    List<String> timedOut = new ArrayList<>();
    CrashJson.parse(Files.readString(summaryFile)).get("by_line")
        .forEach(line -> timedOut.add(line.get("change").asText() + line.get("line").asInt() + "=" + line.get("timed_out").asLong()));
    assertTrue(timedOut.contains("-7=1") && timedOut.contains("+7=0"), timedOut.toString());

    assertTrue(err.contains("- irrelevant_signature_re.txt:7 (.*a){25}$\n      moved no crash; ran out of time on 1 crash, which failed\n"), err);
    assertTrue(err.contains("+ irrelevant_signature_re.txt:7 Bar::Baz\n      moved no crash; matched 0 distinct frames of the run\n"), err);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLineOnlyAttributionTriesThatRunsOutOfTimeFailsThatCrashAndTheRunGoesOn() throws IOException {
    // "aaa" makes the frame irrelevant on the baseline before line 8 is reached; the candidate
    // removes both, so the crash moves and attribution tries every removed line on the frame.
    Files.writeString(baseline.resolve("irrelevant_signature_re.txt"), "aaa\n(.*a){25}$\n", StandardOpenOption.APPEND);
    corpus = corpus(
        processed(CrashIds.text(1), "Foo::Qux", EVIL_FRAME, "Foo::Qux"),
        processed(CrashIds.text(2), "Bar::Baz", "Bar::Baz", "Foo::Qux"));
    Path summaryFile = folder.resolve("summary.json");

    CliRunner.Outcome outcome = diff("--format", "jsonl", "--summary", summaryFile.toString());

    assertEquals(3, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    assertEquals(2, rows.size());
    assertEquals("error", rows.get(0).get("status").asText(), rows.get(0).toString());
    assertTrue(rows.get(0).get("error").asText().startsWith(
        "siglist pattern timed out: " + baseline.resolve("irrelevant_signature_re.txt") + ":8 (on frame 'aaaa"), rows.get(0).toString());
    assertEquals("Foo::Qux", rows.get(1).get("candidate").asText(), rows.get(1).toString());
    assertEquals("ok", rows.get(1).get("status").asText(), rows.get(1).toString());
    assertTrue(outcome.err().contains("siglist timeout"), outcome.err());
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void explainFailsACrashOnWhichALineRunsOutOfTimeAndExplainsTheOthers() throws IOException {
    Files.writeString(baseline.resolve("irrelevant_signature_re.txt"), "aaa\n(.*a){25}$\n", StandardOpenOption.APPEND);
    corpus = corpus(
        processed(CrashIds.text(1), "Foo::Qux", EVIL_FRAME, "Foo::Qux"),
        processed(CrashIds.text(2), "Bar::Baz", "Bar::Baz", "Foo::Qux"));

    CliRunner.Outcome outcome = CliRunner.run("", Map.of(), "explain", "--baseline", baseline.toString(), "--candidate", candidate.toString(),
        "--cache-dir", folder.resolve("cache").toString(), "--offline", corpus.toString());

    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("explain: failed: " + CrashIds.text(1) + ": siglist pattern timed out: "
        + baseline.resolve("irrelevant_signature_re.txt") + ":8 (on frame 'aaaa"), outcome.err());
    assertTrue(outcome.out().contains("crash " + CrashIds.text(2)), outcome.out());
    assertFalse(outcome.out().contains("crash " + CrashIds.text(1)), outcome.out());
  }

  @Test
  void aLineMatchingOnlyFramesOfEitherWalkOfAShutdownHangIsNotWarnedOfAsMatchingNothing() throws IOException {
    // Lines 7 and 8 of the candidate are replaced by one per walk: each matches a frame no walk reaches.
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), Files.readString(baseline.resolve("irrelevant_signature_re.txt"))
        + "CrashingThreadOnly\nThreadZeroOnly\n");
    ObjectNode hang = processed(CrashIds.text(3), "shutdownhang | Main", "Main", "ThreadZeroOnly");
    ObjectNode dump = (ObjectNode) hang.get("json_dump");
    ((ObjectNode) dump.get("crash_info")).put("crashing_thread", 1);
    var frames = ((com.fasterxml.jackson.databind.node.ArrayNode) dump.get("threads")).addObject().putArray("frames");
    frames.addObject().put("module", "libxul.so").put("function", "mozilla::(anonymous namespace)::RunWatchdog(void*)");
    frames.addObject().put("module", "libxul.so").put("function", "CrashingThreadOnly");
    corpus = corpus(hang);
    Path summaryFile = folder.resolve("summary.json");

    CliRunner.Outcome outcome = diff("--summary", summaryFile.toString());

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("shutdownhang | Main"), outcome.out());
    JsonNode json = CrashJson.parse(Files.readString(summaryFile));
    List<String> frameCounts = new ArrayList<>();
    json.get("by_line").forEach(line -> frameCounts.add(line.get("text").asText() + "=" + line.get("frames").asInt()));
    assertEquals(List.of("CrashingThreadOnly=1", "ThreadZeroOnly=1"), frameCounts);
    assertEquals(0, json.get("warnings").size(), json.get("warnings").toString());
    assertFalse(outcome.err().contains("matches no frame"), outcome.err());
  }
}
