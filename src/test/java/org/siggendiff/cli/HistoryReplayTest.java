package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.history.GitSiglistRange;
import org.siggendiff.history.SiglistRange;
import org.siggendiff.history.SignatureHistory;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.testing.GitRepo;
import org.siggendiff.testing.SharedData;
import org.siggendiff.testing.SiglistHistoryCases;

/**
 * {@code history} over a git repository holding the manifest's siglist versions, one commit
 * each: every pull request's commit moves exactly the history cases the reference says it
 * moves, and the shortcut that skips crashes a change cannot move agrees with signing every
 * crash under every version.
 */
@Timeout(300)
class HistoryReplayTest {
  @TempDir static Path folder;
  private static Path corpus;
  private static Path repo;
  private static final List<String> CASES = new ArrayList<>();
  /** Per siglist folder, the expected signature of each case, by case number. */
  private static final Map<String, Map<Integer, String>> EXPECTED = new LinkedHashMap<>();
  /** Each version's commit by folder, oldest first. */
  private static Map<String, String> commits;

  @BeforeAll
  static void build() throws IOException {
    SiglistHistoryCases vectors = SiglistHistoryCases.read();
    EXPECTED.putAll(vectors.expected());
    CASES.addAll(vectors.cases());
    corpus = folder.resolve("history.jsonl");
    Files.write(corpus, CASES);
    repo = folder.resolve("socorro");
    commits = GitRepo.manifest(repo, SharedData.root().resolve("socorro-siglists"));
  }

  private static String first() {
    return commits.values().iterator().next();
  }

  private static String last() {
    return new ArrayList<>(commits.values()).get(commits.size() - 1);
  }

  @Test
  void everyPullRequestsCommitMovesExactlyTheCrashesTheReferenceSays() throws IOException {
    CliRunner.Outcome outcome = CliRunner.run("", "history", "--siglists", repo + "@" + first() + ".." + last(),
        "--corpus", corpus.toString(), "--format", "jsonl", "--cache-dir", folder.resolve("cache").toString(), "--offline");
    assertEquals(0, outcome.status(), outcome.err());
    Map<String, Map<Integer, List<String>>> actual = new LinkedHashMap<>();
    for (String line : outcome.out().split("\n")) {
      JsonNode move = CrashJson.parse(line);
      String where = move.get("crash_id").asText();
      int number = Integer.parseInt(where.substring(where.lastIndexOf(':') + 1)) - 1;
      actual.computeIfAbsent(move.get("commit").asText(), k -> new TreeMap<>())
          .put(number, List.of(move.get("baseline").asText(), move.get("candidate").asText()));
      assertFalse(move.get("cause").get("lines").isEmpty(), "a line is responsible for " + line);
      assertTrue(move.get("date").asText().startsWith("20"), line);
    }
    Map<String, Map<Integer, List<String>>> expected = new LinkedHashMap<>();
    List<String> folders = new ArrayList<>(commits.keySet());
    for (int i = 1; i < folders.size(); i++) {
      Map<Integer, String> before = EXPECTED.get(folders.get(i - 1));
      Map<Integer, List<String>> moved = new TreeMap<>();
      EXPECTED.get(folders.get(i)).forEach((number, signature) -> {
        if (!before.get(number).equals(signature)) {
          moved.put(number, List.of(before.get(number), signature));
        }
      });
      if (!moved.isEmpty()) {
        expected.put(commits.get(folders.get(i)), moved);
      }
    }
    assertEquals(30, expected.size(), "pull requests that move a history case");
    assertEquals(expected, actual);
    assertTrue(outcome.err().contains("commits changing the siglists: 30"), outcome.err());
  }

  @Test
  void skippingCrashesNoChangedLineCanMoveGivesWhatSigningEveryCrashGives() throws Exception {
    SiglistRange range = GitSiglistRange.read(repo, "manifest", first(), last(), false);
    List<SignatureHistory.TrackedCrash> crashes = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      crashes.add(new SignatureHistory.TrackedCrash("case:" + (i + 1), false, CrashData.of(CrashJson.parse(CASES.get(i)))));
    }
    SignatureHistory.Result fast = new SignatureHistory(crashes, true).run(range, () -> {}, () -> false);
    SignatureHistory.Result naive = new SignatureHistory(crashes, false).run(range, () -> {}, () -> false);
    assertEquals(moves(naive), moves(fast));
    assertEquals(31, fast.stats().versions());
    assertEquals(31L * CASES.size(), naive.stats().signed());
    // Most crashes are never signed again: the changed lines match none of their frames.
    assertTrue(fast.stats().skipped() > 20L * CASES.size(), "skipped " + fast.stats());
    assertEquals(fast.stats().signed() + fast.stats().skipped(), naive.stats().signed());
  }

  private static List<String> moves(SignatureHistory.Result result) {
    List<String> moves = new ArrayList<>();
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      for (SignatureHistory.Move move : commit.moves()) {
        moves.add(commit.commit().sha() + " " + move.crashId() + " " + move.baseline() + " -> " + move.candidate() + " " + move.cause());
      }
    }
    return moves;
  }
}
