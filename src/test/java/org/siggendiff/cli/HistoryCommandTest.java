package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.DemoDiff.BASELINE;
import static org.siggendiff.testing.DemoDiff.CANDIDATE;
import static org.siggendiff.testing.DemoDiff.DEMO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.DemoDiff;
import org.siggendiff.testing.GitRepo;

/** {@code history} on small real git repositories built from the demo siglists, over the demo corpus. */
@Timeout(120)
class HistoryCommandTest {

  @TempDir static Path folder;
  /** c0 baseline lists, c1 a README only, c2 the candidate lists. */
  private static GitRepo linear;
  private static String c0;
  private static String c1;
  private static String c2;
  /** base: baseline lists; side branch: the candidate lists; main: a README; then side merged into main. */
  private static GitRepo merged;
  private static String base;
  private static String side;
  private static String merge;
  /** What the diff says the candidate moves: crash ID, baseline, candidate. */
  private static Set<String> diffMoves;

  @BeforeAll
  static void build() throws IOException {
    linear = GitRepo.init(folder.resolve("linear"));
    linear.putSiglists(BASELINE);
    c0 = linear.commit("Initial siglists", "2024-01-01T10:00:00+00:00");
    linear.write("README.md", "docs\n");
    c1 = linear.commit("Docs only", "2024-01-02T10:00:00+00:00");
    linear.putSiglists(CANDIDATE);
    c2 = linear.commit("Bug 1234567 - Demo change (#12)", "2024-01-03T10:00:00+00:00");

    merged = GitRepo.init(folder.resolve("merged"));
    merged.putSiglists(BASELINE);
    base = merged.commit("Initial siglists", "2024-01-01T10:00:00+00:00");
    merged.git("checkout", "-q", "-b", "side");
    merged.putSiglists(CANDIDATE);
    side = merged.commit("Fixes bug 7654321: demo change", "2024-01-02T10:00:00+00:00");
    merged.git("checkout", "-q", "main");
    merged.write("README.md", "docs\n");
    merged.commit("Docs only", "2024-01-03T10:00:00+00:00");
    merge = merged.merge("side", "Merge pull request #13 from side", "2024-01-04T10:00:00+00:00");

    CliRunner.Outcome diff = CliRunner.run("", "--corpus", DEMO.toString(), "--baseline", BASELINE.toString(), "--candidate",
        CANDIDATE.toString(), "--format", "jsonl", "--different-only", "--offline", "--cache-dir", folder.resolve("cache").toString());
    assertEquals(0, diff.status(), diff.err());
    diffMoves = DemoDiff.moves(diff.out());
    assertTrue(diffMoves.size() > 5, "the demo change moves crashes: " + diffMoves);
  }

  private static CliRunner.Outcome history(String... args) {
    List<String> all = new ArrayList<>(List.of("history", "--corpus", DEMO.toString(), "--offline", "--cache-dir",
        folder.resolve("cache").toString()));
    all.addAll(List.of(args));
    return CliRunner.run("", all.toArray(String[]::new));
  }

  private static List<JsonNode> jsonl(CliRunner.Outcome outcome) throws IOException {
    List<JsonNode> moves = new ArrayList<>();
    for (String line : outcome.out().split("\n")) {
      if (!line.isEmpty()) {
        moves.add(CrashJson.parse(line));
      }
    }
    return moves;
  }

  private static Set<String> moves(List<JsonNode> moves) {
    Set<String> set = new TreeSet<>();
    moves.forEach(move -> set.add(move.get("crash_id").asText() + " " + move.get("baseline").asText() + " -> " + move.get("candidate").asText()));
    return set;
  }

