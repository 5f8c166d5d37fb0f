package org.siggendiff.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.crashstats.InvalidCrashIdException;
import org.siggendiff.diff.CrashLoader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.diff.RepeatedCrashes;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.pipeline.OrderedParallelMap;

/**
 * Reads a history's crashes once, on several threads and in input order: each input becomes a
 * crash to follow or a failure saying why it cannot be (as the diff reads them).
 */
public final class HistoryCrashes {
  /** A crash that could not be read. */
  public record Unreadable(String where, String reason) {}

  /**
   * What reading gave, in input order, and whether reading was stopped.
   *
   * @param crashes each crash once, as first read
   * @param repeats the crashes read more than once, alike when their crash data were the same
   */
  public record Read(
      List<SignatureHistory.TrackedCrash> crashes, List<Unreadable> unreadable, RepeatedCrashes repeats, boolean stopped) {}

  private sealed interface Outcome permits Tracked, Failed {}

  private record Tracked(SignatureHistory.TrackedCrash crash) implements Outcome {}

  /** @param byCrashId whether the failure is of a crash ID looked up, which a repeat of it would fail again */
  private record Failed(Unreadable failure, boolean byCrashId) implements Outcome {}

  private final CrashSource source;
  private final Jobs jobs;

  /**
   * @param source where crash IDs are looked up
   * @param jobs how many crashes are read at once, and in what batches
   */
  public HistoryCrashes(CrashSource source, Jobs jobs) {
    this.source = source;
    this.jobs = jobs;
  }

  /** Reads every input until they run out or {@code stop} says so; {@code progress} is told after each. */
  public Read read(Iterator<? extends DiffInput> inputs, Runnable progress, BooleanSupplier stop) throws InterruptedException {
    List<SignatureHistory.TrackedCrash> crashes = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    // A crash given twice (two lists, two corpus files) is followed once: its moves would count twice.
    RepeatedCrashes repeats = new RepeatedCrashes();
    OrderedParallelMap.Outcome outcome = new OrderedParallelMap<DiffInput, Outcome>(
            this::read, (input, error) -> new Failed(new Unreadable(input.where(), "internal error: " + error), false), jobs)
        .weighing(DiffInput::bytes, DiffInput.MAX_BYTES_IN_FLIGHT)
        .run(inputs, outcome1 -> {
          if (outcome1 instanceof Tracked tracked) {
            SignatureHistory.TrackedCrash crash = tracked.crash();
            if (!crash.linkable() || repeats.first(crash.id(), crash.data().json().hashCode())) {
              crashes.add(crash);
            }
          } else {
            Failed failed = (Failed) outcome1;
            if (!failed.byCrashId() || repeats.first(failed.failure().where(), failed.failure().reason().hashCode())) {
              unreadable.add(failed.failure());
            }
          }
          progress.run();
        }, stop);
    return new Read(crashes, unreadable, repeats, outcome.stopped());
  }

  private Outcome read(DiffInput input) {
    if (input instanceof DiffInput.Invalid invalid) {
      return failed(invalid.where(), invalid.reason());
    }
    if (input instanceof DiffInput.Lookup lookup) {
      CrashResult result = source.get(lookup.id());
      if (result instanceof CrashResult.Failed failed) {
        return new Failed(new Unreadable(lookup.id().value(), failed.described()), true);
      }
      CrashDocument.Crash crash =
          new CrashDocument.Crash(CrashDocument.Kind.PROCESSED_CRASH, ((CrashResult.Found) result).processedCrash(), List.of());
      return new Tracked(new SignatureHistory.TrackedCrash(lookup.id().value(), true, crash.crashData()));
    }
    DiffInput.Document document = (DiffInput.Document) input;
    // Read and worded as the diff reads a corpus document.
    CrashDocument.Classified classified = CrashLoader.classify(document);
    if (classified instanceof CrashDocument.NotACrash notACrash) {
      return failed(document.where(), notACrash.reason());
    }
    CrashDocument.Crash crash = (CrashDocument.Crash) classified;
    String id = document.crashId() != null ? document.crashId() : crashIdOf(crash);
    return new Tracked(new SignatureHistory.TrackedCrash(id != null ? id : document.where(), id != null, crash.crashData()));
  }

  private static Outcome failed(String where, String reason) {
    return new Failed(new Unreadable(where, reason), false);
  }

  private static String crashIdOf(CrashDocument.Crash crash) {
    for (String candidate : crash.crashIds()) {
      try {
        return CrashId.parse(candidate).value();
      } catch (InvalidCrashIdException e) {
        // the next candidate may be one
      }
    }
    return null;
  }
}
