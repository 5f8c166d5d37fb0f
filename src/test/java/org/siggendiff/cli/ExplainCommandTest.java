package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashIds;

/** {@code explain} on the demo corpus and siglists, through the command line. */
@Timeout(60)
class ExplainCommandTest {
  private static final String CRASH = "d106337a-7ba6-40e0-9bfe-27f289251112";
  @TempDir Path folder;

  private CliRunner.Outcome explain(String... extra) {
    String[] base = {"explain", "--corpus", "corpora/demo", "--baseline", "siglists/demo/baseline", "--candidate", "siglists/demo/candidate",
        "--cache-dir", folder.toString(), "--offline"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRunner.run("", args);
  }

  @Test
  void aMissingFileIsNamedSoAndAnEmptyOneSaysThereIsNothingToExplain() throws Exception {
    CliRunner.Outcome missing = CliRunner.run("", "explain", "--candidate", "siglists/demo/candidate", "--offline",
        "--cache-dir", folder.toString(), "./nonexistent.json");
    assertEquals(3, missing.status());
    assertEquals("explain: failed: ./nonexistent.json: no such file or folder\n", missing.err());
    CliRunner.Outcome second = explain(CRASH, "abc123", "def456");
    assertEquals(3, second.status());
    assertEquals("explain: failed: argument 2: not a crash ID: 'abc123'\nexplain: failed: argument 3: not a crash ID: 'def456'\n",
        second.err().substring(second.err().indexOf("explain: failed:")));

    Path empty = Files.writeString(folder.resolve("empty.jsonl"), "");
    CliRunner.Outcome nothing = CliRunner.run("", "explain", "--candidate", "siglists/demo/candidate", "--offline",
        "--cache-dir", folder.toString(), empty.toString());
    assertEquals(0, nothing.status(), nothing.err());
    assertEquals("", nothing.out());
    assertEquals("explain: no crash to explain: the files and folders given hold none\n", nothing.err());
  }

  @Test
  void aLineOfAJsonLinesFileIsExplainedByTheNameTheDiffGivesIt() throws Exception {
    List<String> demo = Files.readAllLines(Path.of("corpora/demo/processed-crashes.jsonl"));
    Path file = Files.write(folder.resolve("three.jsonl"), demo.subList(0, 3));
    String second = CrashJson.parse(demo.get(1)).get("uuid").asText();

    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--baseline", "siglists/demo/baseline", "--candidate", "siglists/demo/candidate",
        "--offline", "--cache-dir", folder.toString(), file + ":2", file + ":7");

    assertTrue(outcome.out().startsWith("crash " + second + "\n"), outcome.out());
    assertEquals("explain: failed: " + file + ":7: no crash on that line: past the end: the last line with anything on it is line 3\n", outcome.err());
    Path gap = Files.write(folder.resolve("gap.jsonl"), List.of(demo.get(0), "", demo.get(2)));
    CliRunner.Outcome blank = CliRunner.run("", "explain", "--candidate", "siglists/demo/candidate", "--offline", "--cache-dir", folder.toString(),
        gap + ":2");
    assertEquals("explain: failed: " + gap + ":2: no crash on that line: the line is blank\n", blank.err());
  }

  @Test
  void aCrashNotCachedWithoutACorpusIsPointedToTheWaysToNameOne() {
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--candidate", "siglists/demo/candidate", "--offline",
        "--cache-dir", folder.toString(), CrashIds.text(1));

