package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.OpenPipe;
import org.siggendiff.testing.Fixtures;

/**
 * Crash IDs piped into the diff ({@code crashids ... | siggen-diff}) are processed as they arrive,
 * over a real pipe that stays open, and a stop while the diff waits on the pipe still writes the
 * summary and exits 130.
 */
@Timeout(60)
class DiffStdinStreamTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path folder;
  private final OpenPipe pipe = new OpenPipe();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Interruption interruption = new Interruption();
  private final int[] status = {-1};
  private Thread run;

  @BeforeEach
  void crashes() {
    ObjectNode crash = CrashJson.mapper().createObjectNode();
    crash.put("signature", "Bar::Baz");
    ObjectNode dump = crash.putObject("json_dump");
    dump.putObject("crash_info").put("crashing_thread", 0).put("type", "SIGSEGV");
    var frames = dump.putArray("threads").addObject().putArray("frames");
    frames.addObject().put("module", "libxul.so").put("function", "Bar::Baz");
    server.stubFor(get(urlPathEqualTo(CrashStatsStub.API_PATH)).willReturn(okJson(crash.toString())));
  }

  private void start(String... more) {
    CliContext context = new CliContext(pipe.stdin(), new PrintWriter(out), new PrintWriter(err), Map.of(), false, false, false, true,
        interruption);
    List<String> args = new ArrayList<>(List.of("--baseline", Fixtures.resource("siglists/basic").toString(), "--candidate",
        Fixtures.resource("siglists/basic").toString(), "--cache-dir", folder.resolve("cache").toString(), "--api-url",
        CrashStatsStub.apiUrl(server), "--rate", "0", "--retries", "0", "--format", "jsonl"));
    args.addAll(List.of(more));
    run = new Thread(() -> status[0] = Main.run(args.toArray(String[]::new), context));
    run.start();
  }

  @Test
  void rowsComeOutWhileStdinIsStillOpenAndInvalidLinesAreFailedRowsByLineNumber() throws Exception {
    start();
    pipe.write(CrashIds.text(1) + "\n\n# a comment\nnot-a-crash\n");
    OpenPipe.await(() -> out.toString().contains(CrashIds.text(1)) && out.toString().contains("\"line 4\""), "the first rows");
    assertTrue(run.isAlive(), "the run waits for more on the open pipe");
    pipe.write(CrashIds.text(2) + "\n");
    OpenPipe.await(() -> out.toString().contains(CrashIds.text(2)), "the row of a line written later");
    pipe.close();
    run.join(20_000);
    assertFalse(run.isAlive());
    assertEquals(3, status[0], err.toString());
    List<String> rows = out.toString().lines().toList();
    assertEquals(3, rows.size(), out.toString());
    assertEquals("not a crash ID: 'not-a-crash'", CrashJson.parse(rows.get(1)).get("error").asText());
    assertTrue(err.toString().contains("3 crashes read: 0 changed, 2 unchanged, 1 failed"), err.toString());
  }

  @Test
  void aStopWhileWaitingOnStdinWritesTheSummaryAndExits130() throws Exception {
    Path summary = folder.resolve("summary.json");
    start("--summary", summary.toString());
    pipe.write(CrashIds.text(1) + "\n");
    OpenPipe.await(() -> out.toString().contains(CrashIds.text(1)), "the first row");
    interruption.request();
    run.join(20_000);
    assertFalse(run.isAlive(), "a stop ends the wait on stdin");
    assertEquals(130, status[0], err.toString());
    assertTrue(err.toString().contains("1 crash read: 0 changed, 1 unchanged, 0 failed\n"), err.toString());
    assertTrue(err.toString().contains("interrupted: 0 crashes not processed, and the rest of the input not read\n"), err.toString());
    JsonNode json = CrashJson.parse(Files.readString(summary));
    assertTrue(json.get("interrupted").asBoolean(), json.toString());
    assertTrue(json.get("rest_not_read").asBoolean(), json.toString());
    pipe.close();
  }

  @Test
  void anEmptyPipeIsARunOverNoCrashesSaidInOneLineNotTheUsage() throws Exception {
    start();
    pipe.write("\n# nothing\n");
    pipe.close();
    run.join(20_000);
    assertEquals(0, status[0], err.toString());
    assertTrue(err.toString().startsWith("siggen-diff: no crash IDs on stdin\n"), err.toString());
    assertTrue(err.toString().contains("0 crashes read: 0 changed, 0 unchanged, 0 failed"), err.toString());
    assertFalse(err.toString().contains("Usage:"), err.toString());
  }
}
