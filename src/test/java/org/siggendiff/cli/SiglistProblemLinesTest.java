package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.GitRepo;

/**
 * A broken siglist set is one line per problem, {@code COMMAND: OPTION FILE:LINE: problem}, on
 * every command that takes a siglist source, as on the diff: never the problems joined on one
 * line with an escaped newline.
 */
@Timeout(60)
class SiglistProblemLinesTest {
  private static final Path DEMO_CORPUS = Path.of("corpora/demo");

  @TempDir Path folder;
  private Path broken;

  @BeforeEach
  void breakTwoLines() throws IOException {
    broken = folder.resolve("broken");
    Files.createDirectories(broken);
    try (Stream<Path> files = Files.list(Path.of("siglists/demo/baseline"))) {
      for (Path file : files.toList()) {
        Files.copy(file, broken.resolve(file.getFileName()));
      }
    }
    Files.writeString(broken.resolve("irrelevant_signature_re.txt"), "[x\nfine\n+y\n");
  }

  private static void assertOneLinePerProblem(CliRunner.Outcome outcome, String prefix, Path file) {
    assertEquals(2, outcome.status(), outcome.err());
    assertFalse(outcome.err().contains("\\x0a"), outcome.err());
    String[] lines = outcome.err().split("\n");
    assertEquals(2, lines.length, outcome.err());
    assertTrue(lines[0].startsWith(prefix + file + ":1: "), lines[0]);
    assertTrue(lines[1].startsWith(prefix + file + ":3: "), lines[1]);
  }

  @Test
  void signifyWithASiglistSourcePrintsEachProblemOnItsOwnLine() {
    CliRunner.Outcome outcome = CliRunner.run("{}", "signify", "--siglists", broken.toString());
    assertOneLinePerProblem(outcome, "signify: --siglists ", broken.resolve("irrelevant_signature_re.txt"));
  }

  @Test
  void explainPrintsEachProblemOnItsOwnLineWithItsOption() {
    CliRunner.Outcome outcome = CliRunner.run("", "explain", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--candidate", broken.toString(), "--corpus", DEMO_CORPUS.toString());
    assertOneLinePerProblem(outcome, "explain: --candidate ", broken.resolve("irrelevant_signature_re.txt"));

    CliRunner.Outcome baseline = CliRunner.run("", "explain", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--baseline", broken.toString(), "--candidate", "siglists/demo/baseline", "--corpus", DEMO_CORPUS.toString());
    assertOneLinePerProblem(baseline, "explain: --baseline ", broken.resolve("irrelevant_signature_re.txt"));
  }

  @Test
  void aBrokenBaselineAndABrokenCandidateAreBothReportedBaselineFirst() {
    CliRunner.Outcome outcome = CliRunner.run("", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--baseline", broken.toString(), "--candidate", folder.resolve("missing").toString(), "--corpus", DEMO_CORPUS.toString());
    assertEquals(2, outcome.status(), outcome.err());
    String[] lines = outcome.err().split("\n");
    assertEquals(3, lines.length, outcome.err());
    assertTrue(lines[0].startsWith("siggen-diff: --baseline " + broken.resolve("irrelevant_signature_re.txt") + ":1: "), lines[0]);
    assertTrue(lines[1].startsWith("siggen-diff: --baseline " + broken.resolve("irrelevant_signature_re.txt") + ":3: "), lines[1]);
    assertEquals("siggen-diff: --candidate " + folder.resolve("missing")
        + ": no such folder; a source is DIR, PATH@REF, github:REF or github:pull/N", lines[2]);

    Path file = broken.resolve("irrelevant_signature_re.txt");
    CliRunner.Outcome aFile = CliRunner.run("", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--baseline", "siglists/demo/baseline", "--candidate", file.toString(), "--corpus", DEMO_CORPUS.toString());
    assertEquals(2, aFile.status(), aFile.err());
    assertEquals("siggen-diff: --candidate " + file + ": not a folder; a source is DIR, PATH@REF, github:REF or github:pull/N\n",
        aFile.err());

    // The baseline, and it alone, may be production, and says so.
    CliRunner.Outcome baseline = CliRunner.run("", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--baseline", file.toString(), "--candidate", "siglists/demo/candidate", "--corpus", DEMO_CORPUS.toString());
    assertEquals("siggen-diff: --baseline " + file + ": not a folder; a source is DIR, PATH@REF, github:REF, github:pull/N or production\n",
        baseline.err());
  }

  @Test
  void serveStopsBeforeListeningWithEachProblemOnItsOwnLine() {
    CliRunner.Outcome outcome = CliRunner.run("", "serve", "--port", "0", "--siglists", broken.toString());
    assertOneLinePerProblem(outcome, "serve: --siglists ", broken.resolve("irrelevant_signature_re.txt"));
  }

  @Test
  void historySkipsACommitWhoseSiglistsDoNotLoadNamingItOnEachProblemLine() throws IOException {
    GitRepo repo = GitRepo.init(folder.resolve("repo"));
    repo.putSiglists(Path.of("siglists/demo/baseline"));
    String good = repo.commit("Initial siglists", "2024-01-01T10:00:00+00:00");
    repo.putSiglists(broken);
    String bad = repo.commit("Broken siglists", "2024-01-02T10:00:00+00:00");
    CliRunner.Outcome outcome = CliRunner.run("", "history", "--offline", "--cache-dir", folder.resolve("cache").toString(),
        "--corpus", DEMO_CORPUS.toString(), "--siglists", repo.root() + "@" + good + ".." + bad);
    // A commit whose siglists do not load is skipped, not the end of the run: a warning line per problem.
    assertEquals(0, outcome.status(), outcome.err());
    assertFalse(outcome.err().contains("\\x0a"), outcome.err());
    List<String> warnings = outcome.err().lines().filter(line -> line.contains("do not load")).toList();
    assertEquals(2, warnings.size(), outcome.err());
    for (String line : warnings) {
      assertTrue(line.startsWith("  warning: siglists that do not load, skipped: commit " + bad.substring(0, 12) + ": "), line);
      assertTrue(line.contains("irrelevant_signature_re.txt:"), line);
    }
  }

  @Test
  void aUsageErrorOfACommandIsPrintedWithTheCommandsNameAsEveryOther() {
    CliRunner.Outcome explain = CliRunner.run("", "explain", "--format", "xml", "x");
    assertEquals("explain: --format must be text or json, not xml\n", explain.err());
    CliRunner.Outcome history = CliRunner.run("", "history", "--siglists", "x@a..b", "--format", "html", "x");
    assertEquals("history: --format must be text, markdown or jsonl, not html\n", history.err());
  }
}
