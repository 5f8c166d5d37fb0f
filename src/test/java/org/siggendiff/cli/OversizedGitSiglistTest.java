package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.GitRepo;

/** A siglist from an untrusted branch is sized before git's copy of it is read. */
class OversizedGitSiglistTest {
  private static final Path BASELINE = Path.of("siglists/demo/baseline");
  private static final Path DEMO = Path.of("corpora/demo/processed-crashes.jsonl");

  @TempDir static Path folder;
  private static GitRepo repo;
  private static String small;
  private static String huge;

  @BeforeAll
  static void build() throws IOException {
    repo = GitRepo.init(folder.resolve("repo"));
    repo.putSiglists(BASELINE);
    small = repo.commit("Initial siglists", "2024-01-01T10:00:00+00:00");
    Path prefix = repo.root().resolve(GitRepo.SIGLISTS).resolve("prefix_signature_re.txt");
    Files.writeString(prefix, Files.readString(prefix) + "# padding\n".repeat(110_000));
    huge = repo.commit("Bug 1 - a list of 1.1 MB", "2024-01-02T10:00:00+00:00");
  }

  @Test
  void aDiffSourceWithAListOverOneMebibyteIsRefusedNamingIt() {
    CliRunner.Outcome outcome = CliRunner.run("", "--corpus", DEMO.toString(), "--baseline", BASELINE.toString(),
        "--candidate", repo.root() + "@" + huge);
    assertEquals(2, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("socorro/signature/siglists/prefix_signature_re.txt at " + huge.substring(0, 12)
        + " is 1100" ), outcome.err());
    assertTrue(outcome.err().contains("bytes, larger than the 1 MiB a siglist file may be"), outcome.err());
  }

  @Test
  void aHistoryRangeWithAListOverOneMebibyteIsRefusedNamingIt() {
    CliRunner.Outcome outcome = CliRunner.run("", "history", "--corpus", DEMO.toString(), "--siglists", repo.root() + "@" + small + ".." + huge);
    assertEquals(2, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("socorro/signature/siglists/prefix_signature_re.txt at " + huge.substring(0, 12)), outcome.err());
    assertTrue(outcome.err().contains("larger than the 1 MiB a siglist file may be"), outcome.err());
  }
}
