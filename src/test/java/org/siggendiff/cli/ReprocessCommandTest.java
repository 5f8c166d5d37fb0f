package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.SuperSearchStub;

@Timeout(60)
class ReprocessCommandTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  private static final String PATH = "/api/Reprocessing/";
  private static final Map<String, String> TOKEN = Map.of("CRASHSTATS_API_TOKEN", "secret-token");

  private CliRunner.Outcome reprocess(String stdin, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("reprocess", "--api-url=" + CrashStatsStub.apiUrl(server), "--retry-delay=5", "--sleep=0"));
    all.addAll(List.of(args));
    return CliRunner.run(stdin, env, all.toArray(String[]::new));
  }

  private static String ids(int count) {
    return String.join("\n", SuperSearchStub.ids(1, count)) + "\n";
  }

  /** The crash IDs of a form body, in order. */
  private static List<String> crashIds(LoggedRequest request) {
    List<String> ids = new ArrayList<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] parts = pair.split("=", 2);
      assertEquals("crash_ids", parts[0]);
      ids.add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return ids;
  }

  @Test
  void aTokenForAPlainHttpHostIsRefusedByTheDryRunAsByYesAndNothingSaysItIsSending() {
    for (String[] args : new String[][] {{}, {"--yes"}}) {
      List<String> all = new ArrayList<>(List.of("reprocess", "--api-url=http://crash-stats.example/api"));
      all.addAll(List.of(args));
      all.add(SuperSearchStub.ids(1, 1).get(0));
      CliRunner.Outcome outcome = CliRunner.run("", TOKEN, all.toArray(String[]::new));
      assertEquals(2, outcome.status(), outcome.err());
      assertEquals("reprocess: refusing to send the API token over plain HTTP to crash-stats.example: use an https:// API URL\n",
          outcome.err());
      assertEquals("", outcome.out());
    }
  }

  @Test
  void aDryRunSendsNothingAndSaysWhatItWouldSendInHowManyBatches() {
    CliRunner.Outcome outcome = reprocess(ids(120) + "not-an-id\n", TOKEN);
    assertEquals(3, outcome.status(), outcome.err());
    assertEquals(ids(120), outcome.out());
    assertTrue(outcome.err().contains("reprocess: dry run: would send 120 crashes in 3 batches of up to 50 to http://127.0.0.1:"), outcome.err());
    assertTrue(outcome.err().contains("nothing sent, add --yes to send"), outcome.err());
    assertTrue(outcome.err().contains("reprocess: invalid input, line 121: not a crash ID: 'not-an-id' (not sent)"), outcome.err());
    assertEquals(0, requests(server).size());
  }

  @Test
  void anEmptyListSendsNothingAndIsNoError() {
    // What `siggen-diff --format ids --different-only | reprocess --yes` gets when nothing moved.
    CliRunner.Outcome empty = reprocess("", TOKEN, "--yes");
    assertEquals(0, empty.status(), empty.err());
    assertEquals("reprocess: no crash IDs to send; nothing sent\n", empty.err());
    CliRunner.Outcome invalidOnly = reprocess("not-an-id\n", TOKEN, "--yes");
    assertEquals(3, invalidOnly.status(), invalidOnly.err());
    assertTrue(invalidOnly.err().endsWith("reprocess: no crash IDs to send; nothing sent\n"), invalidOnly.err());
    assertEquals(0, requests(server).size());
  }

  @Test
  void yesSendsBatchesOfFiftyAsRepeatedFormFieldsWithTheToken() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("true")));
    CliRunner.Outcome outcome = reprocess(ids(120) + SuperSearchStub.ids(1, 1).get(0) + "\n", TOKEN, "--yes");
    assertEquals(0, outcome.status(), outcome.err());
    List<LoggedRequest> sent = requests(server);
    assertEquals(List.of(50, 50, 20), sent.stream().map(request -> crashIds(request).size()).toList());
    List<String> all = new ArrayList<>();
    sent.forEach(request -> all.addAll(crashIds(request)));
    assertEquals(SuperSearchStub.ids(1, 120), all);
    LoggedRequest first = sent.get(0);
    assertEquals("POST", first.getMethod().getName());
    assertEquals("secret-token", first.getHeader("Auth-Token"));
    assertTrue(first.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"), first.getHeader("Content-Type"));
    assertTrue(outcome.err().contains("reprocess: 120 crashes: 120 sent, 0 failed, 0 not sent"), outcome.err());
    assertTrue(outcome.err().contains("(1 repeated ID dropped)"), outcome.err());
    assertTrue(outcome.err().contains("reprocess: batch 3 of 3 (20 crashes, ending with " + SuperSearchStub.ids(120, 1).get(0) + ")"), outcome.err());
  }

  @Test
  void moreThanTenThousandNeedAllowMany() {
    String many = ids(10_001);
    CliRunner.Outcome refused = reprocess(many, TOKEN, "--yes");
    assertEquals(2, refused.status());
    assertTrue(refused.err().startsWith("reprocess: 10001 crashes is more than 10000: tell the Socorro team"), refused.err());
    assertEquals(1, refused.err().lines().count(), refused.err());
    assertEquals(0, requests(server).size());
    CliRunner.Outcome allowed = reprocess(many, TOKEN, "--allow-many");
    assertEquals(0, allowed.status(), allowed.err());
    assertTrue(allowed.err().contains("would send 10001 crashes in 201 batches"), allowed.err());
  }

  @Test
  void sendingNeedsATokenAndSaysSoBeforeReadingTheInput() {
    CliRunner.Outcome outcome = reprocess(ids(3) + "garbage\n", Map.of(), "--yes");
    assertEquals(2, outcome.status());
    assertEquals("reprocess: reprocessing needs an API token with the reprocess permission in $SOCORRO_API_TOKEN or"
        + " $CRASHSTATS_API_TOKEN\n", outcome.err(), "one line, and no complaint about the input it did not read");
    assertEquals(0, requests(server).size());
  }

  @Test
  void anApiThatCannotBeReachedHasNothingFailedOnlyNotSent() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CliRunner.Outcome outcome = CliRunner.run(ids(60), TOKEN,
        "reprocess", "--api-url=http://127.0.0.1:" + closedPort + "/api/", "--retry-delay=5", "--sleep=0", "--yes");
    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("reprocess: 60 crashes: 0 sent, 0 failed, 60 not sent"), outcome.err());
    assertFalse(outcome.err().contains("may have been queued"), outcome.err());
    assertTrue(outcome.err().contains("cannot connect to 127.0.0.1:" + closedPort), outcome.err());
  }

  @Test
  void a403StopsAndEveryIdIsAccountedFor() {
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("deny").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withBody("true")).willSetStateTo("denied"));
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("deny").whenScenarioStateIs("denied")
        .willReturn(aResponse().withStatus(403).withBody("{\"error\": \"no reprocess permission\"}")));
    CliRunner.Outcome outcome = reprocess(ids(120), TOKEN, "--yes");
    assertEquals(3, outcome.status(), outcome.err());
    assertEquals(2, requests(server).size(), "nothing after the 403");
    assertTrue(outcome.err().contains("reprocess: 120 crashes: 50 sent, 0 failed, 70 not sent"), outcome.err());
    assertTrue(outcome.err().contains("the API token was refused (HTTP 403: 'no reprocess permission')"), outcome.err());
    assertEquals(70, outcome.err().lines().filter(line -> line.startsWith("  not sent: ")).count());
    assertTrue(outcome.err().contains("  not sent: " + SuperSearchStub.ids(51, 1).get(0)), outcome.err());
  }

  @Test
  void a429MidwayIsWaitedOutAndNoCrashIsAcceptedTwice() {
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withBody("true")).willSetStateTo("limited"));
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429)).willSetStateTo("open"));
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(aResponse().withStatus(200).withBody("true")));
    CliRunner.Outcome outcome = reprocess(ids(120), TOKEN, "--yes");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(4, requests(server).size());
    Set<String> accepted = new HashSet<>();
    int acceptedCount = 0;
    for (var event : server.getAllServeEvents()) {
      if (event.getResponse().getStatus() == 200) {
        List<String> batch = crashIds(event.getRequest());
        accepted.addAll(batch);
        acceptedCount += batch.size();
      }
    }
    assertEquals(120, acceptedCount, "no crash accepted twice");
    assertEquals(new HashSet<>(SuperSearchStub.ids(1, 120)), accepted);
    assertTrue(outcome.err().contains("120 sent, 0 failed, 0 not sent"), outcome.err());
  }

  @Test
  void a429ThatWillNotEndStopsAndListsTheRemainingIds() {
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withBody("true")).willSetStateTo("limited"));
    server.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    CliRunner.Outcome outcome = reprocess(ids(120), TOKEN, "--yes");
    assertEquals(3, outcome.status(), outcome.err());
    assertEquals(2, requests(server).size());
    assertTrue(outcome.err().contains("reprocess: 120 crashes: 50 sent, 0 failed, 70 not sent"), outcome.err());
    assertTrue(outcome.err().contains("batch 2 of 3: rate limited (HTTP 429)"), outcome.err());
    assertEquals(70, outcome.err().lines().filter(line -> line.startsWith("  not sent: ")).count());
  }
}
