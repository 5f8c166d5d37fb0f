package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.DemoDiff.BASELINE;
import static org.siggendiff.testing.DemoDiff.CANDIDATE;
import static org.siggendiff.testing.DemoDiff.DEMO;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.history.GitSiglistRange;
import org.siggendiff.history.SiglistRange;
import org.siggendiff.history.SignatureHistory;
import org.siggendiff.testing.DemoDiff;
import org.siggendiff.testing.GitRepo;

/**
 * {@code history} when things go wrong part way: a siglist line that does not load at one commit,
 * and an interruption.
 */
@Timeout(120)
class HistoryFailureTest {

  @TempDir static Path folder;
  /** c0 baseline, c1 baseline with a line that does not compile, c2 candidate, c3 baseline again. */
  private static GitRepo repo;
  private static String c0;
  private static String c1;
  private static String c2;
  private static String c3;
  private static int brokenLine;
  private static Set<String> diffMoves;

  @BeforeAll
  static void build() throws IOException {
    repo = GitRepo.init(folder.resolve("repo"));
    repo.putSiglists(BASELINE);
    c0 = repo.commit("Initial siglists", "2024-01-01T10:00:00+00:00");
    Path irrelevant = repo.root().resolve(GitRepo.SIGLISTS).resolve("irrelevant_signature_re.txt");
    String good = Files.readString(irrelevant);
    Files.writeString(irrelevant, good + "broken(unclosed\n");
    brokenLine = (int) (good + "broken(unclosed\n").lines().count();
    c1 = repo.commit("Bug 1111111 - a line that does not compile", "2024-01-02T10:00:00+00:00");
    repo.putSiglists(CANDIDATE);
    c2 = repo.commit("Bug 2222222 - the demo change, and the line fixed", "2024-01-03T10:00:00+00:00");
    repo.putSiglists(BASELINE);
    c3 = repo.commit("Bug 3333333 - back to the baseline", "2024-01-04T10:00:00+00:00");

    CliRunner.Outcome diff = CliRunner.run("", "--corpus", DEMO.toString(), "--baseline", BASELINE.toString(), "--candidate",
        CANDIDATE.toString(), "--format", "jsonl", "--different-only", "--offline", "--cache-dir", folder.resolve("cache").toString());
    assertEquals(0, diff.status(), diff.err());
    diffMoves = DemoDiff.moves(diff.out());
    assertTrue(diffMoves.size() > 5, diffMoves.toString());
  }

  private static CliRunner.Outcome history(String... args) {
    List<String> all = new ArrayList<>(List.of("history", "--corpus", DEMO.toString(), "--offline", "--cache-dir",
        folder.resolve("cache").toString()));
    all.addAll(List.of(args));
    return CliRunner.run("", all.toArray(String[]::new));
  }

  private static Set<String> moves(String jsonl, String commit) throws IOException {
    Set<String> set = new TreeSet<>();
    for (String line : jsonl.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode move = CrashJson.parse(line);
      if (move.get("commit").asText().equals(commit)) {
        set.add(move.get("crash_id").asText() + " " + move.get("baseline").asText() + " -> " + move.get("candidate").asText());
      }
    }
    return set;
  }

  @Test
  void aCommitWhoseSiglistsDoNotLoadIsSkippedWithAWarningNamingItsFileAndLineAndTheNextCommitAnswersForWhatMoved() throws IOException {
    CliRunner.Outcome jsonl = history("--siglists", repo.root() + "@" + c0 + ".." + c3, "--format", "jsonl");
    assertEquals(0, jsonl.status(), jsonl.err());
    // Nothing is lost: the commit after the broken one moves what the diff of the two good versions moves, and the last moves them back.
    assertEquals(diffMoves, moves(jsonl.out(), c2));
    assertEquals(diffMoves.size(), moves(jsonl.out(), c3).size());
    assertEquals(Set.of(), moves(jsonl.out(), c1));
    String warning = jsonl.err().lines().filter(line -> line.contains("warning:")).findFirst().orElseThrow(() -> new AssertionError(jsonl.err()));
    assertTrue(warning.contains("commit " + c1.substring(0, 12) + ": "), warning);
    assertTrue(warning.contains("irrelevant_signature_re.txt:" + brokenLine + ": "), warning);
    assertTrue(jsonl.err().contains("commits changing the siglists: 3"), jsonl.err());

    CliRunner.Outcome text = history("--siglists", repo.root() + "@" + c0 + ".." + c3);
    assertEquals(0, text.status(), text.err());
    assertTrue(text.out().contains("  skipped: the siglists do not load at this commit\n"), text.out());
    assertTrue(text.out().contains("  compared with " + c0.substring(0, 12) + ": the siglists do not load at its parent " + c1.substring(0, 12)
        + "\n  moves " + diffMoves.size() + " crashes\n"), text.out());

    CliRunner.Outcome markdown = history("--siglists", repo.root() + "@" + c0 + ".." + c3, "--format", "markdown");
    assertEquals(0, markdown.status(), markdown.err());
    String fixing = markdown.out().substring(markdown.out().indexOf("### `" + c2.substring(0, 12) + "`"));
    fixing = fixing.substring(0, fixing.indexOf("\n### ", 1));
    assertTrue(fixing.contains("the siglists do not load at its parent"), fixing);
    assertEquals(diffMoves.size(), fixing.lines().filter(line -> line.startsWith("| [")).count(), fixing);
  }

