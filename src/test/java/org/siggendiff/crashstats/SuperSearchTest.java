package org.siggendiff.crashstats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.SuperSearchStub.answer;
import static org.siggendiff.testing.SuperSearchStub.ids;
import static org.siggendiff.testing.SuperSearchStub.search;
import static org.siggendiff.testing.SuperSearchStub.searches;
import static org.siggendiff.testing.SuperSearchStub.values;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.siggendiff.crashstats.SuperSearch.Bucket;
import org.siggendiff.crashstats.SuperSearch.Share;
import org.siggendiff.crashstats.SuperSearchQuery.Filter;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;

class SuperSearchTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();

  private CrashStatsClient client;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void client() {
    client = new CrashStatsClient(new CrashStatsClient.Settings(
        HttpUrl.get(CrashStatsStub.apiUrl(server) + "/"), Optional.empty(), 0, 4, Duration.ofSeconds(10), 3, Duration.ofMillis(5)));
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** What a search told its listener. */
  private static final class Recorder implements SuperSearch.Listener {
    final List<String> found = new ArrayList<>();
    long matched = -1;
    int planned = -1;

    @Override
    public void planned(long matched, int planned) {
      this.matched = matched;
      this.planned = planned;
    }

    @Override
    public void found(CrashId id) {
      found.add(id.value());
    }
  }

  private static final SuperSearchQuery FIREFOX = new SuperSearchQuery(List.of(new Filter("product", "Firefox")));

  @Test
  void pagesThroughTheNewestAndStopsAtTheTenThousandCap() throws InterruptedException {
    for (int page = 0; page < 10; page++) {
      server.stubFor(search().withQueryParam("_results_offset", equalTo(Integer.toString(page * 1000)))
          .willReturn(okJson(answer(ids(page * 1000, 1000), 25_000))));
    }

    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, SuperSearch.MAX_RESULTS, recorder);

    assertEquals(25_000, outcome.matched());
    assertEquals(10_000, outcome.found());
    assertEquals(ids(0, 10_000), recorder.found);
    assertEquals(10_000, recorder.planned);
    List<LoggedRequest> requests = searches(server);
    assertEquals(10, requests.size());
    for (int page = 0; page < 10; page++) {
      LoggedRequest request = requests.get(page);
      assertEquals(List.of(Integer.toString(page * 1000)), values(request, "_results_offset"));
      assertEquals(List.of("1000"), values(request, "_results_number"));
      assertEquals(List.of("uuid"), values(request, "_columns"));
      assertEquals(List.of("-date"), values(request, "_sort"));
      assertEquals(List.of("Firefox"), values(request, "product"));
    }
  }

  @Test
  void asksOnlyForWhatIsLeftWhenFewerCrashesMatch() throws InterruptedException {
    server.stubFor(search().withQueryParam("_results_offset", equalTo("0")).willReturn(okJson(answer(ids(0, 1000), 1200))));
    server.stubFor(search().withQueryParam("_results_offset", equalTo("1000")).willReturn(okJson(answer(ids(1000, 200), 1200))));

    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, 2500, recorder);

    assertEquals(1200, outcome.found());
    assertEquals(1200, recorder.planned);
    List<LoggedRequest> requests = searches(server);
    assertEquals(2, requests.size());
    assertEquals(List.of("200"), values(requests.get(1), "_results_number"));
  }

  @Test
  void skipsRepeatedAndInvalidHitsAndCountsThem() throws InterruptedException {
    List<String> hits = new ArrayList<>(ids(0, 3));
    hits.add(CrashIds.text(1));
    hits.add("not-a-crash\u001b[2J");
    server.stubFor(search().willReturn(okJson(answer(hits, 5))));

    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, 100, recorder);

    assertEquals(ids(0, 3), recorder.found);
    assertEquals(1, outcome.duplicates());
    assertEquals(1, outcome.invalid());
    assertEquals(List.of("'not-a-crash\\x1b[2J'"), outcome.invalidExamples());
  }

  @Test
  void sharesAreEvenAndAFullSignaturePassesItsShareOn() {
    List<Bucket> buckets = List.of(new Bucket("big", 100), new Bucket("small", 3), new Bucket("single", 1));

    assertEquals(List.of(new Share("big", 6), new Share("small", 3), new Share("single", 1)), SuperSearch.shares(buckets, 10));
    assertEquals(List.of(new Share("big", 1), new Share("small", 1)), SuperSearch.shares(buckets, 2));
    assertEquals(List.of(new Share("big", 100), new Share("small", 3), new Share("single", 1)), SuperSearch.shares(buckets, 500));
  }

  @Test
  void sampleSpreadsOverTheSignatureFacetAndSearchesEachSignatureExactly() throws InterruptedException {
    Map<String, Long> facet = new LinkedHashMap<>();
    facet.put("OOM | small", 500L);
    facet.put("js::Foo | operator+", 2L);
    facet.put("mozilla::Bar", 1L);
    server.stubFor(search().withQueryParam("_facets", equalTo("signature")).willReturn(okJson(answer(List.of(), 503, facet))));
    server.stubFor(search().withQueryParam("signature", equalTo("=OOM | small")).willReturn(okJson(answer(ids(0, 5), 500))));
    server.stubFor(search().withQueryParam("signature", equalTo("=js::Foo | operator+")).willReturn(okJson(answer(ids(100, 2), 2))));
    server.stubFor(search().withQueryParam("signature", equalTo("=mozilla::Bar")).willReturn(okJson(answer(ids(200, 1), 1))));
    SuperSearchQuery query = FIREFOX.replacing("signature", List.of("~o", "!~Bar"));

    SuperSearch.Outcome outcome = new SuperSearch(client).sample(query, 8, recorder);

    assertEquals(3, outcome.signatures());
    assertEquals(503, outcome.matched());
    assertEquals(8, recorder.planned);
    List<String> expected = new ArrayList<>(ids(0, 5));
    expected.addAll(ids(100, 2));
    expected.addAll(ids(200, 1));
    assertEquals(expected, recorder.found);
    List<LoggedRequest> requests = searches(server);
    LoggedRequest facetRequest = requests.get(0);
    assertEquals(List.of("0"), values(facetRequest, "_results_number"));
    assertEquals(List.of("8"), values(facetRequest, "_facets_size"));
    assertEquals(List.of("~o", "!~Bar"), values(facetRequest, "signature"));
    LoggedRequest oomRequest = requests.stream()
        .filter(request -> values(request, "signature").equals(List.of("=OOM | small"))).findFirst().orElseThrow();
    assertEquals(List.of("5"), values(oomRequest, "_results_number"));
    assertEquals(List.of("Firefox"), values(oomRequest, "product"));
    assertTrue(requests.stream().anyMatch(request -> request.getUrl().contains("operator%2B")), "a + in a signature is sent encoded");
  }

  @Test
  void rejectedQueryReportsWhatSuperSearchSaid() throws InterruptedException {
    server.stubFor(search().willReturn(aResponse().withStatus(400)
        .withBody("{\"errors\": {\"product\": [\"Select a valid choice.\", \"Again.\"], \"date\": [\"Bad\"]}}")));

    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, 10, recorder);

    SuperSearch.Problem problem = outcome.problem().orElseThrow();
    assertEquals(SuperSearch.Problem.Kind.REJECTED, problem.kind());
    assertEquals("Super Search rejected the query (HTTP 400): product: Select a valid choice., Again.; date: Bad", problem.message());
    assertEquals(1, searches(server).size());
  }

  @Test
  void accessDeniedStopsTheSearch() throws InterruptedException {
    server.stubFor(search().willReturn(aResponse().withStatus(403).withBody("{\"error\": \"nope\"}")));

    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, 10, recorder);

    assertEquals(SuperSearch.Problem.Kind.DENIED, outcome.problem().orElseThrow().kind());
    assertEquals("access denied (HTTP 403: 'nope')", outcome.problem().orElseThrow().message());
    assertEquals(-1, outcome.matched());
  }

  @Test
  void waitsOutARateLimitAndGoesOn() throws InterruptedException {
    server.stubFor(search().inScenario("limit").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
    server.stubFor(search().inScenario("limit").whenScenarioStateIs("open").willReturn(okJson(answer(ids(0, 2), 2))));

    long start = System.nanoTime();
    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, 10, recorder);

    assertTrue(outcome.problem().isEmpty(), outcome.toString());
    assertEquals(ids(0, 2), recorder.found);
    assertEquals(2, searches(server).size());
    assertTrue(System.nanoTime() - start >= 900_000_000L, "Retry-After was honoured");
  }

  @Test
  void anAnswerWithoutHitsIsRetriedThenReported() throws InterruptedException {
    server.stubFor(search().willReturn(okJson("{\"something\": \"else\"}")));

    SuperSearch.Outcome outcome = new SuperSearch(client).newest(FIREFOX, 10, recorder);

    assertEquals(
        "response is not a Super Search answer (no total and hits) (3 attempts)", outcome.problem().orElseThrow().message());
    assertEquals(3, searches(server).size());
  }
}
