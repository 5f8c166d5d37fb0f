package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.Fixtures;

class SignifyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String siglists = Fixtures.resource("siglists/basic").toString();

  private static final String CRASH =
      "{\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"abort\"}, {\"function\": \"Foo::Bar(int)\"}]}]}";

  @Test
  void printsSignatureProtoSignatureAndNotesForOneDocument() throws Exception {
    CliRunner.Outcome outcome = CliRunner.run(CRASH, "signify", "--signature-list-dir", siglists);
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode result = JSON.readTree(outcome.out());
    assertEquals("Foo::Bar", result.get("signature").asText());
    assertEquals("abort | Foo::Bar", result.get("proto_signature").asText());
    assertTrue(result.get("notes").isArray());
    assertFalse(result.has("debug_log"));
    // As siggen's signify prints it, json.dumps(result, indent=2), and a line end.
    assertEquals("{\n  \"signature\": \"Foo::Bar\",\n  \"proto_signature\": \"abort | Foo::Bar\",\n  \"notes\": []\n}\n",
        outcome.out());
  }

  @Test
  void verboseAddsTheDebugLogWithTheDirectoryAsGiven() throws Exception {
    CliRunner.Outcome outcome = CliRunner.run(CRASH, "signify", "-v", "--signature-list-dir", siglists);
    JsonNode log = JSON.readTree(outcome.out()).get("debug_log");
    assertEquals("SignatureGenerationRule: using signature lists from " + siglists, log.get(1).asText());
  }

  @Test
  void siglistsComeFromTheEnvironmentWithoutTheOption() throws Exception {
    CliRunner.Outcome outcome = CliRunner.run(CRASH, Map.of("SIGGEN_DIFF_SIGLISTS", siglists), "signify");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("Foo::Bar", JSON.readTree(outcome.out()).get("signature").asText());
  }

  @Test
  void withoutSiglistsItSaysHowToGiveThemAndExits2() {
    CliRunner.Outcome outcome = CliRunner.run(CRASH, "signify");
    assertEquals(2, outcome.status());
    assertTrue(outcome.err().contains("--signature-list-dir DIR or set SIGGEN_DIFF_SIGLISTS"), outcome.err());
  }

  @Test
  void aFileThatCannotBeReadIsOneCleanedLineAndExits2InBothModes(@TempDir Path dir) {
    String missing = dir.resolve("gone\u001b[2J.jsonl").toString();
    for (String[] args : new String[][] {
        {"signify", "--signature-list-dir", siglists, missing},
        {"signify", "--jsonl", "--signature-list-dir", siglists, missing}}) {
      CliRunner.Outcome outcome = CliRunner.run("", args);
      assertEquals(2, outcome.status(), outcome.err());
      assertEquals("", outcome.out());
      String[] lines = outcome.err().split("\n");
      assertEquals(1, lines.length, outcome.err());
      assertEquals("signify: no such file: " + dir.resolve("gone\\x1b[2J.jsonl"), lines[0]);
    }
  }

  @Test
  void textThatIsNotJsonOrHoldsTwoDocumentsSaysWhereAndTwoPointsToJsonl() {
    CliRunner.Outcome text = CliRunner.run("# A README\n", "signify", "--signature-list-dir", siglists);
    CliRunner.Outcome two = CliRunner.run("{\"a\": 1}\n{\"b\": 2}\n", "signify", "--signature-list-dir", siglists);

    assertEquals(3, text.status(), text.err());
    assertEquals("signify: input is not valid JSON: Unexpected character ('#' (code 35)): expected a valid value (column 1)\n", text.err(),
        "where, and without Jackson's list of the kinds of value");
    assertEquals(3, two.status(), two.err());
    assertEquals("signify: input is not valid JSON: extra data after the JSON value at line 2, column 1 (--jsonl reads one document per line)\n",
        two.err());
    CliRunner.Outcome oneLine = CliRunner.run("{\"a\": 1} {\"b\": 2}", "signify", "--signature-list-dir", siglists);
    assertEquals("signify: input is not valid JSON: extra data after the JSON value at line 1, column 10\n", oneLine.err(), "no line for --jsonl to split");
  }

  @Test
  void aJsonLinesLineThatIsNotJsonSaysItsLineAndColumnOnce() {
    CliRunner.Outcome outcome = CliRunner.run("{\"threads\": []}\nnot json\n", "signify", "--jsonl", "--signature-list-dir", siglists);

    assertTrue(outcome.out().contains("{\"error\":\"line 2: invalid JSON: Unrecognized token 'not' (column 5)\"}"), outcome.out());
  }

  @Test
  void aDocumentCutShortSaysWhereItsArrayStartedWithoutJacksonsNoteOnTheSource() {
    CliRunner.Outcome one = CliRunner.run("{\"threads\": [", "signify", "--signature-list-dir", siglists);
    CliRunner.Outcome lines = CliRunner.run("{\"threads\": [\n", "signify", "--jsonl", "--signature-list-dir", siglists);

    assertEquals(3, one.status(), one.err());
    assertTrue(one.err().startsWith("signify: input is not valid JSON: ") && one.err().contains("[line: 1, column: 13]")
        && one.err().endsWith("(column 14)\n"), one.err());
    assertFalse(one.err().contains("REDACTED"), one.err());
    assertTrue(lines.out().startsWith("{\"error\":\"line 1: invalid JSON: "), lines.out());
    assertFalse(lines.out().contains("REDACTED"), lines.out());
  }

  @Test
  void aFolderGivenAsTheDocumentIsSaidToBeOne(@TempDir Path dir) {
    CliRunner.Outcome outcome = CliRunner.run("", "signify", "--signature-list-dir", siglists, dir.toString());
    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("signify: cannot read " + dir + ": it is a folder\n", outcome.err());
  }

  @Test
  void atATerminalWithNoFileItSaysItIsReadingTheTerminal() {
    for (boolean lines : new boolean[] {false, true}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> args = new ArrayList<>(List.of("signify", "--signature-list-dir", siglists));
      if (lines) {
        args.add("--jsonl");
      }
      int status = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(CRASH.getBytes(StandardCharsets.UTF_8)),
          new PrintWriter(out), new PrintWriter(err), Map.of(), true, true);
      assertEquals(0, status, err.toString());
      assertEquals("signify: reading " + (lines ? "JSON Lines" : "one document") + " from the terminal; end with Ctrl-D\n", err.toString());
      assertTrue(out.toString().contains("Foo::Bar"), out.toString());
    }
  }

  @Test
  void aBrokenSiglistLineExits2WithFileAndLine(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"prefix_signature_re.txt", "signature_sentinels.txt", "signatures_with_line_numbers_re.txt"}) {
      Files.writeString(dir.resolve(name), "ok\n");
    }
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), "fine\nbroken[\n");
    CliRunner.Outcome outcome = CliRunner.run(CRASH, "signify", "--signature-list-dir", dir.toString());
    assertEquals(2, outcome.status());
    assertTrue(outcome.err().contains("irrelevant_signature_re.txt:2: unterminated character set"), outcome.err());
  }

  @Test
  void everyBrokenSiglistLineIsOneLineOfItsOwn(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("signature_sentinels.txt"), "ok\n");
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "ok\n");
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), "fine\nbroken[\nalso(broken\n");
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "ok\n*bad\n");
    CliRunner.Outcome outcome = CliRunner.run(CRASH, "signify", "--signature-list-dir", dir.toString());
    assertEquals(2, outcome.status());
    String[] lines = outcome.err().split("\n");
    assertEquals(3, lines.length, outcome.err());
    assertTrue(lines[0].startsWith("signify: --signature-list-dir " + dir.resolve("irrelevant_signature_re.txt") + ":2: "), lines[0]);
    assertTrue(lines[1].startsWith("signify: --signature-list-dir " + dir.resolve("irrelevant_signature_re.txt") + ":3: "), lines[1]);
    assertTrue(lines[2].startsWith("signify: --signature-list-dir " + dir.resolve("prefix_signature_re.txt") + ":2: "), lines[2]);
  }

  @Test
  void aDocumentWithJsonDumpIsAdaptedAsAProcessedCrash() throws Exception {
    String processed =
        "{\"signature\": \"old\", \"json_dump\": {\"crash_info\": {\"crashing_thread\": 0},"
            + " \"threads\": [{\"frames\": [{\"function\": \"Foo::Bar(int)\"}]}]}}";
    CliRunner.Outcome outcome = CliRunner.run(processed, "signify", "--signature-list-dir", siglists);
    assertEquals("Foo::Bar", JSON.readTree(outcome.out()).get("signature").asText());
  }

  @Test
  void jsonlGivesExactlyOneLinePerInputLineAndReportsBadLines() throws Exception {
    String input = CRASH + "\nnot json\n[1, 2]\n\n" + CRASH + "\n";
    CliRunner.Outcome outcome = CliRunner.run(input, "signify", "--jsonl", "--signature-list-dir", siglists);
    assertEquals(3, outcome.status(), "some inputs could not be signed");
    String[] lines = outcome.out().split("\n");
    assertEquals(5, lines.length);
    assertEquals("Foo::Bar", JSON.readTree(lines[0]).get("signature").asText());
    assertTrue(JSON.readTree(lines[0]).has("extra"));
    assertTrue(JSON.readTree(lines[1]).get("error").asText().startsWith("line 2: "));
    assertTrue(JSON.readTree(lines[2]).get("error").asText().startsWith("line 3: "));
    assertTrue(JSON.readTree(lines[3]).get("error").asText().startsWith("line 4: "));
    assertEquals("Foo::Bar", JSON.readTree(lines[4]).get("signature").asText());
  }

  @Test
  void deepNestingAndAnInfiniteOomSizeAreErrorLinesAndTheRunGoesOn() throws Exception {
    String deep = "{\"hang\": " + "[".repeat(7000) + "]".repeat(7000) + "}";
    String infinite = "{\"oom_allocation_size\": Infinity, \"json_dump\": {}}";
    String fine = "{\"json_dump\": {\"threads\": [{\"frames\": [{\"function\": \"Foo\"}]}]}}";
    CliRunner.Outcome outcome = CliRunner.run(
        deep + "\n" + infinite + "\n" + fine + "\n", "signify", "--jsonl", "--processed", "--signature-list-dir", siglists);
    assertEquals(3, outcome.status(), outcome.err());
    String[] lines = outcome.out().split("\n");
    assertEquals(3, lines.length, outcome.out());
    assertEquals("line 1: nesting deeper than 995 levels (Python's json.loads raises RecursionError)", JSON.readTree(lines[0]).get("error").asText());
    assertEquals(
        "line 2: oom_allocation_size: OverflowError: cannot convert float infinity to integer (Socorro's convert_to_crash_data raises it)",
        JSON.readTree(lines[1]).get("error").asText());
    assertEquals("Foo", JSON.readTree(lines[2]).get("signature").asText());

    CliRunner.Outcome single = CliRunner.run(deep, "signify", "--signature-list-dir", siglists);
    assertEquals(3, single.status());
    assertTrue(single.err().contains("nesting deeper than 995 levels"), single.err());
  }

  @Test
  void jsonlWithProcessedAddsTheAdaptedCrashData() throws Exception {
    String processed = "{\"json_dump\": {\"threads\": [{\"frames\": [{\"function\": \"Foo\"}]}]}, \"oom_allocation_size\": \"10\"}\n";
    CliRunner.Outcome outcome = CliRunner.run(processed, "signify", "--jsonl", "--processed", "--signature-list-dir", siglists);
    JsonNode line = JSON.readTree(outcome.out());
    assertEquals(10, line.get("crash_data").get("oom_allocation_size").asInt());
    assertEquals("OOM | small", line.get("signature").asText());
  }

  @Test
  void jsonlTellsAProcessedCrashByItsJsonDumpAsOneDocumentIs() throws Exception {
    String processed = "{\"json_dump\": {\"threads\": [{\"frames\": [{\"function\": \"Foo\"}]}]}, \"oom_allocation_size\": \"10\"}";
    String crashData = "{\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"Bar\"}]}]}";
    CliRunner.Outcome outcome = CliRunner.run(processed + "\n" + crashData + "\n", "signify", "--jsonl", "--signature-list-dir", siglists);
    assertEquals(0, outcome.status(), outcome.err());
    String[] lines = outcome.out().split("\n");
    assertEquals("OOM | small", JSON.readTree(lines[0]).get("signature").asText());
    assertEquals(10, JSON.readTree(lines[0]).get("crash_data").get("oom_allocation_size").asInt());
    assertEquals("Bar", JSON.readTree(lines[1]).get("signature").asText());
    assertFalse(JSON.readTree(lines[1]).has("crash_data"));
    assertEquals("OOM | small", JSON.readTree(CliRunner.run(processed, "signify", "--signature-list-dir", siglists).out())
        .get("signature").asText(), "as one document");
  }

  @Test
  void aWrappedCrashIsSignedAsTheDiffReadsIt() throws Exception {
    String crashData = "{\"id\": \"c-1\", \"siglists\": \"x\", \"crash_data\": " + CRASH + ", \"expected\": {}}";
    String processed = "{\"processed_crash\": {\"json_dump\": {\"threads\": [{\"frames\": [{\"function\": \"Foo\"}]}]}}}";
    CliRunner.Outcome lines = CliRunner.run(crashData + "\n" + processed + "\n{\"crash_data\": 1}\n", "signify", "--jsonl", "--signature-list-dir", siglists);
    assertEquals(3, lines.status(), lines.err());
    String[] out = lines.out().split("\n");
    assertEquals("Foo::Bar", JSON.readTree(out[0]).get("signature").asText());
    assertEquals("Foo", JSON.readTree(out[1]).get("signature").asText());
    assertTrue(JSON.readTree(out[1]).has("crash_data"), out[1]);
    assertEquals("line 3: \"crash_data\" is not a JSON object", JSON.readTree(out[2]).get("error").asText());
    assertEquals("Foo::Bar", JSON.readTree(CliRunner.run(crashData, "signify", "--signature-list-dir", siglists).out())
        .get("signature").asText(), "as one document");
  }

  @Test
  void outputIsAsciiSoCrashTextCannotReachTheTerminalRaw() {
    String crash = "{\"threads\": [{\"frames\": [{\"function\": \"evil\\u001b[2J\\u009b\\u00e9\"}]}]}";
    CliRunner.Outcome outcome = CliRunner.run(crash, "signify", "--jsonl", "--signature-list-dir", siglists);
    assertTrue(outcome.out().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), outcome.out());
  }

  @Test
  void readsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("crash.json");
    Files.writeString(file, CRASH);
    CliRunner.Outcome outcome = CliRunner.run("", "signify", "--signature-list-dir", siglists, file.toString());
    assertEquals("Foo::Bar", JSON.readTree(outcome.out()).get("signature").asText());
  }

  @Test
  void anUnknownOptionIsOneLowercaseLineAndExit2() {
    CliRunner.Outcome outcome = CliRunner.run("", "signify", "--bogus");
    assertEquals(2, outcome.status());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("signify: unknown option"), outcome.err());
  }

  @Test
  void aCrashWithNoStackHasAnEmptyProtoSignatureAsSiggensSignifyPrintsIt() {
    CliRunner.Outcome outcome = CliRunner.run("{}", "signify", "--signature-list-dir", siglists);
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("{\n  \"signature\": \"EMPTY: no frame data available\",\n  \"proto_signature\": \"\",\n  \"notes\": [\n"
        + "    \"SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)\"\n  ]\n}\n", outcome.out());
  }

  @Test
  void aFileThatIsNotJsonIsNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");

    CliRunner.Outcome outcome = CliRunner.run("", "signify", "--signature-list-dir", siglists, empty.toString());

    assertEquals(3, outcome.status());
    assertEquals("signify: " + empty + ": input is not valid JSON: no JSON value\n", outcome.err());
  }

  @Test
  void invalidJsonInSingleDocumentModeExits3() {
    CliRunner.Outcome outcome = CliRunner.run("{oops", "signify", "--signature-list-dir", siglists);
    assertEquals(3, outcome.status());
    assertTrue(outcome.err().startsWith("signify: input is not valid JSON"), outcome.err());
  }

  @Test
  void aLineWithABadTokenBeyondAsciiIsNamedByItsTokenNotCalledInvalidUtf8() throws Exception {
    CliRunner.Outcome outcome = CliRunner.run("{\"a\": \u00e9}\n", "signify", "--jsonl", "--signature-list-dir", siglists);
    assertEquals(3, outcome.status(), outcome.err());
    String error = JSON.readTree(outcome.out()).get("error").asText();
    assertTrue(error.startsWith("line 1: invalid JSON: Unrecognized token '\u00e9'"), error);
  }

  @Test
  void theBadTokenAnInvalidDocumentQuotesIsEscaped() {
    CliRunner.Outcome outcome = CliRunner.run("{\"a\": tru\u009b31mRED\u202e}", "signify", "--signature-list-dir", siglists);
    assertEquals(3, outcome.status());
    assertTrue(outcome.err().contains("'tru\\x9b31mRED\\u202e'"), outcome.err());
    assertFalse(outcome.err().contains("\u009b"), outcome.err());
  }
}