  @Test
  void aBrokenLineOfListsAtTheRepositorysRootIsNamedWithoutAStrayDotFolder() throws IOException {
    GitRepo flat = GitRepo.init(folder.resolve("flat"));
    for (String list : List.of("irrelevant_signature_re.txt", "prefix_signature_re.txt", "signature_sentinels.txt",
        "signatures_with_line_numbers_re.txt")) {
      flat.write(list, Files.readString(BASELINE.resolve(list)));
    }
    String first = flat.commit("Initial siglists", "2024-03-01T10:00:00+00:00");
    flat.write("irrelevant_signature_re.txt", Files.readString(BASELINE.resolve("irrelevant_signature_re.txt")) + "broken(unclosed\n");
    String broken = flat.commit("Bug 4 - broken", "2024-03-02T10:00:00+00:00");

    CliRunner.Outcome outcome = history("--siglists", flat.root() + "@" + first + ".." + broken);

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains(flat.root() + "@" + broken.substring(0, 12) + "/irrelevant_signature_re.txt:"), outcome.err());
    assertFalse(outcome.err().contains("/./"), outcome.err());
  }

  @Test
  void whenTheRangeStartsAtABrokenVersionTheFirstCommitSaysItWasNotCompared() throws IOException {
    CliRunner.Outcome outcome = history("--siglists", repo.root() + "@" + c1 + ".." + c2);
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("  not compared: the siglists do not load before this commit, at " + c1.substring(0, 12) + "\n"),
        outcome.out());
    assertTrue(outcome.err().contains("warning: siglists that do not load, skipped: commit " + c1.substring(0, 12)), outcome.err());
  }

  @Test
  void aRangeThatStartsAtABrokenVersionComparesWithTheFirstThatLoadsAcrossALaterBrokenOne() throws IOException {
    // d1 broken, d2 the candidate (nothing before it loads), d3 broken again, d4 the baseline:
    // d4 is compared with d2, the last version that loaded, and moves back what the change moved.
    GitRepo broken = GitRepo.init(folder.resolve("starts-broken"));
    broken.putSiglists(BASELINE);
    broken.commit("Initial siglists", "2024-02-01T10:00:00+00:00");
    Path irrelevant = broken.root().resolve(GitRepo.SIGLISTS).resolve("irrelevant_signature_re.txt");
    Files.writeString(irrelevant, Files.readString(irrelevant) + "broken(unclosed\n");
    String d1 = broken.commit("Bug 1 - broken", "2024-02-02T10:00:00+00:00");
    broken.putSiglists(CANDIDATE);
    String d2 = broken.commit("Bug 2 - the demo change", "2024-02-03T10:00:00+00:00");
    Files.writeString(irrelevant, Files.readString(irrelevant) + "broken(again\n");
    String d3 = broken.commit("Bug 3 - broken again", "2024-02-04T10:00:00+00:00");
    broken.putSiglists(BASELINE);
    String d4 = broken.commit("Bug 4 - back to the baseline", "2024-02-05T10:00:00+00:00");

    CliRunner.Outcome jsonl = history("--siglists", broken.root() + "@" + d1 + ".." + d4, "--format", "jsonl");
    assertEquals(0, jsonl.status(), jsonl.err());
    assertEquals(Set.of(), moves(jsonl.out(), d2));
    assertEquals(Set.of(), moves(jsonl.out(), d3));
    assertEquals(diffMoves.size(), moves(jsonl.out(), d4).size());
  }

  @Test
  void aStopAfterTheFirstCommitGivesThatCommitsMovesOnlyAndSaysItStopped() throws Exception {
    SiglistRange range = GitSiglistRange.read(repo.root(), "repo", c0, c3, false);
    assertEquals(3, range.steps().size());
    List<SignatureHistory.TrackedCrash> crashes = demoCrashes();
    SignatureHistory.Result whole = new SignatureHistory(crashes, true).run(range, () -> {}, () -> false);
    AtomicInteger asked = new AtomicInteger();
    // Asked before each commit: yes before the third, so two commits are done (the broken one and the demo change).
    SignatureHistory.Result stopped = new SignatureHistory(crashes, true).run(range, () -> {}, () -> asked.incrementAndGet() > 2);

    assertTrue(stopped.stopped());
    assertFalse(whole.stopped());
    assertEquals(2, stopped.commits().size());
    assertEquals(whole.commits().subList(0, 2), stopped.commits());
    assertEquals(diffMoves.size(), stopped.moves());
    // Each timeline has the demo change only, not the move back.
    stopped.timelines().forEach(timeline -> assertEquals(1, timeline.changes().size(), timeline.toString()));
    whole.timelines().forEach(timeline -> assertEquals(2, timeline.changes().size(), timeline.toString()));
  }

  @Test
  void anInterruptionExits130AfterWritingWhatIsDoneAndTheSummarySaysSo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Interruption interruption = new Interruption();
    interruption.request();
    CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), Map.of(), false,
        false, false, false, interruption);
    int status = Main.run(new String[] {"history", "--corpus", DEMO.toString(), "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--siglists", repo.root() + "@" + c0 + ".." + c3}, context);

    assertEquals(130, status, err.toString());
    assertTrue(out.toString().startsWith("history of " + repo.root() + "@" + c0 + ".." + c3), out.toString());
    assertTrue(err.toString().contains("commits changing the siglists: 3 (interrupted after 0)"), err.toString());
  }

  private static List<SignatureHistory.TrackedCrash> demoCrashes() throws IOException {
    List<SignatureHistory.TrackedCrash> crashes = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEMO)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.isBlank()) {
            continue;
          }
          CrashDocument.Crash crash = (CrashDocument.Crash) CrashDocument.classify(CrashJson.parse(line));
          crashes.add(new SignatureHistory.TrackedCrash(crash.crashIds().get(0), true, crash.crashData()));
        }
      }
    }
    return crashes;
  }
}