  @Test
  void aCommitTouchingOtherFilesOnlyIsSkippedAndTheSiglistCommitMovesWhatTheDiffMoves() throws IOException {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@" + c0 + "..main", "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> moves = jsonl(outcome);
    assertEquals(diffMoves, moves(moves));
    for (JsonNode move : moves) {
      assertEquals(c2, move.get("commit").asText());
      assertEquals("Bug 1234567 - Demo change (#12)", move.get("subject").asText());
      assertEquals("1234567", move.get("bugs").get(0).asText());
      assertTrue(move.get("date").asText().startsWith("2024-01-03T10:00:00"), move.toString());
      assertFalse(move.get("cause").get("lines").isEmpty(), move.toString());
    }
    assertTrue(outcome.err().contains("commits changing the siglists: 1"), outcome.err());
    assertFalse(outcome.out().contains(c1));
    String text = history("--siglists", linear.root() + "@" + c0 + "..main").out();
    assertTrue(text.contains(": 1 commit changes the siglists, " + moves.size() + " moves of "), text);
  }

  @Test
  void aCrashGivenAgainIsFollowedOnceAndAnotherDocumentUnderItsIdIsNamedNotAlike() throws IOException {
    Path again = folder.resolve("again.jsonl");
    List<String> demo = Files.readAllLines(DEMO.resolve("processed-crashes.jsonl"));
    ObjectNode changed = (ObjectNode) CrashJson.parse(demo.get(1));
    ((ObjectNode) changed.at("/json_dump/threads/0/frames/0")).put("function", "Another::Version");
    Files.write(again, List.of(demo.get(0), changed.toString()));

    CliRunner.Outcome outcome = history(
        "--corpus", again.toString(), "--siglists", linear.root() + "@" + c0 + "..main", "--format", "jsonl");

    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(diffMoves, moves(jsonl(outcome)));
    assertTrue(outcome.err().contains("crashes followed: " + demo.size() + ", could not be read: 0; 2 repeats left out\n"
        + "  read more than once, followed as first read:\n"
        + "    " + CrashJson.parse(demo.get(0)).get("uuid").asText() + ": read 2 times\n"
        + "    " + changed.get("uuid").asText() + ": read 2 times, not alike: its crash data differ\n"
        + "  warning: 1 crash read more than once did not read the same each time"), outcome.err());
  }

