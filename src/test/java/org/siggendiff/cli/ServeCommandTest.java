package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.testing.Fixtures;

/** {@code siggen-diff serve} as the command line runs it: options, start-up line, and a stop signal. */
@Timeout(60)
class ServeCommandTest {
  private static final Pattern LISTENING = Pattern.compile("serve: listening on http://127\\.0\\.0\\.1:([0-9]+)/ with siglists ");

  @Test
  void aStopSignalDrainsAndEndsWithStatusZero() throws Exception {
    StringWriter err = new StringWriter();
    Interruption interruption = new Interruption();
    CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        Map.of(), false, false, false, false, interruption);
    String siglists = Fixtures.resource("siglists/basic").toString();
    AtomicInteger status = new AtomicInteger(-1);
    Thread run = new Thread(() -> status.set(Main.run(new String[] {"serve", "--port", "0", "--siglists", "basic=" + siglists}, context)));
    run.start();
    Matcher listening = LISTENING.matcher("");
    for (int i = 0; i < 1000 && !listening.reset(err.toString()).find(); i++) {
      Thread.sleep(10);
    }
    assertTrue(listening.reset(err.toString()).find(), err.toString());
    assertTrue(err.toString().contains("with siglists basic=" + siglists), err.toString());

    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listening.group(1) + "/api/CrashSignature/"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jobs\": [{}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode());
    interruption.request();
    run.join(10_000);

    assertEquals(ExitCodes.OK, status.get(), err.toString());
    assertTrue(interruption.watched(), "Main's hook waits for the drain");
    assertTrue(err.toString().endsWith("serve: stopping; finishing the requests in flight\nserve: stopped\n"), err.toString());
  }

  @Test
  void badOptionsAreOneLineUsageErrors() {
    String basic = Fixtures.resource("siglists/basic").toString();
    assertUsage("serve: no siglists given: pass --siglists [NAME=]SOURCE or set SIGGEN_DIFF_SIGLISTS", "serve");
    assertUsage("serve: --siglists: the name a is given twice", "serve", "--siglists", "a=" + basic, "--siglists", "a=" + basic);
    assertUsage("serve: --siglists: production is the signatures stored in processed crashes, not a siglist set;"
        + " give DIR, PATH@REF or github:REF", "serve", "--siglists", "production");
    assertUsage("serve: --port must be between 0 and 65535, not 70000", "serve", "--port", "70000", "--siglists", basic);
    assertUsage("serve: --max-jobs must be between 1 and 1000000, not 0", "serve", "--max-jobs", "0", "--siglists", basic);
    assertUsage("serve: --siglists x=nope: no such folder; a source is DIR, PATH@REF, github:REF or github:pull/N",
        "serve", "--siglists", "x=nope");
  }

  @Test
  void aPortInUseIsAConfigurationError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRunner.Outcome outcome = CliRunner.run("", "serve", "--port", "" + taken.getLocalPort(), "--siglists",
          Fixtures.resource("siglists/basic").toString());
      assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
      assertTrue(outcome.err().startsWith("serve: cannot listen on 127.0.0.1 port " + taken.getLocalPort() + ": "), outcome.err());
      assertEquals(1, outcome.err().lines().count(), outcome.err());
    }
  }

  private static void assertUsage(String line, String... args) {
    CliRunner.Outcome outcome = CliRunner.run("", args);
    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertEquals(line + "\n", outcome.err());
  }
}
