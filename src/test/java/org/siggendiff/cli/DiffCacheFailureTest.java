package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.CrashStatsStub.crash;
import static org.siggendiff.testing.CrashStatsStub.found;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.Fixtures;

/** The diff on crashes the cache could not keep: never an ok row. */
class DiffCacheFailureTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  @TempDir Path folder;

  @Test
  void aCrashWhoseCacheWriteFailedIsAFailedRowAndExitsThree() throws Exception {
    String id = CrashIds.text(3);
    server.stubFor(crash(id).willReturn(found(id)));
    Path cache = Files.createDirectories(folder.resolve("cache"));
    Files.writeString(cache.resolve("processed_crash"), "a file where the crash folder goes");
    String siglists = Fixtures.resource("siglists/basic").toString();
    CliRunner.Outcome outcome = CliRunner.run("", "--baseline", siglists, "--candidate", siglists, "--cache-dir", cache.toString(),
        "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--retries", "0", "--format", "jsonl", id);
    assertEquals(3, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("\"status\":\"error\""), outcome.out());
    assertTrue(outcome.out().contains("\"error\":\"cannot write to the cache (FileAlreadyExistsException on processed_crash)\""), outcome.out());
    assertTrue(outcome.err().contains("could not be cached"), outcome.err());
  }
}
