package org.siggendiff.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.cache.CachingCrashSource.Mode;
import org.siggendiff.crashstats.ApiToken;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;

class CachingCrashSourceTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path folder;

  private static final CrashId ID = CrashIds.id(7);
  private static final String SECRET = "s3cr3t-t0ken-value";
  private CrashStatsClient client;

  private CachingCrashSource source(Mode mode, Optional<ApiToken> token) {
    client =
        new CrashStatsClient(
            new CrashStatsClient.Settings(
                HttpUrl.get(CrashStatsStub.apiUrl(server) + "/"), token, 0, 4, Duration.ofSeconds(5), 2, Duration.ofMillis(10)));
    return new CachingCrashSource(new DiskCache(folder), client, token.isPresent(), mode, 1 << 20);
  }

  private CachingCrashSource source(Mode mode) {
    return source(mode, Optional.empty());
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void fetchesOnceThenServesFromMemoryAndThenFromDisk() {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    CachingCrashSource source = source(Mode.NORMAL);
    assertEquals(Origin.API, assertInstanceOf(Found.class, source.get(ID)).origin());
    assertEquals(Origin.MEMORY_CACHE, assertInstanceOf(Found.class, source.get(ID)).origin());
    assertEquals(Origin.DISK_CACHE, assertInstanceOf(Found.class, source(Mode.NORMAL).get(ID)).origin());
    assertEquals(1, requests(server).size());
  }

  @Test
  void writesFetchDataLayoutWithPrivatePermissionsAndTheBytesAsSent() throws IOException {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    source(Mode.NORMAL).get(ID);
    Path entry = folder.resolve("processed_crash").resolve(ID.value());
    assertArrayEquals(CrashStatsStub.processedCrash(ID.value()).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(entry));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent())));
    try (Stream<Path> files = Files.walk(folder)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temporary file left");
    }
  }

  @Test
  void recordsTheTokenUseButNeverTheToken() throws IOException {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    source(Mode.NORMAL, Optional.of(new ApiToken(SECRET))).get(ID);
    assertEquals(Optional.of(true), new DiskCache(folder).fetchedWithToken(ID));
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(file).contains(SECRET), file + " holds the token");
      }
    }
  }

  @Test
  void replacesACorruptEntry() throws IOException {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    Path entry = folder.resolve("processed_crash").resolve(ID.value());
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "{\"uuid\": \"trunc");
    assertEquals(Origin.API, assertInstanceOf(Found.class, source(Mode.NORMAL).get(ID)).origin());
    assertEquals(CrashStatsStub.processedCrash(ID.value()), Files.readString(entry));
  }

  @Test
  void offlineMakesNoRequestAndReportsWhatIsMissing() throws IOException {
    server.stubFor(get(anyUrl()).willReturn(found(ID.value())));
    CachingCrashSource offline = new CachingCrashSource(new DiskCache(folder), null, false, Mode.OFFLINE, 1 << 20);
    Failed missing = assertInstanceOf(Failed.class, offline.get(ID));
    assertEquals(FailureKind.NOT_CACHED, missing.kind());
    assertEquals("not in the cache (offline)", missing.reason());

    Path entry = folder.resolve("processed_crash").resolve(ID.value());
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "[1, 2]");
    assertEquals("the cache entry is not a JSON object", assertInstanceOf(Failed.class, offline.get(ID)).reason());
    assertEquals(0, requests(server).size());
  }

  @Test
  void readsAFetchDataFolder() throws IOException {
    Path entry = folder.resolve("processed_crash").resolve(ID.value());
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, CrashStatsStub.processedCrash(ID.value()));
    Files.createDirectories(folder.resolve("raw_crash"));
    Found found = assertInstanceOf(Found.class, new CachingCrashSource(new DiskCache(folder), null, false, Mode.OFFLINE, 1 << 20).get(ID));
    assertEquals(Origin.DISK_CACHE, found.origin());
    assertEquals(Optional.empty(), new DiskCache(folder).fetchedWithToken(ID));
  }

  @Test
  void refreshFetchesAgainAndReplacesTheEntry() throws IOException {
    Path entry = folder.resolve("processed_crash").resolve(ID.value());
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "{\"old\": true}");
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    assertEquals(Origin.API, assertInstanceOf(Found.class, source(Mode.REFRESH).get(ID)).origin());
    assertEquals(CrashStatsStub.processedCrash(ID.value()), Files.readString(entry));
  }

  @Test
  void failuresAreNotCached() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(404)));
    CachingCrashSource source = source(Mode.NORMAL);
    assertInstanceOf(Failed.class, source.get(ID));
    assertInstanceOf(Failed.class, source.get(ID));
    assertEquals(2, requests(server).size());
    assertEquals(List.of(), List.of(folder.toFile().list()));
  }
}
