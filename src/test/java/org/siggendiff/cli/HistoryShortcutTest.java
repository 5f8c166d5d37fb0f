package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.history.GitSiglistRange;
import org.siggendiff.history.SiglistRange;
import org.siggendiff.history.SignatureHistory;
import org.siggendiff.testing.GitRepo;

/**
 * The history's shortcut (sign a crash again only when a changed line could answer differently for
 * one of its frames, and walk it again only under a line-number list it was not walked under)
 * gives what signing and walking every crash under every version gives, over versions whose
 * line-number list changes: Socorro's own history never changes it.
 */
@Timeout(120)
class HistoryShortcutTest {
  private static final Path DEMO = Path.of("corpora/demo/processed-crashes.jsonl");
  private static final Path BASELINE = Path.of("siglists/demo/baseline");

  @TempDir Path folder;

  @Test
  void aLineNumberChangeThenALineMatchingOnlyTheNumberedFrameMovesWhatSigningEveryCrashMoves() throws Exception {
    GitRepo repo = GitRepo.init(folder.resolve("repo"));
    Path lists = repo.root().resolve(GitRepo.SIGLISTS);
    repo.putSiglists(BASELINE);
    String first = repo.commit("Baseline", "2024-01-01T10:00:00+00:00");
    Path lineNumbers = lists.resolve("signatures_with_line_numbers_re.txt");
    Path irrelevant = lists.resolve("irrelevant_signature_re.txt");
    String baseLineNumbers = Files.readString(lineNumbers);
    Files.writeString(lineNumbers, baseLineNumbers + "webrender::renderer::Renderer::render$\n");
    repo.commit("Line numbers for webrender::renderer::Renderer::render", "2024-01-02T10:00:00+00:00");
    // Matches the frame only with its line number, which the first version's walks never saw.
    Files.writeString(irrelevant, Files.readString(irrelevant) + "webrender::renderer::Renderer::render:\\d+$\n");
    repo.commit("The numbered frame is irrelevant", "2024-01-03T10:00:00+00:00");
    Files.writeString(lineNumbers, baseLineNumbers);
    repo.commit("Line numbers as they were", "2024-01-04T10:00:00+00:00");
    Files.writeString(irrelevant, Files.readString(irrelevant) + "webrender::renderer::Renderer::render$\n");
    String last = repo.commit("The plain frame is irrelevant", "2024-01-05T10:00:00+00:00");

    SiglistRange range = GitSiglistRange.read(repo.root(), "repo", first, last, false);
    List<SignatureHistory.TrackedCrash> crashes = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(DEMO)) {
      CrashDocument.Crash crash = (CrashDocument.Crash) CrashDocument.classify(CrashJson.parse(line));
      crashes.add(new SignatureHistory.TrackedCrash("demo:" + ++n, false, crash.crashData()));
    }
    SignatureHistory.Result fast = new SignatureHistory(crashes, true).run(range, () -> {}, () -> false);
    SignatureHistory.Result naive = new SignatureHistory(crashes, false).run(range, () -> {}, () -> false);

    assertEquals(moves(naive), moves(fast));
    assertEquals(4, fast.commits().size());
    for (SignatureHistory.CommitMoves commit : fast.commits()) {
      assertFalse(commit.moves().isEmpty(), "each commit moves some crash: " + commit.commit().subject());
    }
    assertTrue(fast.stats().signed() < naive.stats().signed(), fast.stats() + " vs " + naive.stats());
  }

  private static List<String> moves(SignatureHistory.Result result) {
    List<String> moves = new ArrayList<>();
    for (SignatureHistory.CommitMoves commit : result.commits()) {
      for (SignatureHistory.Move move : commit.moves()) {
        moves.add(commit.commit().subject() + " " + move.crashId() + " " + move.baseline() + " -> " + move.candidate() + " " + move.cause());
      }
    }
    return moves;
  }
}
