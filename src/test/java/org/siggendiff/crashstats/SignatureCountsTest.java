package org.siggendiff.crashstats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.SuperSearchStub;

@Timeout(30)
class SignatureCountsTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  private static final Instant NOW = Instant.parse("2026-11-20T10:15:30.500Z");

  private CrashStatsClient client() {
    return new CrashStatsClient(new CrashStatsClient.Settings(
        HttpUrl.get(CrashStatsStub.apiUrl(server) + "/"), Optional.empty(), 0, 2, Duration.ofSeconds(5), 1, Duration.ofMillis(5)));
  }

  @Test
  void oneFacetedSearchCountsABatchOfExactSignatures() throws InterruptedException {
    Map<String, Long> facet = new LinkedHashMap<>();
    facet.put("OOM | small", 41234L);
    facet.put("mozilla::dom::Foo | js::Bar", 7L);
    server.stubFor(SuperSearchStub.search().willReturn(okJson(SuperSearchStub.answer(List.of(), 41241, facet))));
    List<String> signatures = List.of("OOM | small", "mozilla::dom::Foo | js::Bar", "never::Seen");
    SignatureCounts.Result result;
    try (CrashStatsClient client = client()) {
      result = new SignatureCounts(client).count(signatures, NOW, 7);
    }
    assertEquals(Map.of("OOM | small", 41234L, "mozilla::dom::Foo | js::Bar", 7L, "never::Seen", 0L), result.counts());
    assertEquals(List.of("OOM | small", "mozilla::dom::Foo | js::Bar", "never::Seen"), List.copyOf(result.counts().keySet()));
    assertTrue(result.problem().isEmpty());
    List<LoggedRequest> searches = SuperSearchStub.searches(server);
    assertEquals(1, searches.size());
    LoggedRequest search = searches.get(0);
    assertEquals(List.of("=OOM | small", "=mozilla::dom::Foo | js::Bar", "=never::Seen"), SuperSearchStub.values(search, "signature"));
    assertEquals(List.of(">=2026-11-13T10:15:30Z", "<2026-11-20T10:15:30Z"), SuperSearchStub.values(search, "date"));
    assertEquals(List.of("0"), SuperSearchStub.values(search, "_results_number"));
    assertEquals(List.of("signature"), SuperSearchStub.values(search, "_facets"));
    assertEquals(List.of("3"), SuperSearchStub.values(search, "_facets_size"));
  }

  @Test
  void signaturesGoInBatchesOfFiftyAndAFailedBatchIsNamed() throws InterruptedException {
    server.stubFor(SuperSearchStub.search().willReturn(aResponse().withStatus(400).withBody("{\"errors\": {\"signature\": [\"bad\"]}}")));
    List<String> signatures = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      signatures.add("sig" + i);
    }
    SignatureCounts.Result result;
    try (CrashStatsClient client = client()) {
      result = new SignatureCounts(client).count(signatures, NOW, 1);
    }
    assertEquals(3, result.requests());
    assertEquals(List.of(50, 50, 20), SuperSearchStub.searches(server).stream().map(r -> SuperSearchStub.values(r, "signature").size()).toList());
    assertEquals(120, result.notCounted().size());
    assertTrue(result.counts().isEmpty());
    assertEquals("Super Search rejected the query (HTTP 400): signature: bad", result.problem().orElseThrow().message());
  }

  @Test
  void longSignaturesMakeSmallerBatches() {
    List<String> signatures = List.of("a".repeat(3000), "b".repeat(3000), "c");
    assertEquals(2, SignatureCounts.batches(signatures).size());
  }
}
