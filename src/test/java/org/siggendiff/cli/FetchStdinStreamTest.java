package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.OpenPipe;

/**
 * Crash IDs piped into {@code fetch} ({@code crashids ... | siggen-diff fetch}) are fetched as
 * they arrive, over a real pipe that stays open, and a stop while fetch waits on the pipe says
 * what is cached and exits 130.
 */
@Timeout(60)
class FetchStdinStreamTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path cache;
  private final OpenPipe pipe = new OpenPipe();
  private final StringWriter err = new StringWriter();
  private final Interruption interruption = new Interruption();
  private final int[] status = {-1};
  private Thread run;

  private void start() {
    CliContext context = new CliContext(pipe.stdin(), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false, false,
        false, false, interruption);
    String[] args = {"fetch", "--cache-dir", cache.toString(), "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0"};
    run = new Thread(() -> status[0] = Main.run(args, context));
    run.start();
  }

  private boolean cached(int n) {
    return Files.exists(cache.resolve("processed_crash").resolve(CrashIds.text(n)));
  }

  @Test
  void crashesAreFetchedWhileStdinIsStillOpen() throws Exception {
    for (int n = 1; n <= 2; n++) {
      server.stubFor(crash(CrashIds.text(n)).willReturn(found(CrashIds.text(n))));
    }
    start();
    pipe.write(CrashIds.text(1) + "\n");
    OpenPipe.await(() -> cached(1), "the first crash to be cached");
    assertTrue(run.isAlive(), "fetch waits for more on the open pipe");
    pipe.write("not-a-crash\n" + CrashIds.text(2) + "\n");
    pipe.close();
    run.join(20_000);
    assertFalse(run.isAlive());
    assertEquals(3, status[0], err.toString());
    assertTrue(cached(2), err.toString());
    assertEquals(2, requests(server).size());
    assertTrue(err.toString().startsWith("fetch: 3 inputs: 2 fetched, 0 already cached, 1 invalid\n"), err.toString());
    assertTrue(err.toString().contains("  invalid input, line 2: not a crash ID: 'not-a-crash'\n"), err.toString());
  }

  @Test
  void aStopWhileWaitingOnStdinSaysWhatIsCachedAndExits130() throws Exception {
    server.stubFor(crash(CrashIds.text(1)).willReturn(found(CrashIds.text(1))));
    start();
    pipe.write(CrashIds.text(1) + "\n");
    OpenPipe.await(() -> cached(1), "the first crash to be cached");
    interruption.request();
    run.join(20_000);
    assertFalse(run.isAlive(), "a stop ends the wait on stdin");
    assertEquals(130, status[0], err.toString());
    // The crash is cached; whether its result was taken before the stop is a race.
    assertTrue(Pattern.compile("fetch: interrupted: (1 crash is|0 crashes are) in the cache, and the rest of stdin"
        + " was not read; the same command again resumes").matcher(err.toString()).find(), err.toString());
    pipe.close();
  }
}