    assertEquals(3, outcome.status());
    assertTrue(outcome.err().endsWith("explain: a crash of a corpus is found with --corpus FILE, or named FILE:LINE as the diff names it\n"),
        outcome.err());
    CliRunner.Outcome withCorpus = explain(CrashIds.text(1));
    assertTrue(withCorpus.err().endsWith("explain: a crash ID that is not in the --corpus given is looked up in the cache, and was not there\n"),
        withCorpus.err());
  }

  @Test
  void aProductionBaselineHasNoWalkToSetBesideTheCandidates() {
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--corpus", "corpora/demo", "--baseline", "production", "--candidate",
        "siglists/demo/candidate", "--cache-dir", folder.toString(), "--offline", CRASH);

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("     0  mozilla::dom::ReportError  irrelevant (irrelevant_signature_re.txt:16 mozilla::dom::ReportError)\n"),
        outcome.out());
    assertFalse(outcome.out().contains("<- changed") || outcome.out().contains("(no such frame)"), outcome.out());
  }

  @Test
  void textShowsTheFrameThatChangedRoleAndTheLineThatDidIt() {
    CliRunner.Outcome outcome = explain(CRASH);

    assertEquals(0, outcome.status(), outcome.err());
    String out = outcome.out();
    assertTrue(out.contains("  candidate: siglists/demo/candidate  \"mozilla::dom::FetchDriver::FailWithNetworkError\"  (differs)"), out);
    assertTrue(out.contains("    + irrelevant_signature_re.txt:16 mozilla::dom::ReportError  (frames: mozilla::dom::ReportError)"), out);
    assertTrue(out.contains("     0  mozilla::dom::ReportError  <- changed\n          baseline:  signature end\n"
        + "          candidate: irrelevant (irrelevant_signature_re.txt:16 mozilla::dom::ReportError)"), out);
  }

  @Test
  void jsonIsOneAsciiObjectPerCrashWithTheCause() throws Exception {
    CliRunner.Outcome outcome = explain("--format", "json", CRASH);

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().chars().allMatch(c -> c < 128), "ASCII only");
    assertEquals(1, outcome.out().strip().lines().count());
    JsonNode node = CrashJson.parse(outcome.out());
    assertEquals(CRASH, node.get("crash_id").asText());
    JsonNode line = node.get("cause").get("lines").get(0);
    assertEquals("irrelevant_signature_re.txt", line.get("file").asText());
    assertEquals(16, line.get("line").asInt());
    assertEquals("+", line.get("change").asText());
    assertEquals("mozilla::dom::ReportError", line.get("frames").get(0).asText());
    assertEquals("irrelevant", node.get("candidate").get("walks").get(0).get("frames").get(0).get("role").asText());
    assertTrue(node.get("lint").size() > 0, outcome.out());
    for (JsonNode warning : node.get("lint")) {
      List<String> file = Files.readAllLines(Path.of("siglists/demo/candidate", warning.get("file").asText()));
      assertEquals(file.get(warning.get("line").asInt() - 1).strip(), warning.get("text").asText(), warning.toString());
    }
  }

  @Test
  void verboseAddsTheDebugLogOfBothSidesInTextAndJson() throws Exception {
    String ignored = "SignatureGenerationRule: irrelevant; ignoring: \"mozilla::dom::ReportError\"";
    CliRunner.Outcome plain = explain(CRASH);
    assertFalse(plain.out().contains(" debug: "), plain.out());
    for (String flag : new String[] {"-v", "--verbose"}) {
      CliRunner.Outcome text = explain(flag, CRASH);
      assertEquals(0, text.status(), text.err());
      assertTrue(text.out().contains("\n  candidate debug: " + ignored + "\n"), text.out());
      assertTrue(text.out().contains("\n  baseline debug: SignatureGenerationRule: "), text.out());
      assertFalse(text.out().contains("baseline debug: " + ignored), text.out());
    }

    JsonNode json = CrashJson.parse(explain("--format", "json", "-v", CRASH).out());
    assertTrue(json.get("candidate").get("debug").toString().contains("irrelevant; ignoring: \\\"mozilla::dom::ReportError"),
        json.get("candidate").get("debug").toString());
    assertTrue(json.get("baseline").get("debug").size() > 0, json.toString());
    assertFalse(CrashJson.parse(explain("--format", "json", CRASH).out()).get("candidate").has("debug"));
  }

  @Test
  void withoutABaselineTheCandidatesWalkAloneIsExplained() throws IOException {
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--corpus", "corpora/demo", "--candidate", "siglists/demo/candidate",
        "--cache-dir", folder.toString(), "--offline", CRASH);

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("     0  mozilla::dom::ReportError  irrelevant (irrelevant_signature_re.txt:16"), outcome.out());

    JsonNode json = CrashJson.parse(CliRunner.run("", "explain", "--corpus", "corpora/demo", "--candidate", "siglists/demo/candidate",
        "--cache-dir", folder.toString(), "--offline", "--format", "json", CRASH).out());
    assertFalse(json.has("baseline"), json.toString());
    assertFalse(json.has("same"), "nothing was compared: " + json);
    assertTrue(CrashJson.parse(explain("--format", "json", CRASH).out()).has("same"));
  }

  @Test
  void aFolderOfCrashesNamesWhatItPassesOverAsTheDiffDoes() throws IOException {
    Path crashes = Files.createDirectories(folder.resolve("crashes"));
    Files.writeString(crashes.resolve("one.json"), Files.readAllLines(Path.of("corpora/demo/processed-crashes.jsonl")).get(0));
    Files.writeString(crashes.resolve("readme.txt"), "not a crash\n");
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--candidate", "siglists/demo/candidate", "--cache-dir", folder.toString(),
        "--offline", crashes.toString());

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().startsWith("explain: --corpus: passed over 1 entry not named .json or .jsonl (or .gz), or folders,"
        + " which are not read in turn: " + crashes.resolve("readme.txt")), outcome.err());
  }

  @Test
  void anUnknownFormatIsOneUsageLine() {
    CliRunner.Outcome outcome = explain("--format", "xml", CRASH);

    assertEquals(2, outcome.status());
    assertEquals("explain: --format must be text or json, not xml", outcome.err().strip());
  }

  @Test
  void aCorpusCrashIsFoundByItsOwnCrashIdNotByTextThatMentionsIt() throws Exception {
    String wanted = "00000001-1111-4222-8333-000001201107";
    String other = "00000002-1111-4222-8333-000002201107";
    // The first document only mentions the wanted ID in a field; the second is the crash.
    java.nio.file.Path corpus = java.nio.file.Files.write(folder.resolve("c.jsonl"), java.util.List.of(
        "{\"uuid\":\"" + other + "\",\"signature\":\"see " + wanted + "\",\"json_dump\":{\"crash_info\":{\"crashing_thread\":0},"
            + "\"threads\":[{\"frames\":[{\"function\":\"Wrong::Crash\"}]}]}}",
        "{\"uuid\":\"" + wanted + "\",\"signature\":\"Right::Crash\",\"json_dump\":{\"crash_info\":{\"crashing_thread\":0},"
            + "\"threads\":[{\"frames\":[{\"function\":\"Right::Crash\"}]}]}}"));
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--corpus", corpus.toString(), "--candidate", "siglists/demo/candidate",
        "--cache-dir", folder.toString(), "--offline", "--format", "json", wanted);

    assertEquals(0, outcome.status(), outcome.err());
    JsonNode node = CrashJson.parse(outcome.out());
    assertEquals(wanted, node.get("crash_id").asText());
    assertEquals("Right::Crash", node.get("candidate").get("signature").asText());
  }

  @Test
  void aFileArgumentIsExplainedAndACrashThatCannotBeReadIsAFailureRowExitingThree() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(folder.resolve("crash.json"),
        "{\n  \"uuid\": \"" + CRASH + "\",\n  \"crashing_thread\": 0,\n"
            + "  \"threads\": [{\"frames\": [{\"function\": \"mozilla::dom::ReportError\"}, {\"function\": \"Next::Frame\"}]}]\n}\n");
    java.nio.file.Path notACrash = java.nio.file.Files.writeString(folder.resolve("other.json"), "{\"hello\": 1}");
    String missing = "00000009-1111-4222-8333-000009201107";
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--baseline", "siglists/demo/baseline", "--candidate", "siglists/demo/candidate",
        "--cache-dir", folder.toString(), "--offline", file.toString(), notACrash.toString(), missing);

    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("crash " + CRASH + "\n"), outcome.out());
    assertTrue(outcome.out().contains("  candidate: siglists/demo/candidate  \"Next::Frame\"  (differs)"), outcome.out());
    assertTrue(outcome.err().contains("explain: failed: " + notACrash + ": "), outcome.err());
    assertTrue(outcome.err().contains("explain: failed: " + missing + ": "), outcome.err());
  }

  @Test
  void addedLinesThatMatchNoFrameOfTheseCrashesAreNamedInOneLineWithoutCallingThemTypos() {
    CliRunner.Outcome outcome = explain(CRASH, "78735c56-e42f-4f55-98da-623092251118");

    String warning = "\nwarning: 3 added lines match no frame of the crashes given: irrelevant_signature_re.txt:17, prefix_signature_re.txt:8,"
        + " prefix_signature_re.txt:9\n";
    assertTrue(outcome.out().contains(warning), outcome.out());
    assertEquals(outcome.out().indexOf(warning), outcome.out().lastIndexOf(warning), "once, not under each crash");
    assertFalse(outcome.out().contains("typo"), outcome.out());
  }

  @Test
  void aCachedRawCrashShowsTheAnnotationsTheRulesReadEscapedAndAMissingOneIsSaidToBeMissing() throws Exception {
    String other = "f721dfb2-de15-4679-87ec-567e2c251104";
    Path raw = java.nio.file.Files.createDirectories(folder.resolve("raw_crash").resolve("20251112")).resolve(CRASH);
    java.nio.file.Files.writeString(raw, "{\n  \"AbortMessage\": \"bad\\u001b[31m\\nnews\",\n  \"IPCChannelError\": \"ShutDownKill\",\n"
        + "  \"JavaStackTrace\": \"" + "x".repeat(400) + "\",\n  \"ProductName\": \"Firefox\",\n  \"uuid\": \"" + CRASH + "\"\n}");

    CliRunner.Outcome text = explain(CRASH, other);

    assertEquals(0, text.status(), text.err());
    String out = text.out();
    String first = out.substring(0, out.indexOf("crash " + other));
    assertTrue(first.contains("\n  raw AbortMessage (-> abort_message): 'bad\\x1b[31m\\nnews'\n"), first);
    assertTrue(first.contains("\n  raw IPCChannelError (-> ipc_channel_error): 'ShutDownKill'\n"), first);
    assertTrue(first.contains("\n  raw JavaStackTrace (-> java_stack_trace): '" + "x".repeat(299) + "... (102 more characters)\n"), first);
    assertFalse(first.contains("ProductName"), first);
    assertFalse(first.contains("raw crash not cached"), first);
    assertTrue(out.substring(out.indexOf("crash " + other)).contains("\n  raw crash not cached (fetch --raw)\n"), out);

    CliRunner.Outcome json = explain("--format", "json", CRASH, other);

    assertEquals(0, json.status(), json.err());
    List<String> lines = json.out().strip().lines().toList();
    JsonNode annotations = CrashJson.parse(lines.get(0)).get("raw_annotations");
    assertEquals(3, annotations.size(), annotations.toString());
    assertEquals("IPCChannelError", annotations.get(1).get("name").asText());
    assertEquals("ipc_channel_error", annotations.get(1).get("field").asText());
    assertEquals("ShutDownKill", annotations.get(1).get("value").asText());
    assertEquals("bad\u001b[31m\nnews", annotations.get(0).get("value").asText());
    assertEquals(400, annotations.get(2).get("value").asText().length());
    assertTrue(CrashJson.parse(lines.get(1)).get("raw_annotations").isNull());
  }
}
