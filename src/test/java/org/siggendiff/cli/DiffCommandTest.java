package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.requests;
import static org.siggendiff.testing.ProcessedCrashes.copyOf;
import static org.siggendiff.testing.ProcessedCrashes.processed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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

class DiffCommandTest {
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


  private Path corpus(String name, ObjectNode... crashes) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ObjectNode crash : crashes) {
      lines.add(crash.toString());
    }
    return Files.write(folder.resolve(name), lines);
  }

  private CliRunner.Outcome diff(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--baseline", baseline.toString(), "--candidate", candidate.toString(), "--cache-dir", cache.toString(),
        "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--retries", "0"));
    all.addAll(List.of(args));
    return CliRunner.run(stdin, Map.of(), all.toArray(String[]::new));
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

  @Test
  void jsonlRowsHaveExactlyTheDocumentedKeys() throws IOException {
    Path file = corpus("c.jsonl",
        processed(CrashIds.text(1), "Bar::Baz", "Bar::Baz", "Foo::Qux"),
        processed(CrashIds.text(2), "Other::Thing", "Other::Thing"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    assertEquals(2, rows.size());
    List<String> keys = new ArrayList<>();
    rows.get(0).fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of("crash_id", "status", "production", "baseline", "candidate", "same", "baseline_notes", "candidate_notes", "error", "cause"),
        keys);
    assertEquals(CrashIds.text(1), rows.get(0).get("crash_id").asText());
    assertEquals("ok", rows.get(0).get("status").asText());
    assertEquals("Bar::Baz", rows.get(0).get("baseline").asText());
    assertEquals("Foo::Qux", rows.get(0).get("candidate").asText());
    assertFalse(rows.get(0).get("same").asBoolean());
    assertTrue(rows.get(1).get("same").asBoolean());
    assertTrue(outcome.err().contains("2 crashes read: 1 changed, 1 unchanged, 0 failed"), outcome.err());
    assertTrue(outcome.err().contains("  + irrelevant_signature_re.txt:7 Bar::Baz\n      moved 1 crash\n           1: Bar::Baz -> Foo::Qux"),
        outcome.err());
  }

  @Test
  void csvParsesBackAndNeutralisesFormulasAndControlCharacters() throws IOException {
    Path file = corpus("c.jsonl",
        processed(CrashIds.text(1), "=HYPERLINK(\"http://evil\")", "Bar::Baz", "+Foo"),
        processed(CrashIds.text(2), "@SUM(A1)\u001b[31m", "-[NSView display]"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "--format=csv");
    assertEquals(0, outcome.status(), outcome.err());
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(outcome.out())).getRecords();
    assertEquals(2, records.size());
    assertEquals(CrashIds.text(1), records.get(0).get("crashid"));
    assertEquals("'=HYPERLINK(\"http://evil\")", records.get(0).get("production"));
    assertEquals("Bar::Baz", records.get(0).get("baseline"));
    assertEquals("'+Foo", records.get(0).get("candidate"));
    assertEquals("false", records.get(0).get("same"));
    assertEquals("'@SUM(A1)\\x1b[31m", records.get(1).get("production"));
    assertEquals("'-[NSView display]", records.get(1).get("baseline"));
    assertEquals("true", records.get(1).get("same"));
    assertFalse(outcome.out().contains("\u001b"));
  }

  @Test
  void markdownLinksCrashesAndEscapesPipesAndBackticks() throws IOException {
    Path file = corpus("c.jsonl", processed(CrashIds.text(3), "a | b `c`", "Bar::Baz", "Foo<T>::Qux"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "--format", "markdown");
    assertEquals(0, outcome.status(), outcome.err());
    String row = outcome.out().lines().filter(line -> line.contains(CrashIds.text(3))).findFirst().orElseThrow();
    assertEquals("| [" + CrashIds.text(3) + "](http://127.0.0.1:" + server.getPort() + "/report/index/" + CrashIds.text(3) + ") | a \\| b \\`c\\` | Bar::Baz | Foo\\<T\\>::Qux | **no** | + irrelevant\\_signature\\_re.txt:7 Bar::Baz  (frames: Bar::Baz) |", row);
    assertTrue(outcome.out().contains("| crash | production | baseline | candidate | same | cause |"));
  }

  @Test
  void textNeverCarriesControlCharactersAndVerboseShowsBothSides() throws IOException {
    Path file = corpus("c.jsonl", processed(CrashIds.text(4), "evil\u001b]0;title\u0007\u202e", "Bar::Baz", "Foo::Qux"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "-v");
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("  production: evil\\x1b]0;title\\x07\\u202e\n"), outcome.out());
    assertTrue(outcome.out().contains("  same:       no\n"));
    assertTrue(outcome.out().contains("  candidate debug:\n    SignatureGenerationRule: using CSignatureTool\n"
        + "    SignatureGenerationRule: using signature lists from " + candidate + "\n"
        + "    SignatureGenerationRule: irrelevant; ignoring: \"Bar::Baz\"\n"), outcome.out());
    assertFalse(outcome.out().chars().anyMatch(c -> c < 0x20 && c != '\n'));
  }

  @Test
  void differentOnlyKeepsChangedRowsAndExitCodeReportsThem() throws IOException {
    Path file = corpus("c.jsonl",
        processed(CrashIds.text(1), "x", "Same::One"),
        processed(CrashIds.text(2), "x", "Bar::Baz", "Foo::Qux"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "--format=jsonl", "--different-only", "--exit-code");
    assertEquals(1, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    assertEquals(1, rows.size());
    assertEquals(CrashIds.text(2), rows.get(0).get("crash_id").asText());
    assertEquals(0, diff("", "--corpus", file.toString(), "--format=jsonl", "--different-only").status());
  }

  @Test
  @Timeout(60)
  void deepNestingAnInfiniteOomSizeAndABacktrackingSiglistLineEachFailOneRowAndTheRunGoesOn() throws IOException {
    Files.writeString(candidate.resolve("prefix_signature_re.txt"), "ok\n(.*a){25}$\n");
    ObjectNode deep = processed(CrashIds.text(1), "x", "Foo::Qux");
    String deepLine = deep.toString().replace("\"signature\"", "\"hang\": " + "[".repeat(7000) + "]".repeat(7000) + ", \"signature\"");
    ObjectNode infinite = processed(CrashIds.text(2), "x", "Foo::Qux");
    String infiniteLine = infinite.toString().replace("\"signature\"", "\"oom_allocation_size\": Infinity, \"signature\"");
    ObjectNode evil = processed(CrashIds.text(3), "x", "a".repeat(30) + "b");
    ObjectNode fine = processed(CrashIds.text(4), "x", "Bar::Baz", "Foo::Qux");
    Path file = Files.write(folder.resolve("c.jsonl"), List.of(deepLine, infiniteLine, evil.toString(), fine.toString()));

    CliRunner.Outcome outcome = CliRunner.run(
        "", Map.of(), "--baseline", baseline.toString(), "--candidate", candidate.toString(),
        "--corpus", file.toString(), "--format", "jsonl");
    assertEquals(3, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    assertEquals(4, rows.size(), outcome.out());
    assertTrue(rows.get(0).get("error").asText().endsWith("nesting deeper than 995 levels (Python's json.loads raises RecursionError)"),
        rows.get(0).toString());
    assertEquals(
        "oom_allocation_size: OverflowError: cannot convert float infinity to integer (Socorro's convert_to_crash_data raises it)",
        rows.get(1).get("error").asText());
    assertTrue(rows.get(2).get("error").asText().startsWith(
        "siglist pattern timed out: " + candidate.resolve("prefix_signature_re.txt") + ":2 (on frame 'aaaa"), rows.get(2).toString());
    assertEquals("ok", rows.get(3).get("status").asText(), rows.get(3).toString());
  }

  @Test
  void productionBaselineComparesWithTheStoredSignature() throws IOException {
    Path file = corpus("c.jsonl", processed(CrashIds.text(1), "Old::Signature", "Bar::Baz", "Foo::Qux"));
    CliRunner.Outcome outcome = CliRunner.run("", "--corpus", file.toString(), "--baseline", "production", "--candidate",
        candidate.toString(), "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode row = jsonLines(outcome.out()).get(0);
    assertEquals("Old::Signature", row.get("baseline").asText());
    assertEquals("Foo::Qux", row.get("candidate").asText());
    assertTrue(outcome.err().contains("the baseline is production"), outcome.err());
  }

  @Test
  void fetchesCrashIdsAndKeepsInputOrderUnderParallelism() throws IOException {
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String id = CrashIds.text(100 + i);
      server.stubFor(crash(id).willReturn(okJson(processed(id, "p", "Frame" + i).toString())
          .withFixedDelay(ThreadLocalRandom.current().nextInt(0, 40))));
      stdin.append(id).append('\n');
    }
    CliRunner.Outcome outcome = diff(stdin.toString(), "--format", "jsonl", "--jobs", "8");
    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    assertEquals(40, rows.size());
    for (int i = 0; i < 40; i++) {
      assertEquals(CrashIds.text(100 + i), rows.get(i).get("crash_id").asText());
      assertEquals("Frame" + i, rows.get(i).get("candidate").asText());
    }
    CliRunner.Outcome offline = diff(stdin.toString(), "--format", "jsonl", "--offline");
    assertEquals(outcome.out(), offline.out());
    assertEquals(40, requests(server).size());
  }

  @Test
  void crashesThatCannotBeHadAreListedAndExitThree() throws IOException {
    String missing = CrashIds.text(9);
    server.stubFor(crash(missing).willReturn(aResponse().withStatus(404)));
    Path summary = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff(missing + "\nnot-a-crash\n", "--format", "jsonl", "--summary", summary.toString());
    assertEquals(3, outcome.status(), outcome.err());
    List<JsonNode> rows = jsonLines(outcome.out());
    assertEquals(2, rows.size());
    assertEquals("error", rows.get(0).get("status").asText());
    assertEquals("not found (HTTP 404)", rows.get(0).get("error").asText());
    assertEquals("line 2", rows.get(1).get("crash_id").asText());
    assertEquals("not a crash ID: 'not-a-crash'", rows.get(1).get("error").asText());
    assertTrue(outcome.err().contains("failed: " + missing + ": not found (HTTP 404)"), outcome.err());
    assertTrue(outcome.err().contains("failed: line 2: not a crash ID: 'not-a-crash'\n"), outcome.err());
    assertFalse(outcome.err().contains("line 2: line 2:"), outcome.err());
    JsonNode json = CrashJson.parse(Files.readString(summary));
    assertEquals(2, json.get("failed").asInt());
    assertEquals(1, json.get("failed_by_reason").get("invalid input").asInt());
    assertEquals(1, json.get("failed_by_reason").get("not found").asInt());
  }

  @Test
  void everyBrokenSiglistLineOfASourceIsOneLineOfItsOwn() throws IOException {
    Files.writeString(candidate.resolve("prefix_signature_re.txt"), "ok\nbroken(\n");
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), "[x\nfine\n+y\n");
    CliRunner.Outcome broken = diff("", CrashIds.text(1));
    assertEquals(2, broken.status());
    String[] lines = broken.err().split("\n");
    assertEquals(3, lines.length, broken.err());
    assertTrue(lines[0].startsWith("siggen-diff: --candidate " + candidate.resolve("irrelevant_signature_re.txt") + ":1: "), lines[0]);
    assertTrue(lines[1].startsWith("siggen-diff: --candidate " + candidate.resolve("irrelevant_signature_re.txt") + ":3: "), lines[1]);
    assertTrue(lines[2].startsWith("siggen-diff: --candidate " + candidate.resolve("prefix_signature_re.txt") + ":2: "), lines[2]);
  }

  @Test
  void usageAndConfigurationErrorsExitTwo() throws IOException {
    CliRunner.Outcome none = CliRunner.runOnTerminal("--baseline", baseline.toString(), "--candidate", candidate.toString());
    assertEquals(2, none.status());
    assertEquals("siggen-diff: no crashes given: name crash IDs, give --corpus PATH, or pipe crash IDs in (see --help)\n", none.err());

    CliRunner.Outcome emptyCorpus = CliRunner.run("", "--baseline", baseline.toString(), "--candidate", candidate.toString(), "--corpus", "");
    assertEquals(2, emptyCorpus.status());
    assertEquals("siggen-diff: an empty --corpus path; give a file or folder\n", emptyCorpus.err());
    CliRunner.Outcome emptySource = CliRunner.run("", "--baseline", "", "--candidate", candidate.toString(), CrashIds.text(1));
    assertEquals(2, emptySource.status());
    assertTrue(emptySource.err().startsWith("siggen-diff: --baseline an empty source; a source is DIR"), emptySource.err());

    CliRunner.Outcome badSource =
        CliRunner.run("", "--baseline", baseline.toString(), "--candidate", folder.resolve("nowhere").toString(), CrashIds.text(1));
    assertEquals(2, badSource.status());
    assertTrue(badSource.err().startsWith("siggen-diff: --candidate " + folder.resolve("nowhere") + ": no such folder"), badSource.err());

    Files.writeString(candidate.resolve("prefix_signature_re.txt"), "ok\nbroken(\n");
    CliRunner.Outcome broken = diff("", CrashIds.text(1));
    assertEquals(2, broken.status());
    assertTrue(broken.err().startsWith("siggen-diff: --candidate " + candidate.resolve("prefix_signature_re.txt") + ":2: "), broken.err());

    assertEquals(2, diff("", "--format", "xml", CrashIds.text(1)).status());
    assertEquals(2, CliRunner.run("", "--baseline", baseline.toString(), "--candidate", "production", CrashIds.text(1)).status());
  }

  @Test
  void readsACheckoutRootAndAFetchDataFolder() throws IOException {
    Path checkout = folder.resolve("socorro");
    copyOf(candidate, checkout.resolve("socorro/signature/siglists"));
    Path fetchData = folder.resolve("fetch-data");
    Files.createDirectories(fetchData.resolve("processed_crash"));
    Files.writeString(fetchData.resolve("processed_crash").resolve(CrashIds.text(5)), processed(CrashIds.text(5), "p", "Bar::Baz", "Foo::Qux").toString());
    Files.writeString(fetchData.resolve("processed_crash").resolve("notes.txt"), "not a crash");
    CliRunner.Outcome outcome = CliRunner.run("", "--corpus", fetchData.toString(), "--baseline", baseline.toString(),
        "--candidate", checkout.toString(), "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode row = jsonLines(outcome.out()).get(0);
    assertEquals(CrashIds.text(5), row.get("crash_id").asText());
    assertEquals("Foo::Qux", row.get("candidate").asText());
  }

  @Test
  void readsSiglistsAtGitRefsWithoutTouchingTheWorkTree() throws Exception {
    Path repo = folder.resolve("repo");
    Path lists = copyOf(baseline, repo.resolve("socorro/signature/siglists"));
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "baseline");
    Files.writeString(lists.resolve("irrelevant_signature_re.txt"), "Bar::Baz\n", StandardOpenOption.APPEND);
    git(repo, "commit", "-q", "-am", "candidate");
    Files.writeString(lists.resolve("irrelevant_signature_re.txt"), "uncommitted(\n", StandardOpenOption.APPEND);

    Path file = corpus("c.jsonl", processed(CrashIds.text(1), "p", "Bar::Baz", "Foo::Qux"));
    CliRunner.Outcome outcome = CliRunner.run("", "--corpus", file.toString(), "--baseline", repo + "@HEAD~1",
        "--candidate", repo + "@HEAD", "--cache-dir", cache.toString(), "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("Foo::Qux", jsonLines(outcome.out()).get(0).get("candidate").asText());
    String head = git(repo, "rev-parse", "HEAD").strip();
    assertTrue(outcome.err().contains("candidate: " + repo + "@HEAD (commit " + head + ")"), outcome.err());
    assertTrue(Files.readString(lists.resolve("irrelevant_signature_re.txt")).contains("uncommitted("));

    CliRunner.Outcome badRef = CliRunner.run("", "--corpus", file.toString(), "--baseline", repo + "@no-such-branch",
        "--candidate", repo + "@HEAD", "--cache-dir", cache.toString());
    assertEquals(2, badRef.status());
    assertTrue(badRef.err().contains("git cannot find commit no-such-branch"), badRef.err());
  }

  @Test
  void readsGitHubRefsAndPullRequestsAndReusesThemOffline() throws IOException {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    String prSha = "fedcba9876543210fedcba9876543210fedcba98";
    server.stubFor(get(urlPathEqualTo("/repos/mozilla-services/socorro/commits/main"))
        .withHeader("Accept", equalTo("application/vnd.github.sha")).willReturn(aResponse().withBody(sha)));
    server.stubFor(get(urlPathEqualTo("/repos/mozilla-services/socorro/pulls/42"))
        .willReturn(okJson("{\"head\": {\"sha\": \"" + prSha + "\", \"repo\": {\"full_name\": \"someone/socorro\"}}}")));
    stubContents("mozilla-services/socorro", sha, baseline);
    stubContents("someone/socorro", prSha, candidate);

    Path file = corpus("c.jsonl", processed(CrashIds.text(1), "p", "Bar::Baz", "Foo::Qux"));
    String[] args = {"--corpus", file.toString(), "--baseline", "github:main", "--candidate", "github:pull/42",
        "--github-api-url", "http://127.0.0.1:" + server.getPort(), "--cache-dir", cache.toString(), "--format", "jsonl"};
    CliRunner.Outcome outcome = CliRunner.run("", args);
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("Foo::Qux", jsonLines(outcome.out()).get(0).get("candidate").asText());
    assertTrue(outcome.err().contains("baseline:  github:main (commit " + sha + ")"), outcome.err());
    assertTrue(outcome.err().contains("candidate: github:pull/42 (commit " + prSha + ")"), outcome.err());
    assertTrue(Files.isRegularFile(cache.resolve("siglists").resolve(sha).resolve("prefix_signature_re.txt")));

    int before = server.getAllServeEvents().size();
    String[] offline = java.util.Arrays.copyOf(args, args.length + 1);
    offline[args.length] = "--offline";
    CliRunner.Outcome again = CliRunner.run("", offline);
    assertEquals(0, again.status(), again.err());
    assertEquals(outcome.out(), again.out());
    assertEquals(before, server.getAllServeEvents().size(), "offline asks nothing");
  }

  private static void stubContents(String repo, String sha, Path lists) throws IOException {
    try (var files = Files.list(lists)) {
      for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
        Path file = it.next();
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/contents/socorro/signature/siglists/" + file.getFileName()))
            .withQueryParam("ref", equalTo(sha))
            .willReturn(aResponse().withBody(Files.readAllBytes(file))));
      }
    }
  }

  private static String git(Path repo, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=test", "-c", "user.email=test@example.invalid",
        "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Files.createDirectories(repo);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
    return output;
  }

  // --- issue 18 ---
  @Test
  void impactShowsProductionCountsPerMovedBaselineSignatureInTheSummaryAndItsJson() throws IOException {
    server.stubFor(org.siggendiff.testing.SuperSearchStub.search().willReturn(okJson(
        org.siggendiff.testing.SuperSearchStub.answer(List.of(), 41234, Map.of("Bar::Baz", 41234L)))));
    Path file = corpus("c.jsonl",
        processed(CrashIds.text(1), "x", "Bar::Baz", "Foo::Qux"),
        processed(CrashIds.text(2), "x", "Bar::Baz", "Foo::Qux"),
        processed(CrashIds.text(3), "x", "Other::Thing"));
    Path summary = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "--impact", "--days", "3", "--summary", summary.toString());
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains(
        "  Bar::Baz: moves 2 of 2 sampled crashes; production has 41234 crashes with this signature in the last 3 days"), outcome.err());
    var searches = org.siggendiff.testing.SuperSearchStub.searches(server);
    assertEquals(1, searches.size());
    assertEquals(List.of("=Bar::Baz"), org.siggendiff.testing.SuperSearchStub.values(searches.get(0), "signature"));
    JsonNode impact = CrashJson.parse(Files.readString(summary)).get("impact");
    assertEquals(3, impact.get("days").asInt());
    assertEquals("Bar::Baz", impact.get("signatures").get(0).get("baseline").asText());
    assertEquals(2, impact.get("signatures").get(0).get("moved").asLong());
    assertEquals(41234, impact.get("signatures").get(0).get("production").asLong());
    assertEquals(1, impact.get("signatures").size());
  }

  @Test
  void withoutImpactNoSearchIsMadeAndImpactIsRefusedOffline() throws IOException {
    Path file = corpus("c.jsonl", processed(CrashIds.text(1), "x", "Bar::Baz", "Foo::Qux"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString());
    assertEquals(0, outcome.status(), outcome.err());
    assertFalse(outcome.err().contains("production impact"), outcome.err());
    assertEquals(0, requests(server).size());
    CliRunner.Outcome offline = diff("", "--corpus", file.toString(), "--impact", "--offline");
    assertEquals(2, offline.status());
    assertEquals("siggen-diff: --impact asks Crash Stats and cannot be used with --offline\n", offline.err());
  }

  @Test
  void formatIdsWritesTheChangedCrashIdsOnly() throws IOException {
    Path file = corpus("c.jsonl",
        processed(CrashIds.text(1), "x", "Bar::Baz", "Foo::Qux"),
        processed(CrashIds.text(2), "x", "Other::Thing"),
        processed(CrashIds.text(3), "x", "Bar::Baz", "Foo::Qux"));
    CliRunner.Outcome outcome = diff("", "--corpus", file.toString(), "--format", "ids");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(CrashIds.text(1) + "\n" + CrashIds.text(3) + "\n", outcome.out());
  }

  @Test
  void rawFetchesTheRawCrashBesideTheProcessedOneAndReportsIt() throws IOException {
    String id = CrashIds.text(5);
    server.stubFor(crash(id).willReturn(okJson(processed(id, "x", "Bar::Baz", "Foo::Qux").toString())));
    server.stubFor(get(urlPathEqualTo("/api/RawCrash/")).withQueryParam("crash_id", equalTo(id))
        .willReturn(aResponse().withStatus(403)));
    Path summary = folder.resolve("summary.json");
    CliRunner.Outcome outcome = diff("", "--raw", "--summary", summary.toString(), id);
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("raw crashes: 0 fetched, 0 already cached, 1 access denied"), outcome.err());
    assertEquals("access denied", CrashJson.parse(Files.readString(summary)).get("raw_crashes").get("failures").get(0).get("reason").asText());
    assertTrue(Files.exists(cache.resolve("processed_crash").resolve(id)));
  }
  // --- end issue 18 ---
}
