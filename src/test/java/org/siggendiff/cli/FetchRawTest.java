package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.cache.DiskCache;
import org.siggendiff.cache.RawCrashes;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.Fixtures;

@Timeout(60)
class FetchRawTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path cache;

  private CliRunner.Outcome fetch(String... args) {
    String[] all = new String[args.length + 7];
    all[0] = "fetch";
    all[1] = "--api-url=" + CrashStatsStub.apiUrl(server);
    all[2] = "--cache-dir=" + cache;
    all[3] = "--retry-delay=5";
    all[4] = "--retries=1";
    all[5] = "--rate=0";
    all[6] = "--jobs=1";
    System.arraycopy(args, 0, all, 7, args.length);
    return CliRunner.run("", Map.of(), all);
  }

  private static MappingBuilder raw(String crashId) {
    return get(urlPathEqualTo("/api/RawCrash/")).withQueryParam("crash_id", equalTo(crashId));
  }

  private Path rawEntry(String crashId) {
    return cache.resolve("raw_crash").resolve("20" + crashId.substring(30)).resolve(crashId);
  }

  @Test
  void fetchRawStoresEachRawCrashAsFetchDataWouldByteForByte() throws IOException {
    String id = CrashIds.text(7);
    server.stubFor(crash(id).willReturn(found(id)));
    byte[] answer = Files.readAllBytes(Fixtures.resource("crashes/raw-crash-answer.json"));
    server.stubFor(raw(id).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer)));

    CliRunner.Outcome outcome = fetch("--raw", id);

    assertEquals(0, outcome.status(), outcome.err());
    Path entry = cache.resolve("raw_crash/20201107/" + id);
    assertArrayEquals(Files.readAllBytes(Fixtures.resource("crashes/raw-crash-fetch-data.json")), Files.readAllBytes(entry));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent().getParent())));
    assertTrue(outcome.err().contains("fetch: raw crashes: 1 fetched, 0 already cached"), outcome.err());
    LoggedRequest rawRequest = requests(server).stream().filter(r -> r.getUrl().startsWith("/api/RawCrash/")).findFirst().orElseThrow();
    assertEquals("meta", rawRequest.queryParameter("format").firstValue());
    try (var leftovers = Files.list(entry.getParent())) {
      assertEquals(List.of(entry), leftovers.toList(), "no temporary file is left beside the entry");
    }
  }

  @Test
  void withoutRawNoRawCrashIsAskedFor() {
    String id = CrashIds.text(9);
    server.stubFor(crash(id).willReturn(found(id)));
    CliRunner.Outcome outcome = fetch(id);
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(1, requests(server).size());
    assertFalse(Files.exists(cache.resolve("raw_crash")));
    assertFalse(outcome.err().contains("raw crashes"), outcome.err());
  }

  /**
   * A 403 on a raw crash refuses that raw crash only: the next crash's processed and raw crashes
   * are still asked for (one job, so the refused one comes first), and no processed crash fails.
   */
  @Test
  void aRawCrashRefusedOrMissingIsReportedPerCrashAndFailsNothingElse() {
    String refused = CrashIds.text(10);
    String missing = CrashIds.text(11);
    String fine = CrashIds.text(12);
    for (String id : List.of(refused, missing, fine)) {
      server.stubFor(crash(id).willReturn(found(id)));
    }
    server.stubFor(raw(refused).willReturn(aResponse().withStatus(403).withBody("{\"error\": \"no permission\"}")));
    server.stubFor(raw(missing).willReturn(aResponse().withStatus(404).withBody("{\"error\": \"Not found\"}")));
    server.stubFor(raw(fine).willReturn(aResponse().withStatus(200).withBody("{\"ProductName\": \"Firefox\"}")));

    CliRunner.Outcome outcome = fetch("--raw", refused, missing, fine);

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("fetch: 3 inputs: 3 fetched, 0 already cached"), outcome.err());
    assertTrue(outcome.err().contains("fetch: raw crashes: 1 fetched, 0 already cached, 1 not found, 1 access denied"), outcome.err());
    assertTrue(outcome.err().contains("raw crash " + refused + ": refused (HTTP 403)"), outcome.err());
    assertTrue(outcome.err().contains("raw crash " + missing + ": not found (HTTP 404)\n"), outcome.err());
    assertEquals(6, requests(server).size(), "the 403 stopped nothing");
    assertFalse(Files.exists(rawEntry(refused)));
    assertFalse(Files.exists(rawEntry(missing)));
    assertTrue(Files.exists(rawEntry(fine)));
    for (String id : List.of(refused, missing, fine)) {
      assertTrue(Files.exists(cache.resolve("processed_crash").resolve(id)));
    }
  }

  @Test
  void aFetchDataFolderIsUsedAsItIsAndAnExplainReaderFindsItsAnnotations() throws IOException {
    String id = CrashIds.text(13);
    Files.createDirectories(cache.resolve("processed_crash"));
    Files.writeString(cache.resolve("processed_crash").resolve(id), CrashStatsStub.processedCrash(id));
    Files.createDirectories(rawEntry(id).getParent());
    String fetchData = "{\n  \"IPCChannelError\": \"ShutDownKill\",\n  \"MozCrashReason\": \"MOZ_CRASH(boom)\",\n  \"ProductName\": \"Firefox\"\n}";
    Files.writeString(rawEntry(id), fetchData);

    CliRunner.Outcome outcome = fetch("--raw", id);

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("fetch: raw crashes: 0 fetched, 1 already cached"), outcome.err());
    assertEquals(0, requests(server).size());
    assertEquals(fetchData, Files.readString(rawEntry(id), StandardCharsets.UTF_8), "left as it was");

    List<RawCrashes.Annotation> annotations = RawCrashes.ruleAnnotations(new DiskCache(cache), CrashIds.id(13)).orElseThrow();
    assertEquals(List.of("MozCrashReason", "IPCChannelError"), annotations.stream().map(RawCrashes.Annotation::name).toList());
    assertEquals("ipc_channel_error", annotations.get(1).processedField());
    assertEquals("ShutDownKill", annotations.get(1).value().textValue());
    assertTrue(RawCrashes.ruleAnnotations(new DiskCache(cache), CrashIds.id(14)).isEmpty());
  }

  @Test
  void offlineReportsRawCrashesNotCachedWithoutARequest() throws IOException {
    String id = CrashIds.text(15);
    Files.createDirectories(cache.resolve("processed_crash"));
    Files.writeString(cache.resolve("processed_crash").resolve(id), CrashStatsStub.processedCrash(id));
    CliRunner.Outcome outcome = fetch("--raw", "--offline", id);
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("raw crashes: 0 fetched, 0 already cached, 1 not in the cache"), outcome.err());
    assertEquals(0, requests(server).size());
  }
}
