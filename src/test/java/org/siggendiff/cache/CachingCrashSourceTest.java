package org.siggendiff.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;
import static org.siggendiff.testing.CrashStatsStub.requests;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
    return source(mode, token, new DiskCache(folder));
  }

  private CachingCrashSource source(Mode mode, Optional<ApiToken> token, DiskCache disk) {
    client =
        new CrashStatsClient(
            new CrashStatsClient.Settings(
                HttpUrl.get(CrashStatsStub.apiUrl(server) + "/"), token, 0, 4, Duration.ofSeconds(5), 2, Duration.ofMillis(10)));
    return new CachingCrashSource(disk, client, token.isPresent(), mode, 1 << 20);
  }

  private CachingCrashSource offline(DiskCache disk) {
    return new CachingCrashSource(disk, null, false, Mode.OFFLINE, 1 << 20);
  }

  private Path entry(CrashId id) {
    return folder.resolve("processed_crash").resolve(id.value());
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
    assertEquals("the cache entry is broken: not a JSON object", assertInstanceOf(Failed.class, offline.get(ID)).reason());
    String whole = CrashStatsStub.processedCrash(ID.value());
    Files.writeString(entry, whole.substring(0, whole.length() / 2));
    String cutShort = assertInstanceOf(Failed.class, offline.get(ID)).reason();
    assertTrue(cutShort.startsWith("the cache entry is broken: ") && cutShort.contains(" at byte "), cutShort);
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
  void readsEachCachedCrashWholeAndOnlyItWhateverWasReadBeforeIt() throws IOException {
    CrashId shortOne = CrashIds.id(8);
    Files.createDirectories(entry(ID).getParent());
    // A long entry first: the short one read after it into the same buffer must end at its own end.
    Files.writeString(entry(ID), "{\"padding\": \"" + "x".repeat(100_000) + "\", " + CrashStatsStub.processedCrash(ID.value()).strip().substring(1));
    Files.writeString(entry(shortOne), CrashStatsStub.processedCrash(shortOne.value()));
    CachingCrashSource offline = offline(new DiskCache(folder));

    for (CrashId id : List.of(ID, shortOne, ID, shortOne)) {
      Found found = assertInstanceOf(Found.class, offline.get(id), id.value());
      assertEquals(id.value(), found.processedCrash().get("uuid").asText());
      assertEquals(Origin.DISK_CACHE, found.origin());
      assertSame(Found.KEPT_ON_DISK, found.json(), "the file is the copy kept");
    }
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

  // Item 3: what is not the crash asked for is never cached, nor served from the cache.

  @Test
  void anErrorObjectAnsweredWith200IsNeverCached() {
    server.stubFor(crash(ID.value()).willReturn(aResponse().withStatus(200).withBody("{\"error\": \"Temporarily unavailable\"}")));
    Failed failed = assertInstanceOf(Failed.class, source(Mode.NORMAL).get(ID));
    assertEquals("the answer is an error, not a crash: 'Temporarily unavailable' (2 attempts)", failed.reason());
    assertFalse(Files.exists(entry(ID)));
  }

  @Test
  void anAnswerThatIsAnotherCrashIsNeverCached() {
    server.stubFor(crash(ID.value()).willReturn(found(CrashIds.text(8))));
    assertInstanceOf(Failed.class, source(Mode.NORMAL).get(ID));
    assertFalse(Files.exists(entry(ID)));
  }

  @Test
  void aCachedEntryThatIsAnotherCrashOrAnErrorIsRefetchedOnlineAndFailsOffline() throws IOException {
    Files.createDirectories(entry(ID).getParent());
    Files.writeString(entry(ID), CrashStatsStub.processedCrash(CrashIds.text(8)));
    Failed other = assertInstanceOf(Failed.class, offline(new DiskCache(folder)).get(ID));
    assertEquals(FailureKind.UNUSABLE_CACHE_ENTRY, other.kind());
    assertEquals("the cache entry is another crash (its uuid is not the crash ID asked for)", other.reason());
    Files.writeString(entry(ID), "{\"error\": \"Not found\"}");
    assertEquals("the cache entry is an error, not a crash: 'Not found'",
        assertInstanceOf(Failed.class, offline(new DiskCache(folder)).get(ID)).reason());

    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    assertEquals(Origin.API, assertInstanceOf(Found.class, source(Mode.NORMAL).get(ID)).origin());
    assertEquals(CrashStatsStub.processedCrash(ID.value()), Files.readString(entry(ID)));
  }

  // Item 4: a crash the cache cannot keep is a failure, and a full disk stops fetching.

  @Test
  void aCacheWriteThatFailsIsAFailureWithItsReasonAndIsNotServedLater() throws IOException {
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    // The crash folder is a file, so it cannot be created: a write failure without root tricks.
    Files.writeString(folder.resolve("processed_crash"), "in the way");
    CachingCrashSource source = source(Mode.NORMAL);
    Failed failed = assertInstanceOf(Failed.class, source.get(ID));
    assertEquals(FailureKind.CACHE_WRITE_FAILED, failed.kind());
    assertEquals("cannot write to the cache (FileAlreadyExistsException on processed_crash)", failed.reason());
    assertInstanceOf(Failed.class, source.get(ID), "not served from memory either");
    assertEquals(Optional.empty(), source.stopped(), "only a full disk stops fetching");
    assertEquals(2, requests(server).size());
  }

  @Test
  void aFullDiskStopsFetchingAndTheRestAreNotFetchedButCachedOnesAreStillServed() throws IOException {
    for (int i = 1; i <= 5; i++) {
      server.stubFor(crash(CrashIds.text(i)).willReturn(found(CrashIds.text(i))));
    }
    AtomicInteger writes = new AtomicInteger();
    DiskCache filling = new DiskCache(folder, 1 << 20, (file, bytes) -> {
      // Two notes and one crash fit; then the disk is full, as the JDK reports ENOSPC.
      if (writes.incrementAndGet() > 3) {
        throw new FileSystemException(file.toString(), null, "No space left on device");
      }
      Files.write(file, bytes);
    });
    CachingCrashSource source = source(Mode.NORMAL, Optional.empty(), filling);
    assertEquals(Origin.API, assertInstanceOf(Found.class, source.get(CrashIds.id(1))).origin());
    Failed full = assertInstanceOf(Failed.class, source.get(CrashIds.id(2)));
    assertEquals(FailureKind.CACHE_WRITE_FAILED, full.kind());
    assertEquals("the cache disk is full (No space left on device)", full.reason());
    for (int i = 3; i <= 5; i++) {
      Failed rest = assertInstanceOf(Failed.class, source.get(CrashIds.id(i)));
      assertEquals(FailureKind.NOT_FETCHED, rest.kind());
      assertEquals("the cache disk is full (No space left on device); stopped fetching", rest.reason());
    }
    assertEquals(2, requests(server).size(), "nothing fetched after the disk filled up");
    assertEquals(Origin.DISK_CACHE, assertInstanceOf(Found.class, source(Mode.NORMAL, Optional.empty(), filling).get(CrashIds.id(1))).origin());
    try (Stream<Path> files = Files.walk(folder)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temporary file left");
    }
  }

  @Test
  void aFullDiskOrQuotaIsToldByTheReasonTheJdkGives() {
    String full = "the cache disk is full (No space left on device)";
    assertEquals(Optional.of(full), DiskCache.noRoom(new FileSystemException("/c/x", null, "No space left on device")));
    assertEquals(Optional.of(full), DiskCache.noRoom(new IOException("No space left on device")));
    assertEquals(
        Optional.of("the cache's disk quota is used up (Disk quota exceeded)"),
        DiskCache.noRoom(new IOException("write failed", new IOException("Disk quota exceeded"))));
    assertEquals(Optional.empty(), DiskCache.noRoom(new FileSystemException("/c/x", null, "Permission denied")));
    assertEquals(Optional.empty(), DiskCache.noRoom(new IOException((String) null)));
  }

  // Item 8: cache entries are bounded, and what is not a regular file is not read.

  @Test
  void aCacheEntryOverTheLimitIsNotReadAndIsRefetched() throws IOException {
    Files.createDirectories(entry(ID).getParent());
    Files.writeString(entry(ID), CrashStatsStub.processedCrash(ID.value()) + " ".repeat(100_000));
    DiskCache small = new DiskCache(folder, 64 << 10);
    Failed failed = assertInstanceOf(Failed.class, offline(small).get(ID));
    assertEquals("the cache entry is larger than the limit of 65536 bytes", failed.reason());
    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    assertEquals(Origin.API, assertInstanceOf(Found.class, source(Mode.NORMAL, Optional.empty(), small).get(ID)).origin());
    assertEquals(CrashStatsStub.processedCrash(ID.value()), Files.readString(entry(ID)));
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aCacheEntryThatIsALinkToDevZeroOrAFifoIsNotReadAndDoesNotBlock() throws Exception {
    Files.createDirectories(entry(ID).getParent());
    Files.createSymbolicLink(entry(ID), Path.of("/dev/zero"));
    CrashId fifoId = CrashIds.id(9);
    Process mkfifo = new ProcessBuilder("mkfifo", entry(fifoId).toString()).start();
    assertEquals(0, mkfifo.waitFor());
    CachingCrashSource offline = offline(new DiskCache(folder));
    assertEquals("the cache entry is not a regular file", assertInstanceOf(Failed.class, offline.get(ID)).reason());
    assertEquals("the cache entry is not a regular file", assertInstanceOf(Failed.class, offline.get(fifoId)).reason());

    server.stubFor(crash(ID.value()).willReturn(found(ID.value())));
    assertEquals(Origin.API, assertInstanceOf(Found.class, source(Mode.NORMAL).get(ID)).origin());
    assertTrue(Files.isRegularFile(entry(ID), java.nio.file.LinkOption.NOFOLLOW_LINKS), "the link was replaced by the entry");
  }

  // Item 17: temporary files of killed runs are removed before the cache's first write.

  @Test
  void theFirstWriteRemovesOnlyStaleTemporaryFiles() throws IOException {
    Path crashes = Files.createDirectories(folder.resolve("processed_crash"));
    Path notes = Files.createDirectories(folder.resolve("siggen-diff-meta"));
    Path staleCrash = Files.writeString(crashes.resolve(".tmp-1234"), "{\"half\":");
    Path staleNote = Files.writeString(notes.resolve(".tmp-5678"), "{");
    Path fresh = Files.writeString(crashes.resolve(".tmp-9999"), "{\"being written");
    Path entry = Files.writeString(crashes.resolve(ID.value()), CrashStatsStub.processedCrash(ID.value()));
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    for (Path old : List.of(staleCrash, staleNote, entry)) {
      Files.setLastModifiedTime(old, twoHoursAgo);
    }
    DiskCache cache = new DiskCache(folder, 1 << 20);
    assertTrue(Files.exists(staleCrash), "opening to read lists no folder");
    cache.write(CrashIds.id(8), CrashStatsStub.processedCrash(CrashIds.id(8).value()).getBytes(StandardCharsets.UTF_8), false);
    assertFalse(Files.exists(staleCrash));
    assertFalse(Files.exists(staleNote));
    assertTrue(Files.exists(fresh), "a write under way keeps its temporary file");
    assertTrue(Files.exists(entry), "entries are never touched");
  }

  @Test
  void openingACacheThatDoesNotExistYetCreatesNothing() {
    new DiskCache(folder.resolve("new"), 1 << 20);
    assertFalse(Files.exists(folder.resolve("new")));
  }
}
