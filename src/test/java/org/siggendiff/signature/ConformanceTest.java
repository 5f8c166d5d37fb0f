package org.siggendiff.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.testing.SharedData;

/** Replays every vector the Python reference produced (all 48,000, from ../shared). */
class ConformanceTest {
  private final ParityVectors vectors = new ParityVectors(ConformanceTest::generator);

  @Test
  void crashDataVectorsMatchTheReference() throws IOException {
    replay("crash-data.jsonl.gz", 15_000);
  }

  @Test
  void processedCrashVectorsMatchTheReference() throws IOException {
    replay("processed-crash.jsonl.gz", 3_000);
  }

  @Test
  void siglistHistoryVectorsMatchTheReference() throws IOException {
    replay("siglist-history.jsonl.gz", 30_000);
  }

  /**
   * The history vectors again, with every siglist version's generator made from the one before
   * ({@link SignatureGenerator#withSiglists}), as a history or a diff makes them: the versions
   * share their normalized frames, and each still answers as it would alone.
   */
  @Test
  void siglistHistoryVectorsMatchTheReferenceWithTheVersionsSharingTheirFrames() throws IOException {
    SignatureGenerator[] last = {null};
    ParityVectors sharing = new ParityVectors(folder -> {
      synchronized (last) {
        last[0] = last[0] == null ? generator(folder) : last[0].withSiglists(generator(folder).siglists());
        return last[0];
      }
    });
    replay(sharing, "siglist-history.jsonl.gz", 30_000);
  }

  private void replay(String file, int expectedCount) throws IOException {
    replay(vectors, file, expectedCount);
  }

  private static void replay(ParityVectors vectors, String file, int expectedCount) throws IOException {
    Path path = SharedData.conformance(file);
    ParityVectors.Outcome outcome;
    try (InputStream in = Files.newInputStream(path)) {
      outcome = vectors.replay(in);
    }
    assertEquals(expectedCount, outcome.count(), "vectors in " + file);
    assertEquals(0, outcome.failures().size(), outcome.report(file));
  }

  private static SignatureGenerator generator(String folder) {
    try {
      Path dir = SharedData.siglists(folder);
      return new SignatureGenerator(SiglistLoader.load(dir, dir.toString()));
    } catch (SiglistException e) {
      throw new IllegalStateException(e);
    }
  }
}
