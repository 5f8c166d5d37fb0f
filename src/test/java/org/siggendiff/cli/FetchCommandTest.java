package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;

class FetchCommandTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path cache;

  private CliRunner.Outcome fetch(String stdin, Map<String, String> env, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "fetch";
    all[1] = "--api-url=" + CrashStatsStub.apiUrl(server);
    all[2] = "--cache-dir=" + cache;
    all[3] = "--retry-delay=5";
    all[4] = "--retries=1";
    all[5] = "--rate=0";
    System.arraycopy(args, 0, all, 6, args.length);
    return CliRunner.run(stdin, env, all);
  }

  @Test
  void aCacheDirThatIsAFileIsAUsageErrorBeforeAnyRequest() throws Exception {
    Path file = Files.writeString(cache.resolve("a-file"), "");
    CliRunner.Outcome outcome = CliRunner.run("", Map.of(),
        "fetch", "--api-url=" + CrashStatsStub.apiUrl(server), "--cache-dir=" + file, CrashIds.text(1));
    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("fetch: --cache-dir " + file + " is not a folder\n", outcome.err());
    assertEquals(0, server.getAllServeEvents().size(), "no request made");
  }

  @Test
  void fetchesEveryIdFromStdinAndAccountsForEachInput() {
    String ok = CrashIds.text(1);
    String missing = CrashIds.text(2);
    String broken = CrashIds.text(3);
    server.stubFor(crash(ok).willReturn(found(ok)));
    server.stubFor(crash(missing).willReturn(aResponse().withStatus(404).withBody("{\"error\": \"Not found: x\"}")));
    server.stubFor(crash(broken).willReturn(aResponse().withStatus(502)));
    String stdin = "# ids\n" + ok + "\n\nbp-" + missing + "\nnot-an-id\n" + broken + "\n";

    CliRunner.Outcome outcome = fetch(stdin, Map.of());

    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("fetch: 4 inputs: 1 fetched, 0 already cached, 1 not found, 1 failed, 1 invalid"), outcome.err());
    assertTrue(outcome.err().contains("  not found " + missing + " (line 4): not found (HTTP 404)"), outcome.err());
    assertTrue(outcome.err().contains("  failed " + broken + " (line 6): HTTP 502 (2 attempts)"), outcome.err());
    assertTrue(outcome.err().contains("  invalid input, line 5: not a crash ID: 'not-an-id'"), outcome.err());
    assertTrue(Files.exists(cache.resolve("processed_crash").resolve(ok)));
    assertEquals("", outcome.out());
  }

  @Test
  void aSecondRunIsServedFromTheCacheAndExitsZero() {
    String id = CrashIds.text(4);
    server.stubFor(crash(id).willReturn(found(id)));
    assertEquals(0, fetch("", Map.of(), id).status());
    CliRunner.Outcome again = fetch("", Map.of(), id, "https://crash-stats.mozilla.org/report/index/" + id);
    assertEquals(0, again.status(), again.err());
    assertTrue(again.err().contains("fetch: 2 inputs: 0 fetched, 2 already cached"), again.err());
    assertEquals(1, requests(server).size());
  }

  @Test
  void offlineSendsNoRequest() {
    server.stubFor(get(anyUrl()).willReturn(found(CrashIds.text(5))));
    CliRunner.Outcome outcome = fetch("", Map.of(), "--offline", CrashIds.text(5));
    assertEquals(3, outcome.status());
    assertTrue(outcome.err().contains("\n  1 not in the cache (offline)\n"), outcome.err());
    assertFalse(outcome.err().contains("not in the cache: not in the cache"), outcome.err());
    assertEquals(0, requests(server).size());
  }

  @Test
  void aRefusedTokenStopsRequestsButEveryIdIsAccountedForAndTheTokenIsNeverShown() throws Exception {
    String secret = "token-that-must-not-leak";
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withBody("{\"error\": \"API Token not matched\"}")));
    StringBuilder ids = new StringBuilder();
    for (int i = 10; i < 30; i++) {
      ids.append(CrashIds.text(i)).append('\n');
    }
    CliRunner.Outcome outcome = fetch(ids.toString(), Map.of("SOCORRO_API_TOKEN", secret), "--jobs=1");
    assertEquals(3, outcome.status());
    assertTrue(outcome.err().contains("fetch: 20 inputs: 0 fetched, 0 already cached, 1 access denied, 19 not fetched"), outcome.err());
    assertTrue(outcome.err().contains("it is wrong, expired or not active"), outcome.err());
    assertEquals(1, requests(server).size());
    assertEquals(secret, requests(server).get(0).getHeader("Auth-Token"));
    assertFalse(outcome.err().contains(secret));
    assertFalse(outcome.out().contains(secret));
  }

  @Test
  void pathTraversalIdsNeverTouchTheFileSystem() throws Exception {
    CliRunner.Outcome outcome = fetch("../../../etc/passwd\n..%2F..%2Fx\n", Map.of(), "--offline");
    assertEquals(3, outcome.status());
    assertTrue(outcome.err().contains("2 invalid"), outcome.err());
    assertFalse(Files.exists(cache.resolve("processed_crash")));
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    CliRunner.Outcome outcome = fetch("", Map.of(), "--offline", "--refresh", CrashIds.text(1));
    assertEquals(2, outcome.status());
    assertEquals("fetch: --offline and --refresh cannot be used together\n", outcome.err());
    CliRunner.Outcome remote =
        CliRunner.run("", Map.of("CRASHSTATS_API_TOKEN", "abc"), "fetch", "--api-url=http://crash-stats.example/api", CrashIds.text(1));
    assertEquals(2, remote.status());
    assertTrue(remote.err().startsWith("fetch: refusing to send the API token over plain HTTP"), remote.err());
  }

  @Test
  void aCacheThatCannotBeWrittenFailsTheRunAndListsEveryCrashNotCached() throws Exception {
    String first = CrashIds.text(40);
    String second = CrashIds.text(41);
    server.stubFor(crash(first).willReturn(found(first)));
    server.stubFor(crash(second).willReturn(found(second)));
    Files.writeString(cache.resolve("processed_crash"), "a file where the crash folder goes");
    CliRunner.Outcome outcome = fetch("", Map.of(), first, second);
    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("fetch: 2 inputs: 0 fetched, 0 already cached, 2 could not be cached"), outcome.err());
    assertTrue(outcome.err().contains("  could not be cached " + first + " (argument 1): cannot write to the cache (FileAlreadyExistsException on processed_crash)"), outcome.err());
    assertTrue(outcome.err().contains("  could not be cached " + second + " (argument 2): "), outcome.err());
  }

  @Test
  @Timeout(30)
  void anUnreachableApiIsSaidInOneLineAndEveryIdIsListedAsNotFetched() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    StringBuilder ids = new StringBuilder();
    for (int i = 50; i < 80; i++) {
      ids.append(CrashIds.text(i)).append('\n');
    }
    long start = System.nanoTime();
    CliRunner.Outcome outcome = CliRunner.run(ids.toString(), Map.of(),
        "fetch", "--api-url=http://127.0.0.1:" + port + "/api", "--cache-dir=" + cache, "--rate=0", "--retries=4", "--retry-delay=500");
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "gave up within seconds");
    assertEquals(3, outcome.status(), outcome.err());
    String reason = "cannot reach the API (cannot connect to 127.0.0.1:" + port + "); stopped before any request was answered";
    assertTrue(outcome.err().startsWith("fetch: " + reason + "\n"), outcome.err());
    assertTrue(outcome.err().contains("fetch: 30 inputs: 0 fetched, 0 already cached, 30 not fetched"), outcome.err());
    assertTrue(outcome.err().contains("  30 not fetched: " + reason), outcome.err());
    assertTrue(outcome.err().contains("  not fetched " + CrashIds.text(79) + " (line 30): " + reason), outcome.err());
  }

  @Test
  void maxCrashBytesBoundsEachCrashAndTheRunGoesOn() {
    String big = CrashIds.text(60);
    String small = CrashIds.text(61);
    server.stubFor(crash(big).willReturn(aResponse().withStatus(200).withBody(CrashStatsStub.processedCrash(big) + " ".repeat(5000))));
    server.stubFor(crash(small).willReturn(found(small)));
    CliRunner.Outcome outcome = fetch("", Map.of(), "--max-crash-bytes=4k", big, small);
    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("fetch: 2 inputs: 1 fetched, 0 already cached, 1 failed"), outcome.err());
    assertTrue(outcome.err().contains("  failed " + big + " (argument 1): the response is larger than the limit of 4096 bytes"), outcome.err());
  }

  @Test
  void aBadMaxCrashBytesIsAUsageError() {
    for (String bad : new String[] {"lots", "0", "512", "2G", "-1"}) {
      CliRunner.Outcome outcome = fetch("", Map.of(), "--max-crash-bytes=" + bad, CrashIds.text(1));
      assertEquals(2, outcome.status(), bad + ": " + outcome.err());
      assertTrue(outcome.err().startsWith("fetch: --max-crash-bytes must be "), outcome.err());
      assertEquals(1, outcome.err().lines().count(), outcome.err());
    }
    assertEquals(0, requests(server).size());
  }
}
