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

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;

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
      assertEquals(FailureKind.ACCESS_DENIED, second.kind());
      assertEquals(
          "the API token was refused (HTTP 403: 'API Token not matched'): it is wrong, expired or not active",
          first.reason());
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
      assertEquals("response is not a JSON object (3 attempts)", failed.reason());
    }
  }

  @Test
  void anHtmlErrorPageIsNotACrash() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html><body>Oops</body></html>")));
    try (CrashStatsClient client = client()) {
      Failed failed = assertInstanceOf(Failed.class, client.get(ID));
      assertEquals("response is not a JSON object (3 attempts)", failed.reason());
    }
  }

  @Test
  void boundsConcurrentRequests() throws Exception {
    server.stubFor(get(anyUrl()).willReturn(found(ID.value()).withFixedDelay(200)));
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
    server.stubFor(get(anyUrl()).willReturn(found(ID.value())));
    double perMinute = 1200;
    int count = 11;
    try (CrashStatsClient client = client(Optional.empty(), perMinute, 8, Duration.ofSeconds(5))) {
      for (int i = 0; i < count; i++) {
        assertInstanceOf(Found.class, client.get(CrashIds.id(i)));
      }
    }
    List<LoggedRequest> log = requests(server);
    long span = log.get(count - 1).getLoggedDate().getTime() - log.get(0).getLoggedDate().getTime();
    assertTrue(span >= (count - 1) * 60_000 / perMinute, "requests came too fast: " + span + " ms");
    assertNull(log.get(0).getHeader("Auth-Token"));
  }
}
