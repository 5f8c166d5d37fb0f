package org.siggendiff.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench} refuses a wrong command or shared folder in one line, before it builds
 * anything. It runs on a copy of the script with a stand-in {@code mvn} that records each call.
 */
@Timeout(60)
class BenchScriptTest {
  @TempDir Path root;
  private Path bin;
  private Path mvnCalls;

  @BeforeEach
  void fakeCheckout() throws IOException {
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(Path.of("scripts/bench"), root.resolve("scripts/bench"));
    bin = Files.createDirectories(root.resolve("bin"));
    mvnCalls = root.resolve("mvn-calls");
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$*\" >>" + mvnCalls + "\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Run(int exit, String output) {}

  private Run bench(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/bench").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  @Test
  void aSharedFolderWithoutTheVectorsIsOneLineAndExit2WithoutABuild() throws Exception {
    Run run = bench("whole", root.resolve("no-such-shared").toString());

    assertEquals(2, run.exit(), run.output());
    assertEquals("scripts/bench: " + root.resolve("no-such-shared")
        + " has no conformance/crash-data.jsonl.gz; give the shared folder as SHARED_DIR\n", run.output());
    assertFalse(Files.exists(mvnCalls), "built before refusing");
  }

  @Test
  void anUnknownBenchmarkIsTheUsageAndExit2WithoutABuild() throws Exception {
    Run run = bench("wholee");

    assertEquals(2, run.exit(), run.output());
    assertEquals("usage: scripts/bench [signature|fetch|diff|whole|history|serve|all] [SHARED_DIR]\n", run.output());
    assertFalse(Files.exists(mvnCalls), "built before refusing");
  }
}
