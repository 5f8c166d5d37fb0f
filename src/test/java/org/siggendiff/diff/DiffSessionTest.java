package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.sources.ResolvedSiglists;

@Timeout(60)
class DiffSessionTest {
  private static final Path DEMO = Path.of("corpora/demo");

  @Test
  void everyDemoCrashBecomesARowInInputOrderAndTheSummaryCountsThem() throws Exception {
    List<DiffRow> rows = new ArrayList<>();
    DiffSession.Outcome outcome;
    try (CorpusReader corpus = new CorpusReader(List.of(DEMO))) {
      outcome = session().run(corpus, -1, () -> output(rows), () -> false);
    }

    assertFalse(outcome.broken());
    assertEquals(310, rows.size());
    assertEquals(310, outcome.summary().read());
    assertEquals(rows.stream().filter(DiffRow::changed).count(), outcome.summary().changed());
    assertTrue(outcome.summary().changed() > 0, "the demo change moves some crashes");
  }

  @Test
  void anOutputThatFailsBreaksTheRunAndIsNamedInTheSummary() throws Exception {
    AtomicInteger written = new AtomicInteger();
    DiffSession.Outcome outcome;
    try (CorpusReader corpus = new CorpusReader(List.of(DEMO))) {
      outcome = session().run(corpus, -1, () -> new DiffSession.Output() {
        @Override
        public void row(DiffRow row) throws IOException {
          if (written.incrementAndGet() == 3) {
            throw new IOException("Broken pipe");
          }
        }

        @Override
        public void finish() {}
      }, () -> false);
    }

    assertTrue(outcome.broken());
    assertTrue(outcome.summary().internalError().contains("Broken pipe"), outcome.summary().internalError());
    assertTrue(outcome.summary().internalError().startsWith("while writing "), outcome.summary().internalError());
  }

  @Test
  void aStopRequestedAtOnceLeavesEveryKnownInputUnprocessed() throws Exception {
    List<DiffRow> rows = new ArrayList<>();
    DiffSession.Outcome outcome;
    try (CorpusReader corpus = new CorpusReader(List.of(DEMO))) {
      outcome = session().run(corpus, 310, () -> output(rows), () -> true);
    }

    assertTrue(outcome.summary().isInterrupted());
    assertEquals(310 - outcome.summary().read(), outcome.summary().notProcessed());
  }

  private static DiffSession session() throws Exception {
    Path baseline = Path.of("siglists/demo/baseline");
    Path candidate = Path.of("siglists/demo/candidate");
    return new DiffSession(
        new ResolvedSiglists("baseline", Optional.empty(), Optional.of(SiglistLoader.load(baseline, baseline.toString()))),
        new ResolvedSiglists("candidate", Optional.empty(), Optional.of(SiglistLoader.load(candidate, candidate.toString()))),
        null,
        Jobs.computing(2),
        0,
        Shard.ALL);
  }

  private static DiffSession.Output output(List<DiffRow> rows) {
    return new DiffSession.Output() {
      @Override
      public void row(DiffRow row) {
        rows.add(row);
      }

      @Override
      public void finish() {}
    };
  }
}