  @Test
  void anArgumentThatIsNoCrashIdIsRefusedBeforeAnyCommitIsWalked() {
    CliRunner.Outcome outcome = CliRunner.run("", "history", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--siglists", linear.root() + "@" + c0 + "..main", "corpora/demo");

    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("history: argument 1: not a crash ID: 'corpora/demo' (a file or folder of crashes is read with --corpus corpora/demo)\n",
        outcome.err());
  }

  @Test
  void aCrashIdGivenTwiceThatCannotBeReadIsCountedOnce() {
    String id = "00000000-0000-0000-0000-000000251130";
    CliRunner.Outcome outcome = CliRunner.run("", "history", "--offline", "--cache-dir", folder.resolve("empty-cache").toString(),
        "--siglists", linear.root() + "@" + c0 + "..main", id, id);

    assertTrue(outcome.err().contains("crashes followed: 0, could not be read: 1; 1 repeat left out\n"), outcome.err());
  }

  @Test
  void textNamesTheCommitItsBugEachMoveWithItsLineAndEachCrashsTimeline() {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@" + c0 + ".." + c2);
    assertEquals(0, outcome.status(), outcome.err());
    String out = outcome.out();
    assertTrue(out.contains("commit " + c2.substring(0, 12) + " 2024-01-03T10:00:00Z Bug 1234567 - Demo change (#12)")
        || out.contains("commit " + c2.substring(0, 12) + " 2024-01-03T10:00:00+00:00 Bug 1234567 - Demo change (#12)"), out);
    assertTrue(out.contains("  bug 1234567\n"), out);
    assertTrue(out.contains("+ irrelevant_signature_re.txt:16 mozilla::dom::ReportError  (frames: mozilla::dom::ReportError)"), out);
    assertTrue(out.contains("crash d106337a-7ba6-40e0-9bfe-27f289251112\n  at the start  \"mozilla::dom::ReportError\"\n  "
        + c2.substring(0, 12)), out);
    assertFalse(out.contains("Docs only"), out);
  }

  @Test
  void markdownLinksCrashesAndBugsAndEscapesTheSubject() {
    CliRunner.Outcome outcome = history("--siglists", merged.root() + "@" + base + ".." + merge, "--first-parent", "--format", "markdown");
    assertEquals(0, outcome.status(), outcome.err());
    String out = outcome.out();
    assertTrue(out.contains("Merge pull request #<!-- -->13 from side"), out);
    assertTrue(out.contains("[d106337a-7ba6-40e0-9bfe-27f289251112](https://crash-stats.mozilla.org/report/index/d106337a-7ba6-40e0-9bfe-27f289251112)"), out);
    assertTrue(out.contains("| crash | before | after | lines responsible |"), out);
  }

  @Test
  void markdownStaysWithinMaxCharsAndCountsWhatItLeavesOut() {
    String range = merged.root() + "@" + base + ".." + merge;
    String whole = history("--siglists", range, "--first-parent", "--format", "markdown", "--max-chars", "100000000").out();
    assertTrue(whole.length() > 5_000, "a history longer than the smallest page: " + whole.length());
    assertFalse(whole.contains("Cut to stay within"), whole);

    CliRunner.Outcome cut = history("--siglists", range, "--first-parent", "--format", "markdown", "--max-chars", "5000");
    assertEquals(0, cut.status(), cut.err());
    assertTrue(cut.out().length() <= 5_000, "length " + cut.out().length());
    assertTrue(whole.startsWith(cut.out().substring(0, cut.out().indexOf("\n**Cut to stay within"))), "the same page, cut at a line's end");
    assertTrue(cut.out().matches("(?s).*\\*\\*Cut to stay within 5000 characters \\(`--max-chars`\\): \\d+ of \\d+ moves and \\d+ of \\d+"
        + " timelines shown\\.\\*\\* All of it: .*\n"), cut.out());

    CliRunner.Outcome text = history("--siglists", range, "--max-chars", "5000");
    assertEquals(2, text.status());
    assertEquals("history: --max-chars is only used with --format markdown\n", text.err());
  }

  @Test
  void markdownLinksCrashesToTheApiHostOrTheReportUrlAsTheDiffDoes() {
    String crash = "d106337a-7ba6-40e0-9bfe-27f289251112";
    String range = merged.root() + "@" + base + ".." + merge;
    CliRunner.Outcome api = history("--siglists", range, "--first-parent", "--format", "markdown",
        "--api-url", "https://crash-stats.allizom.org/api/");
    assertEquals(0, api.status(), api.err());
    assertTrue(api.out().contains("[" + crash + "](https://crash-stats.allizom.org/report/index/" + crash + ")"), api.out());
    assertFalse(api.out().contains("crash-stats.mozilla.org"), api.out());

    CliRunner.Outcome report = history("--siglists", range, "--first-parent", "--format", "markdown",
        "--report-url", "https://crashes.example/view?id=");
    assertTrue(report.out().contains("[" + crash + "](https://crashes.example/view?id=" + crash + ")"), report.out());

    CliRunner.Outcome bad = history("--siglists", range, "--format", "markdown", "--report-url", "ftp://x/");
    assertEquals(2, bad.status());
    assertEquals("history: --report-url must be an http(s) URL\n", bad.err());
  }

  @Test
  void withoutFirstParentTheBranchCommitThatChangedTheListsIsNamedAndTheMergeIsNot() throws IOException {
    CliRunner.Outcome outcome = history("--siglists", merged.root() + "@" + base + ".." + merge, "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> moves = jsonl(outcome);
    assertEquals(diffMoves, moves(moves));
    moves.forEach(move -> assertEquals(side, move.get("commit").asText()));
    assertEquals("7654321", moves.get(0).get("bugs").get(0).asText());
  }

  @Test
  void withFirstParentTheMergeIsNamedForWhatItsBranchBrought() throws IOException {
    CliRunner.Outcome outcome = history("--siglists", merged.root() + "@" + base + ".." + merge, "--first-parent", "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    List<JsonNode> moves = jsonl(outcome);
    assertEquals(diffMoves, moves(moves));
    moves.forEach(move -> assertEquals(merge, move.get("commit").asText()));
  }

  @Test
  void anEmptyRangeReportsNoCommitAndSucceeds() {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@" + c2 + ".." + c2, "--format", "jsonl");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("", outcome.out());
    assertTrue(outcome.err().contains("commits changing the siglists: 0"), outcome.err());
    CliRunner.Outcome text = history("--siglists", linear.root() + "@" + c1 + ".." + c1);
    assertTrue(text.out().startsWith("history of "), text.out());
    assertTrue(text.out().contains(": 0 commits change the siglists, 0 moves of 0 crashes"), text.out());
  }

  @Test
  void aRangeWrittenBackwardsIsOneLineSayingWhichWayAndExit2() {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@" + c2 + ".." + c0);
    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("history: --siglists " + linear.root() + "@" + c2 + ".." + c0 + ": the range is empty, as " + c0
        + " is older than " + c2 + " (one of its ancestors); did you mean " + c0 + ".." + c2 + "?\n", outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void aRefThatDoesNotExistIsOneLineAndExit2() {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@" + c0 + "..no-such-branch");
    assertEquals(2, outcome.status());
    assertEquals("history: --siglists " + linear.root() + "@" + c0 + "..no-such-branch: git cannot find commit no-such-branch in "
        + linear.root() + "\n", outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void aReportUrlWithAFormatThatHasNoLinksIsAUsageError() {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@" + c0 + "..main", "--format", "jsonl",
        "--report-url", "https://example.org/report/");
    assertEquals(2, outcome.status());
    assertEquals("history: --report-url is only used with --format markdown\n", outcome.err());
  }

  @Test
  void aCheckoutWithoutARangeIsAskedForOneAndAMissingFolderIsNamedSo() {
    CliRunner.Outcome noRange = history("--siglists", linear.root().toString());
    assertEquals(2, noRange.status());
    assertEquals("history: --siglists: " + linear.root() + ": give a range, PATH@A..B\n", noRange.err());
    CliRunner.Outcome missing = history("--siglists", linear.root().resolve("missing") + "@" + c0 + "..main");
    assertEquals(2, missing.status());
    assertEquals("history: --siglists: " + linear.root().resolve("missing") + "@" + c0
        + "..main: no such folder; give PATH@A..B with PATH a git checkout\n", missing.err());
  }

  @Test
  void aRefThatLooksLikeAnOptionIsRefusedBeforeGitSeesIt() {
    CliRunner.Outcome outcome = history("--siglists", linear.root() + "@--output=/tmp/x.." + c2);
    assertEquals(2, outcome.status());
    assertEquals("history: --siglists " + linear.root() + "@--output=/tmp/x.." + c2 + ": not a git ref: --output=/tmp/x\n",
        outcome.err());
    CliRunner.Outcome empty = history("--siglists", linear.root() + "@.." + c2);
    assertEquals(2, empty.status());
    assertEquals("history: --siglists " + linear.root() + "@.." + c2 + ": a ref is missing on one side of '..'\n", empty.err());
  }

  @Test
  void aRangeWithoutTwoDotsOrAFolderThatIsNotThereIsOneUsageLine() {
    CliRunner.Outcome noRange = history("--siglists", linear.root() + "@" + c2);
    assertEquals(2, noRange.status());
    assertEquals(1, noRange.err().lines().count(), noRange.err());
    CliRunner.Outcome noFolder = history("--siglists", folder.resolve("nowhere") + "@a..b");
    assertEquals(2, noFolder.status());
    assertEquals(1, noFolder.err().lines().count(), noFolder.err());
    CliRunner.Outcome badFormat = history("--siglists", linear.root() + "@" + c0 + ".." + c2, "--format", "html");
    assertEquals(2, badFormat.status());
    assertEquals("history: --format must be text, markdown or jsonl, not html\n", badFormat.err());
  }
}
