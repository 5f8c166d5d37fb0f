package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.SuperSearchStub.answer;
import static org.siggendiff.testing.SuperSearchStub.ids;
import static org.siggendiff.testing.SuperSearchStub.search;
import static org.siggendiff.testing.SuperSearchStub.searches;
import static org.siggendiff.testing.SuperSearchStub.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.SuperSearchQuery;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.Fixtures;

class CrashIdsCommandTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path folder;

  private CliRunner.Outcome crashids(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(
        "crashids", "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--retries", "1", "--retry-delay", "5",
        "--corpora-dir", folder.resolve("corpora").toString()));
    all.addAll(List.of(args));
    return CliRunner.run("", env, all.toArray(String[]::new));
  }

  private CliRunner.Outcome crashids(String... args) {
    return crashids(Map.of(), args);
  }

  private static LoggedRequest onlySearch() {
    List<LoggedRequest> requests = searches(server);
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  @Test
  void anUnreachableApiIsSaidOnceAndTheListIsIncomplete() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    CliRunner.Outcome outcome = CliRunner.run("", Map.of(),
        "crashids", "--api-url", "http://127.0.0.1:" + port + "/api/", "--rate", "0", "--retry-delay", "5", "--num", "5");
    assertEquals(3, outcome.status(), outcome.err());
    assertEquals("crashids: cannot reach the API (cannot connect to 127.0.0.1:" + port + "); stopped before any request was answered\n"
        + "crashids: the list is incomplete (0 crash IDs)\n", outcome.err());
  }

  @Test
  void eachOptionSendsItsSuperSearchFilter() {
    server.stubFor(search().willReturn(okJson(answer(ids(0, 2), 2))));

    CliRunner.Outcome outcome = crashids(
        "--product", "Firefox", "--product", "Fenix", "--channel", "nightly", "--version", "130.0a1",
        "--platform", "Windows NT", "--signature-contains", "rlbox", "--signature-is", "OOM | small",
        "--proto-signature-contains", "wasm", "--filter", "cpu_arch=x86", "--filter", "moz_crash_reason=~MOZ_RELEASE_ASSERT(",
        "--from", "2026-11-01", "--to", "2026-11-08T12:00:00+01:00", "--num", "5");

    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(String.join("\n", ids(0, 2)) + "\n", outcome.out());
    LoggedRequest request = onlySearch();
    assertEquals(List.of("Firefox", "Fenix"), values(request, "product"));
    assertEquals(List.of("nightly"), values(request, "release_channel"));
    assertEquals(List.of("130.0a1"), values(request, "version"));
    assertEquals(List.of("Windows NT"), values(request, "platform"));
    assertEquals(List.of("~rlbox", "=OOM | small"), values(request, "signature"));
    assertEquals(List.of("~wasm"), values(request, "proto_signature"));
    assertEquals(List.of("x86"), values(request, "cpu_arch"));
    assertEquals(List.of("~MOZ_RELEASE_ASSERT("), values(request, "moz_crash_reason"));
    assertEquals(List.of(">=2026-11-01T00:00:00Z", "<2026-11-08T11:00:00Z"), values(request, "date"));
    assertEquals(List.of("5"), values(request, "_results_number"));
    assertTrue(outcome.err().contains(
        "crashids: 2 crash IDs, the newest of 2 matching crashes from 2026-11-01T00:00:00Z to 2026-11-08T11:00:00Z"), outcome.err());
  }

  @Test
  void aPastedUrlGivesTheFiltersAndAnOptionReplacesItsField() {
    server.stubFor(search().willReturn(okJson(answer(ids(0, 1), 1))));

    CliRunner.Outcome outcome = crashids(
        "--supersearch-url",
        "https://crash-stats.mozilla.org/search/?product=Firefox&signature=~shutdownhang+%7C&date=%3E%3D2026-10-01T00%3A00%3A00.000Z"
            + "&date=%3C2026-10-08T00%3A00%3A00.000Z&_facets=signature&_sort=-date&_columns=date#crash-reports",
        "--product", "Thunderbird");

    assertEquals(0, outcome.status(), outcome.err());
    LoggedRequest request = onlySearch();
    assertEquals(List.of("Thunderbird"), values(request, "product"));
    assertEquals(List.of("~shutdownhang |"), values(request, "signature"));
    assertEquals(List.of(">=2026-10-01T00:00:00.000Z", "<2026-10-08T00:00:00.000Z"), values(request, "date"));
    assertEquals(List.of("uuid"), values(request, "_columns"));
    assertEquals(List.of(), values(request, "_facets"));
    assertEquals(List.of("100"), values(request, "_results_number"));
  }

  @Test
  void withoutAWindowSearchesTheSevenDaysBeforeNow() {
    server.stubFor(search().willReturn(okJson(answer(List.of(), 0))));
    Instant before = Instant.now().minusSeconds(1);

    CliRunner.Outcome outcome = crashids("--product", "Firefox");

    assertEquals(0, outcome.status(), outcome.err());
    List<String> dates = values(onlySearch(), "date");
    assertEquals(2, dates.size());
    Instant to = SuperSearchQuery.parseDate(dates.get(0).substring(1)).orElseThrow();
    Instant from = SuperSearchQuery.parseDate(dates.get(1).substring(2)).orElseThrow();
    assertTrue(dates.get(0).startsWith("<") && dates.get(1).startsWith(">="), dates.toString());
    assertFalse(to.isBefore(before), to + " is now");
    assertEquals(Duration.ofDays(7), Duration.between(from, to));
    assertTrue(outcome.err().contains("crashids: 0 crash IDs, the newest of 0 matching crashes"), outcome.err());
  }

  @Test
  void sendsTheTokenToALoopbackApi() {
    server.stubFor(search().willReturn(okJson(answer(ids(0, 1), 1))));

    CliRunner.Outcome outcome = crashids(Map.of("SOCORRO_API_TOKEN", "s3cret"), "--days", "2");

    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("s3cret", onlySearch().getHeader("Auth-Token"));
    assertFalse(outcome.err().contains("s3cret"));
  }

  @Test
  void numAllSaysWhenTheQueryMatchesMoreThanItCanReturn() {
    for (int page = 0; page < 10; page++) {
      server.stubFor(search().withQueryParam("_results_offset", equalTo(Integer.toString(page * 1000)))
          .willReturn(okJson(answer(ids(page * 1000, 1000), 31_415))));
    }

    CliRunner.Outcome outcome = crashids("--num", "all");

    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(10_000, outcome.out().lines().count());
    assertEquals(10, searches(server).size());
    assertTrue(outcome.err().contains("crashids: the query matches 31415 crashes, more than the 10000 Super Search returns"
        + " for one query: narrow the window or the filters to reach the others"), outcome.err());
  }

  @Test
  void sampleSpreadsTheCrashesOverSignatures() {
    Map<String, Long> facet = new LinkedHashMap<>();
    facet.put("OOM | small", 900L);
    facet.put("shutdownhang | rlbox", 1L);
    server.stubFor(search().withQueryParam("_facets", equalTo("signature")).willReturn(okJson(answer(List.of(), 901, facet))));
    server.stubFor(search().withQueryParam("signature", equalTo("=OOM | small")).willReturn(okJson(answer(ids(0, 3), 900))));
    server.stubFor(search().withQueryParam("signature", equalTo("=shutdownhang | rlbox")).willReturn(okJson(answer(ids(50, 1), 1))));

    CliRunner.Outcome outcome = crashids("--sample", "4", "--product", "Firefox");

    assertEquals(0, outcome.status(), outcome.err());
    List<String> expected = new ArrayList<>(ids(0, 3));
    expected.add(ids(50, 1).get(0));
    assertEquals(expected, outcome.out().lines().toList());
    assertTrue(outcome.err().contains("crashids: 4 crash IDs sampled over 2 signatures of 901 matching crashes"), outcome.err());
  }

  @Test
  void aRejectedQueryIsAUsageError() {
    server.stubFor(search().willReturn(aResponse().withStatus(400)
        .withBody("{\"errors\": {\"release_channel\": [\"Select a valid choice. \\u001b[31m is not one of the available choices.\"]}}")));

    CliRunner.Outcome outcome = crashids("--channel", "\u001b[31m");

    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("crashids: Super Search rejected the query (HTTP 400): release_channel: Select a valid choice. \\x1b[31m"
        + " is not one of the available choices.\n", outcome.err());
  }

  @Test
  void refusedAccessAndFailedPagesLeaveAnIncompleteListAndExit3() {
    server.stubFor(search().willReturn(aResponse().withStatus(403)));
    CliRunner.Outcome denied = crashids("--save", "never");
    assertEquals(3, denied.status(), denied.err());
    assertTrue(denied.err().contains("crashids: access denied (HTTP 403)\ncrashids: the list is incomplete (0 crash IDs); not saved"),
        denied.err());
    assertFalse(Files.exists(folder.resolve("corpora/never")));

    server.resetAll();
    server.stubFor(search().withQueryParam("_results_offset", equalTo("0")).willReturn(okJson(answer(ids(0, 1000), 1500))));
    server.stubFor(search().withQueryParam("_results_offset", equalTo("1000")).willReturn(aResponse().withStatus(503)));
    CliRunner.Outcome failed = crashids("--num", "1500");
    assertEquals(3, failed.status(), failed.err());
    assertEquals(1000, failed.out().lines().count());
    assertTrue(failed.err().contains("crashids: HTTP 503 (2 attempts)\ncrashids: the list is incomplete (1000 crash IDs)"), failed.err());
  }

  @Test
  void hitsThatAreNotCrashIdsAreSkippedAndExit3AsTheHelpSays() {
    List<String> hits = new ArrayList<>(ids(0, 2));
    hits.add(1, "not-a-crash-id");
    server.stubFor(search().willReturn(okJson(answer(hits, 3))));
    CliRunner.Outcome outcome = crashids("--save", "partial");
    assertEquals(3, outcome.status(), outcome.err());
    assertEquals(ids(0, 2), outcome.out().lines().toList());
    assertTrue(outcome.err().contains("crashids: 1 hit was not a crash ID and was skipped: 'not-a-crash-id'"), outcome.err());
    assertTrue(Files.isDirectory(folder.resolve("corpora/partial")), "the valid IDs are saved");

    String help = CliRunner.run("", "crashids", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("3 the list is incomplete (the API failed or refused access; --save saves nothing) or some hits were"
        + " not crash IDs (skipped; --save saves the others)"), help);
  }

  @Test
  void badOptionsGetOneLineAndExit2WithoutAnyRequest() {
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("--num", "10001"), "crashids: --num must be between 1 and 10000, or all");
    cases.put(List.of("--num", "many"), "crashids: --num must be between 1 and 10000, or all");
    cases.put(List.of("--num", "5", "--sample", "5"), "crashids: give --num or --sample, not both");
    cases.put(List.of("--days", "366"), "crashids: --days must be between 1 and 365");
    cases.put(List.of("--days", "3", "--from", "2026-01-01"), "crashids: give --days or --from/--to, not both");
    cases.put(List.of("--from", "2026-11-08", "--to", "2026-11-01"), "crashids: --from must be before --to");
    cases.put(List.of("--from", "2024-01-01", "--to", "2026-01-01"), "crashids: the window is longer than Super Search's 365 days");
    cases.put(List.of("--from", "yesterday"), "crashids: --from takes a date such as 2026-11-01 or 2026-11-01T12:00:00Z, not yesterday");
    cases.put(List.of("--filter", "_columns=signature"), "crashids: --filter takes FIELD=VALUE with a Super Search field name");
    cases.put(List.of("--filter", "product"), "crashids: --filter takes FIELD=VALUE with a Super Search field name");
    cases.put(List.of("--days", "2", "--filter", "date=>2026-01-01"), "crashids: give the window once");
    cases.put(List.of("--supersearch-url", "product=Firefox"), "crashids: --supersearch-url is not an http(s) URL");
    cases.put(List.of("--save", "../escape"), "crashids: --save takes a name of letters, digits");
    cases.put(List.of("--save", ".hidden"), "crashids: --save takes a name of letters, digits");
    cases.forEach((args, message) -> {
      CliRunner.Outcome outcome = crashids(args.toArray(String[]::new));
      assertEquals(2, outcome.status(), args + ": " + outcome.err());
      assertTrue(outcome.err().startsWith(message), args + ": " + outcome.err());
      assertEquals(1, outcome.err().lines().count(), args + ": " + outcome.err());
    });
    assertEquals(0, searches(server).size());
  }

  @Test
  void crashIdsPipeIntoTheDiffAndASavedCorpusRerunsOfflineWithTheSameRows() throws IOException {
    List<String> crashIds = ids(0, 3);
    server.stubFor(search().willReturn(okJson(answer(crashIds, 3))));
    crashIds.forEach(id -> server.stubFor(crash(id).willReturn(found(id))));
    Path cache = folder.resolve("cache");
    String siglists = Fixtures.resource("siglists/basic").toString();

    CliRunner.Outcome found = crashids("--product", "Firefox", "--days", "3", "--save", "experiment-1");
    assertEquals(0, found.status(), found.err());
    Path corpus = folder.resolve("corpora/experiment-1");
    assertTrue(found.err().contains("crashids: saved the query and 3 crash IDs to " + corpus
        + "; rerun on them with: siggen-diff --corpus " + corpus), found.err());

    CliRunner.Outcome piped = CliRunner.run(found.out(), Map.of(),
        "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--cache-dir", cache.toString(),
        "--baseline", "production", "--candidate", siglists, "--format=csv");
    assertEquals(0, piped.status(), piped.err());
    List<String> rows = piped.out().lines().toList();
    assertEquals(4, rows.size(), piped.out());
    assertEquals("crashid,production,baseline,candidate,same,notes,cause", rows.get(0));
    for (int i = 0; i < 3; i++) {
      assertTrue(rows.get(i + 1).startsWith(crashIds.get(i) + ",mozilla::dom::Element::SetAttr"), rows.get(i + 1));
    }

    CliRunner.Outcome rerun = CliRunner.run("", Map.of(),
        "--offline", "--cache-dir", cache.toString(), "--corpus", corpus.toString(),
        "--baseline", "production", "--candidate", siglists, "--format=csv");
    assertEquals(0, rerun.status(), rerun.err());
    assertEquals(piped.out(), rerun.out());

    assertEquals(String.join("\n", crashIds) + "\n", Files.readString(corpus.resolve("crashids.txt")));
    JsonNode query = CrashJson.parse(Files.readString(corpus.resolve("query.json")));
    assertEquals(List.of("Firefox"), List.of(query.at("/filters/product/0").asText()));
    assertEquals(2, query.at("/filters/date").size());
    assertEquals(query.at("/filters/date/0").asText(), ">=" + query.at("/window/from").asText());
    assertEquals(3, query.get("matched").asLong());
    assertEquals(3, query.get("crash_ids").asLong());
    assertEquals(100, query.at("/selection/newest").asInt());
    assertTrue(query.get("search_url").asText().startsWith("http://127.0.0.1:" + server.getPort() + "/search/?product=Firefox&date="),
        query.get("search_url").asText());

    CliRunner.Outcome again = crashids("--product", "Firefox", "--save", "experiment-1");
    assertEquals(2, again.status());
    assertEquals("crashids: corpus " + corpus + " exists already: choose another name or remove it\n", again.err());
  }
}
