package org.siggendiff.crashstats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.RawHttpServer;

class CrashStatsClientTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();

  private static final CrashId ID = CrashIds.id(1);
  private static final String SECRET = "f00dfacecafe1234";

  private CrashStatsClient client(Optional<ApiToken> token, double rate, int concurrency, Duration timeout) {
    HttpUrl url = HttpUrl.get(CrashStatsStub.apiUrl(server) + "/");
    return new CrashStatsClient(
        new CrashStatsClient.Settings(url, token, rate, concurrency, timeout, 3, Duration.ofMillis(10)));
  }

  private CrashStatsClient client() {
    return client(Optional.empty(), 0, 8, Duration.ofSeconds(5));
  }

  private static void stubSequence(String crashId, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
    String state = Scenario.STARTED;
    for (int i = 0; i < answers.length; i++) {
      String next = i == answers.length - 1 ? state : "answer " + (i + 1);
      server.stubFor(crash(crashId).inScenario("sequence").whenScenarioStateIs(state).willReturn(answers[i]).willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void fetchesAProcessedCrashWithUserAgentAndNoTokenWhenNoneIsConfigured() {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    try (CrashStatsClient client = client()) {
      Found found = assertInstanceOf(Found.class, client.get(ID));
      assertEquals(ID.value(), found.processedCrash().get("uuid").asText());
      assertEquals(Origin.API, found.origin());
    }
    LoggedRequest request = requests(server).get(0);
    assertTrue(request.getHeader("User-Agent").startsWith("siggen-diff/"), request.getHeader("User-Agent"));
    assertFalse(request.containsHeader("Auth-Token"));
  }

  @Test
  void sendsTheTokenHeaderWhenConfigured() {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    try (CrashStatsClient client = client(Optional.of(new ApiToken(SECRET)), 0, 8, Duration.ofSeconds(5))) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertEquals(SECRET, requests(server).get(0).getHeader("Auth-Token"));
  }

  /** The HTTP client is made by the first request; a client never asked closes all the same. */
  @Test
  void aClientThatSentNoRequestClosesAndOneClosedAfterARequestToo() {
    client().close();
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    CrashStatsClient used = client();
    assertInstanceOf(Found.class, used.get(ID));
    used.close();
    assertEquals(1, requests(server).size());
  }

  @Test
  void refusesToSendTheTokenOverPlainHttpToARemoteHost() {
    var settings =
        CrashStatsClient.Settings.defaults(HttpUrl.get("http://crash-stats.example/api/"), Optional.of(new ApiToken(SECRET)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CrashStatsClient(settings));
    assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
    assertFalse(settings.toString().contains(SECRET));
  }

  @Test
  void knowsLoopbackHostsWithoutResolvingNames() {
    assertTrue(CrashStatsClient.isLoopback("localhost"));
    assertTrue(CrashStatsClient.isLoopback("127.0.0.1"));
    assertTrue(CrashStatsClient.isLoopback("127.8.9.10"));
    assertTrue(CrashStatsClient.isLoopback("::1"));
    assertFalse(CrashStatsClient.isLoopback("127.0.0.1.example.com"));
    assertFalse(CrashStatsClient.isLoopback("10.0.0.1"));
  }

  @Test
  void notFoundIsNotRetried() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(404).withBody("{\"error\": \"Not found: x\"}")));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals(FailureKind.NOT_FOUND, failed.kind());
    }
    assertEquals(1, requests(server).size());
  }

  @Test
  void aRefusedTokenStopsAllFurtherRequests() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withBody("{\"error\": \"API Token not matched\"}")));
    try (CrashStatsClient client = client(Optional.of(new ApiToken(SECRET)), 0, 8, Duration.ofSeconds(5))) {
      Failed first = assertInstanceOf(Failed.class, client.get(CrashIds.id(1)));
      Failed second = assertInstanceOf(Failed.class, client.get(CrashIds.id(2)));
      assertEquals(FailureKind.ACCESS_DENIED, first.kind());
      assertEquals(FailureKind.NOT_FETCHED, second.kind(), "never asked for, so not refused");
      assertEquals(
          "the API token was refused (HTTP 403: 'API Token not matched'): it is wrong, expired or not active",
          first.reason());
      assertEquals(first.reason(), second.reason());
    }
    assertEquals(1, requests(server).size());
  }

  @Test
  void retriesAfterTooManyRequests() {
    stubSequence(ID.value(), aResponse().withStatus(429).withBody("Too Many Requests"), found(ID.value()));
    try (CrashStatsClient client = client()) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertEquals(2, requests(server).size());
  }

  @Test
  void honoursRetryAfterWhenTheServerSendsIt() {
    stubSequence(ID.value(), aResponse().withStatus(429).withHeader("Retry-After", "1"), found(ID.value()));
    long start = System.nanoTime();
    try (CrashStatsClient client = client()) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertTrue(System.nanoTime() - start >= 950_000_000L, "waited as asked");
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    stubSequence(ID.value(), aResponse().withStatus(500), aResponse().withStatus(503).withBody("<html>busy</html>"), found(ID.value()));
    try (CrashStatsClient client = client()) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertEquals(3, requests(server).size());
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheReason() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(500)));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals(FailureKind.FAILED, failed.kind());
      assertEquals("HTTP 500 (3 attempts)", failed.reason());
    }
    assertEquals(3, requests(server).size());
  }

  @Test
  void retriesASlowAnswerThatTimesOut() {
    stubSequence(ID.value(), found(ID.value()).withFixedDelay(2_000), found(ID.value()));
    try (CrashStatsClient client = client(Optional.empty(), 0, 8, Duration.ofMillis(300))) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertEquals(2, requests(server).size());
  }

  @Test
  void retriesATruncatedBody() {
    String whole = CrashStatsStub.processedCrash(ID.value());
    stubSequence(ID.value(), aResponse().withStatus(200).withBody(whole.substring(0, whole.length() / 2)), found(ID.value()));
    try (CrashStatsClient client = client()) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertEquals(2, requests(server).size());
  }

  @Test
  void aBrokenConnectionIsRetriedAndThenReported() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals(FailureKind.FAILED, failed.kind());
      assertTrue(failed.reason().endsWith("(3 attempts)"), failed.reason());
    }
  }

  @Test
  void aBodyBrokenWhereGenerationDoesNotLookIsStillRefused() {
    String broken = "{\"uuid\": \"" + ID.value() + "\", \"json_dump\": {\"modules\": [{\"filename\": tru}]}}";
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withBody(broken)));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("response is not valid JSON (3 attempts)", failed.reason());
    }
  }

  @Test
  void anHtmlErrorPageIsNotACrash() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html><body>Oops</body></html>")));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("response is not valid JSON (3 attempts)", failed.reason());
    }
  }

  @Test
  void aBodyNestedTooDeepOrNotUtf8WhereGenerationDoesNotLookIsRefusedSayingSo() {
    String deep = "{\"uuid\": \"" + ID.value() + "\", \"json_dump\": {\"modules\": " + "[".repeat(1_000) + "]".repeat(1_000) + "}}";
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withBody(deep)));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("response has nesting deeper than 995 levels (Python's json.loads raises RecursionError)", failed.reason());
    }
    byte[] notUtf8 = ("{\"uuid\": \"" + ID.value() + "\", \"json_dump\": {\"modules\": [\"\u00ff\"]}}").getBytes(StandardCharsets.ISO_8859_1);
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withBody(notUtf8)));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("response is not valid UTF-8", failed.reason());
    }
    assertEquals(2, requests(server).size(), "neither asked for again");
  }

  @Test
  void boundsConcurrentRequests() throws Exception {
    for (int i = 0; i < 12; i++) {
      server.stubFor(crash(CrashIds.text(i)).willReturn(found(CrashIds.text(i)).withFixedDelay(200)));
    }
    int bound = 3;
    try (CrashStatsClient client = client(Optional.empty(), 0, bound, Duration.ofSeconds(10))) {
      ExecutorService callers = Executors.newFixedThreadPool(12);
      List<Future<CrashResult>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        CrashId id = CrashIds.id(i);
        results.add(callers.submit(() -> client.get(id)));
      }
      for (Future<CrashResult> result : results) {
        assertInstanceOf(Found.class, result.get());
      }
      callers.shutdown();
    }
    List<Long> arrivals = requests(server).stream().map(r -> r.getLoggedDate().getTime()).toList();
    // A request can only start when one of the `bound` before it has had its 200 ms answer.
    for (int i = bound; i < arrivals.size(); i++) {
      assertTrue(arrivals.get(i) - arrivals.get(i - bound) >= 180, "more than " + bound + " requests at once: " + arrivals);
    }
    assertTrue(arrivals.get(arrivals.size() - 1) - arrivals.get(0) < 12 * 200 / 2, "requests ran in parallel");
  }

  @Test
  void spacesRequestsToTheRateLimit() {
    double perMinute = 1200;
    int count = 11;
    for (int i = 0; i < count; i++) {
      server.stubFor(crash(CrashIds.text(i)).willReturn(found(CrashIds.text(i))));
    }
    long start = System.nanoTime();
    try (CrashStatsClient client = client(Optional.empty(), perMinute, 8, Duration.ofSeconds(5))) {
      for (int i = 0; i < count; i++) {
        assertInstanceOf(Found.class, client.get(CrashIds.id(i)));
      }
    }
    // Timed where the requests leave, not by the server's arrival log: a first request slowed
    // by opening the connection arrives late and shortens that span on a busy machine.
    long span = (System.nanoTime() - start) / 1_000_000;
    assertTrue(span >= (count - 1) * 60_000 / perMinute, "requests came too fast: " + span + " ms");
    List<LoggedRequest> log = requests(server);
    assertEquals(count, log.size());
    assertNull(log.get(0).getHeader("Auth-Token"));
  }

  // Item 3: only the crash asked for is ever given out (and so cached).

  @Test
  void anErrorObjectAnsweredWith200IsAFailureNotACrash() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withBody("{\"error\": \"Not found: x\"}")));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals(FailureKind.FAILED, failed.kind());
      assertEquals("the answer is an error, not a crash: 'Not found: x' (3 attempts)", failed.reason());
    }
  }

  @Test
  void anAnswerThatIsAnotherCrashIsAFailure() {
    server.stubFor(crash(ID.value()).willReturn(found(CrashIds.text(99))));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("the answer is another crash (its uuid is not the crash ID asked for) (3 attempts)", failed.reason());
    }
  }

  // Item 8: bodies are bounded, on the wire and decompressed.

  private static CrashStatsClient.Settings settings(String apiUrl) {
    return new CrashStatsClient.Settings(HttpUrl.get(apiUrl), Optional.empty(), 0, 8, Duration.ofSeconds(10), 3, Duration.ofMillis(10));
  }

  @Test
  @Timeout(20)
  void aBodyOverTheLimitFailsThatCrashAtOnceWithTheReason() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withBody(" ".repeat(300_000) + CrashStatsStub.processedCrash(ID.value()))));
    try (CrashStatsClient client = new CrashStatsClient(settings(CrashStatsStub.apiUrl(server) + "/").withMaxCrashBytes(100_000))) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals(FailureKind.FAILED, failed.kind());
      assertEquals("the response is larger than the limit of 100000 bytes", failed.reason());
    }
    assertEquals(1, requests(server).size(), "a body too large is not fetched again");
  }

  @Test
  @Timeout(20)
  void anEndlessBodyIsCutAtTheLimit() throws Exception {
    byte[] chunk = ("4000\r\n" + " ".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    RawHttpServer.Handler endless = out -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write(chunk);
      }
    };
    try (RawHttpServer raw = new RawHttpServer(endless);
        CrashStatsClient client = new CrashStatsClient(settings(raw.apiUrl()).withMaxCrashBytes(1 << 20))) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("the response is larger than the limit of 1048576 bytes (1 MiB)", failed.reason());
      assertEquals(1, raw.requests());
    }
  }

  @Test
  @Timeout(30)
  void aGzipBombIsCutAtTheLimitOnceDecompressed() throws Exception {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
      byte[] spaces = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 64; i++) {
        gzip.write(spaces);
      }
    }
    byte[] bomb = packed.toByteArray();
    assertTrue(bomb.length < 1 << 20, "64 MB packed into " + bomb.length + " bytes");
    RawHttpServer.Handler answer = out -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(bomb);
    };
    try (RawHttpServer raw = new RawHttpServer(answer);
        CrashStatsClient client = new CrashStatsClient(settings(raw.apiUrl()).withMaxCrashBytes(2 << 20))) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("the response is larger than the limit of 2097152 bytes (2 MiB)", failed.reason());
    }
  }

  // Item 12: waits are bounded per crash, announced, and a storm stops the run.

  private static CrashStatsClient.Patience patience(int stallAfter, int unreachable) {
    return new CrashStatsClient.Patience(Duration.ofSeconds(30), stallAfter, Duration.ofMillis(300), unreachable);
  }

  @Test
  @Timeout(20)
  void aRetryAfterBeyondTheWaitAllowedPerCrashFailsThatCrashAtOnce() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "999999999")));
    long start = System.nanoTime();
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals(FailureKind.FAILED, failed.kind());
      assertEquals("rate limited (HTTP 429): the API asks for waits of more than 5 min in all", failed.reason());
    }
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "did not wait");
    assertEquals(1, requests(server).size());
  }

  @Test
  @Timeout(20)
  void aRetryAfterWithLeadingZerosIsTheSecondsItSays() {
    stubSequence(ID.value(), aResponse().withStatus(429).withHeader("Retry-After", "00000000000001"), found(ID.value()));
    long start = System.nanoTime();
    try (CrashStatsClient client = client()) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waited >= 950 && waited < 10_000, waited + " ms");
  }

  @Test
  @Timeout(20)
  void aRetryAfterOfMoreSecondsThanALongHoldsIsStillBeyondTheWaitAllowed() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "99999999999999999999999")));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("rate limited (HTTP 429): the API asks for waits of more than 5 min in all", failed.reason());
    }
    assertEquals(1, requests(server).size());
  }

  @Test
  @Timeout(20)
  void saysWhenEveryRequestWaitsAndUntilWhen() {
    stubSequence(ID.value(), aResponse().withStatus(429).withHeader("Retry-After", "1"), found(ID.value()));
    List<String> said = new CopyOnWriteArrayList<>();
    try (CrashStatsClient client = new CrashStatsClient(settings(CrashStatsStub.apiUrl(server) + "/"), said::add)) {
      assertInstanceOf(Found.class, client.get(ID));
    }
    assertEquals(1, said.size(), said.toString());
    assertTrue(said.get(0).matches("the API is rate limiting \\(HTTP 429\\); all requests wait 1 s, until \\d\\d:\\d\\d:\\d\\d"), said.get(0));
  }

  @Test
  @Timeout(30)
  void aRateLimitStormPausesEveryRequestOnceThenStopsAndTheRestAreNotFetched() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)));
    List<String> said = new CopyOnWriteArrayList<>();
    List<CrashResult> results = new ArrayList<>();
    try (CrashStatsClient client = new CrashStatsClient(settings(CrashStatsStub.apiUrl(server) + "/").withPatience(patience(4, 3)), said::add)) {
      for (int i = 0; i < 20; i++) {
        results.add(client.get(CrashIds.id(i)));
      }
    }
    assertEquals(8, requests(server).size(), "4 before the pause, 4 after, then none");
    for (CrashResult result : results) {
      Failed failed = assertInstanceOf(Failed.class, result);
      assertEquals(FailureKind.NOT_FETCHED, failed.kind(), failed.reason());
      assertEquals("4 requests in a row failed again after a pause (last: rate limited (HTTP 429)); stopped", failed.reason());
    }
    assertEquals(2, said.size(), said.toString());
    assertTrue(said.get(0).startsWith("4 requests in a row failed (last: rate limited (HTTP 429)); pausing all requests for 300 ms, until "), said.get(0));
  }

  @Test
  @Timeout(30)
  void aSuccessBetweenFailuresKeepsTheRunGoing() {
    stubSequence(ID.value(), aResponse().withStatus(503), aResponse().withStatus(503), found(ID.value()));
    try (CrashStatsClient client = new CrashStatsClient(settings(CrashStatsStub.apiUrl(server) + "/").withPatience(patience(2, 3)))) {
      // Two failures in a row pause everyone once; the success that follows clears the count.
      assertInstanceOf(Found.class, client.get(ID));
      server.resetAll();
      stubSequence(ID.value(), aResponse().withStatus(503), aResponse().withStatus(503), found(ID.value()));
      assertInstanceOf(Found.class, client.get(ID));
    }
  }

  // Item 13: an API that cannot be reached is given up on at once.

  @Test
  @Timeout(30)
  void aClosedPortStopsTheRunAfterTheFirstAttemptsAndEveryIdIsNotFetched() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    List<String> said = new CopyOnWriteArrayList<>();
    List<CrashResult> results = new ArrayList<>();
    long start = System.nanoTime();
    var settings = new CrashStatsClient.Settings(
        HttpUrl.get("http://127.0.0.1:" + port + "/api/"), Optional.empty(), 0, 8, Duration.ofSeconds(10), 5, Duration.ofMillis(500));
    try (CrashStatsClient client = new CrashStatsClient(settings, said::add)) {
      for (int i = 0; i < 50; i++) {
        results.add(client.get(CrashIds.id(i)));
      }
    }
    String reason = "cannot reach the API (cannot connect to 127.0.0.1:" + port + "); stopped before any request was answered";
    for (CrashResult result : results) {
      Failed failed = assertInstanceOf(Failed.class, result);
      assertEquals(FailureKind.NOT_FETCHED, failed.kind());
      assertEquals(reason, failed.reason());
    }
    assertEquals(List.of(reason), said);
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "stopped within seconds, not after 5 attempts per crash");
  }

  @Test
  @Timeout(30)
  void anUnresolvableHostStopsTheRunAfterTheFirstAttempts() {
    var settings = new CrashStatsClient.Settings(
        HttpUrl.get("http://nonexistent.invalid/api/"), Optional.empty(), 0, 8, Duration.ofSeconds(10), 5, Duration.ofMillis(500));
    try (CrashStatsClient client = new CrashStatsClient(settings)) {
      for (int i = 0; i < 20; i++) {
        Failed failed = assertInstanceOf(Failed.class, client.get(CrashIds.id(i)));
        assertEquals(FailureKind.NOT_FETCHED, failed.kind());
        assertEquals("cannot reach the API (cannot resolve the host name nonexistent.invalid); stopped before any request was answered", failed.reason());
      }
    }
  }

  @Test
  @Timeout(60)
  void aCertificateTheJdkDoesNotTrustOrNoTlsAtAllStopsTheRunSayingWhy() {
    WireMockServer https = new WireMockServer(WireMockConfiguration.options().dynamicHttpsPort().bindAddress("127.0.0.1"));
    https.start();
    try {
      https.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
      String untrusted = "https://127.0.0.1:" + https.httpsPort() + "/api/";
      String plainHttp = "https://127.0.0.1:" + server.getPort() + "/api/";
      for (String url : List.of(untrusted, plainHttp)) {
        var settings = new CrashStatsClient.Settings(HttpUrl.get(url), Optional.empty(), 0, 1, Duration.ofSeconds(10), 5, Duration.ofMillis(10));
        try (CrashStatsClient client = new CrashStatsClient(settings)) {
          Failed failed = assertInstanceOf(Failed.class, client.get(CrashIds.id(1)));
          assertEquals(FailureKind.NOT_FETCHED, failed.kind(), url);
          String port = url.substring("https://127.0.0.1:".length(), url.indexOf("/api/"));
          assertEquals("cannot reach the API (cannot make a TLS connection to 127.0.0.1:" + port + ": "
              + (url.equals(untrusted)
                  ? "its certificate is not trusted (behind a TLS-inspecting proxy, add the proxy's certificate to the JDK's trust store)"
                  : "the TLS handshake failed (is it an https:// URL for a server that speaks plain HTTP?)")
              + "); stopped before any request was answered", failed.reason());
        }
      }
    } finally {
      https.stop();
    }
  }
}
