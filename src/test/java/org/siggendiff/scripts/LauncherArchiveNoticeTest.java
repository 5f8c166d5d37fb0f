package org.siggendiff.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher says so when its first run after a build makes the start-up archive, on a
 * terminal only. It runs on a copy of the checkout's layout with a stand-in {@code java} that
 * records its calls, so the test takes no build and no real archive.
 */
@Timeout(60)
class LauncherArchiveNoticeTest {
  private static final String NOTICE = "siggen-diff: preparing a start-up archive for this build (once)...";
  private static final Path SCRIPT = Path.of("scripts/siggen-diff");
  private static final Path SCRIPT_TOOL = Path.of("/usr/bin/script");

  @TempDir Path root;
  private Path bin;

  @BeforeEach
  void fakeCheckout() throws IOException {
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(SCRIPT, root.resolve("scripts/siggen-diff"));
    Files.createDirectories(root.resolve("src/main"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(root.resolve("corpora/demo"));
    Files.writeString(root.resolve("corpora/demo/processed-crashes.jsonl"),
        "{\"uuid\": \"00000000-0000-0000-0000-000000000001\"}\n");
    Files.createDirectories(root.resolve("siglists/demo"));
    Path jar = Files.writeString(Files.createDirectories(root.resolve("target")).resolve("siggen-diff.jar"), "");
    // Newer than the sources, so that the launcher does not build.
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    try (Stream<Path> files = Files.walk(root.resolve("src"))) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, old);
      }
    }
    Files.setLastModifiedTime(root.resolve("pom.xml"), old);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    bin = Files.createDirectories(root.resolve("bin"));
    // The stand-in java: makes the archive when asked to dump one, and otherwise does nothing.
    Path java = bin.resolve("java");
    Files.writeString(java, """
        #!/usr/bin/env bash
        for arg in "$@"; do
          case "$arg" in -XX:SharedArchiveFile=*) file="${arg#-XX:SharedArchiveFile=}" ;; esac
        done
        if [[ " $* " == *" -Xshare:dump "* ]]; then echo archive >"$file"; fi
        exit 0
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String run(boolean stderrIsTerminal) throws IOException, InterruptedException {
    String launcher = root.resolve("scripts/siggen-diff").toString();
    List<String> command = stderrIsTerminal
        ? List.of(SCRIPT_TOOL.toString(), "-qec", "bash " + launcher + " --version", "/dev/null")
        : List.of("bash", launcher, "--version");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  private long archives() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("target"))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).count();
    }
  }

  @Test
  void onATerminalTheFirstRunSaysItIsMakingTheArchiveAndLaterRunsSayNothing() throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT_TOOL), "needs script(1) for a terminal");
    String first = run(true);
    assertTrue(first.contains(NOTICE), first);
    assertEquals(1, archives(), "the archive was made");
    String second = run(true);
    assertFalse(second.contains("preparing"), second);
  }

  @Test
  void withStderrNotATerminalTheArchiveIsMadeSilently() throws Exception {
    String output = run(false);
    assertEquals("", output);
    assertEquals(1, archives(), "the archive was made");
  }

  @Test
  void ctrlCWhileTheArchiveIsMadeStopsTheLauncherAndIsNotRememberedAsAFailure() throws Exception {
    Path setsid = Path.of("/usr/bin/setsid");
    assumeTrue(Files.isExecutable(setsid), "needs setsid(1) to signal the launcher's process group");
    // A JVM exits on SIGINT with status 130 rather than dying of it; so does this stand-in,
    // which stays in its first run (a short run making the class list) until it is stopped.
    Files.writeString(bin.resolve("java"), """
        #!/usr/bin/env bash
        trap 'exit 130' INT
        if [[ " $* " == *"-XX:DumpLoadedClassList="* ]]; then
          touch "%s"
          sleep 30 & wait
          exit 0
        fi
        touch "%s"
        exit 0
        """.formatted(root.resolve("started"), root.resolve("ran")));
    ProcessBuilder builder = new ProcessBuilder(setsid.toString(), "bash", root.resolve("scripts/siggen-diff").toString(), "--version")
        .redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process launcher = builder.start();
    for (int waited = 0; !Files.exists(root.resolve("started")) && waited < 200; waited++) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(root.resolve("started")), "the archive's first run started");
    // As Ctrl-C on a terminal does: the signal goes to the whole process group (setsid made the
    // launcher its leader).
    new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).inheritIO().start().waitFor();
    assertTrue(launcher.waitFor(20, TimeUnit.SECONDS), "the launcher stopped");
    assertEquals(130, launcher.exitValue(), new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertFalse(Files.exists(root.resolve("ran")), "the command was not run after the interrupt");
    try (Stream<Path> files = Files.list(root.resolve("target"))) {
      List<String> left = files.map(file -> file.getFileName().toString()).filter(name -> !name.equals("siggen-diff.jar")).toList();
      assertEquals(List.of(), left, "no failure remembered, no work folder left");
    }
  }
}
