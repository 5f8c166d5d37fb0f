package org.siggendiff.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.pipeline.OrderedParallelMap;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.sources.ResolvedSiglists;

/**
 * One diff run, from resolved siglist sources to its summary: every input signed under the
 * baseline and the candidate, each row aggregated and handed to the output in input order (a
 * crash read again only counted as such), an interruption or a failing output recorded in the
 * summary rather than thrown. The command line
 * only parses options, opens the inputs and the output, and renders the summary.
 */
public final class DiffSession {
  /** Where rows go, in input order. */
  public interface Output {
    void row(DiffRow row) throws IOException;

    /** A row of a crash already counted, which is not shown: only the progress hears of it. */
    default void repeat(DiffRow row) {}

    /** After the last row, when the run was not broken. */
    void finish() throws IOException;
  }

  /** Opens the output; a failure to open it breaks the run like a failure to write. */
  @FunctionalInterface
  public interface OutputOpener {
    Output open() throws IOException;
  }

  /**
   * @param summary the aggregate, interruption and internal error included
   * @param broken whether a bug or the output stopped the run before its inputs ran out
   */
  public record Outcome(DiffSummary summary, boolean broken) {}

  private final ResolvedSiglists baselineSource;
  private final ResolvedSiglists candidateSource;
  private final DiffRunner runner;
  private final Shard shard;

  /**
   * @param baselineSource the baseline; production (no siglists) uses each crash's stored signature
   * @param source where crash IDs are looked up; may be null when the inputs are all documents
   * @param jobs how many inputs are handled at once, and in what batches
   * @param explanations how many changed crashes get their whole explanation (the walks on
   *     both sides), not only their cause: what the reports that show stacks need
   */
  public DiffSession(
      ResolvedSiglists baselineSource,
      ResolvedSiglists candidateSource,
      CrashSource source,
      Jobs jobs,
      int explanations,
      Shard shard) {
    this.shard = shard;
    this.baselineSource = baselineSource;
    this.candidateSource = candidateSource;
    SignatureGenerator candidate = new SignatureGenerator(candidateSource.siglists().orElseThrow());
    SignatureGenerator baseline = baselineSource.siglists().map(candidate::withSiglists).orElse(null);
    this.runner = new DiffRunner(baseline, candidate, source, jobs, explanations);
  }

  /**
   * Runs until the inputs run out or {@code stop} says so.
   *
   * @param allInputCount how many inputs there are, or -1 when unknown (corpora are read as the
   *     run goes); an interruption counts what was not processed from it. A shard's share of
   *     them is unknown until they are read.
   */
  public Outcome run(Iterator<? extends DiffInput> allInputs, long allInputCount, OutputOpener opener, BooleanSupplier stop)
      throws InterruptedException {
    Iterator<DiffInput> inputs = shard.filter(allInputs);
    long inputCount = shard.isAll() ? allInputCount : -1;
    DiffSummary summary = new DiffSummary(baselineSource, candidateSource);
    runner.change().ifPresent(change -> summary.attribution(change, runner.lineUsage().orElseThrow()));
    String[] current = {null};
    OrderedParallelMap.Outcome outcome = null;
    boolean broken = false;
    try {
      Output output = opener.open();
      outcome = runner.run(inputs, row -> {
        current[0] = row.crashId();
        if (!summary.add(row)) {
          output.repeat(row);
          return;
        }
        try {
          output.row(row);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, stop);
      current[0] = null;
      output.finish();
    } catch (RuntimeException | Error | IOException e) {
      // A bug, not bad input (bad input becomes a failed row): say where, and keep what was done.
      summary.internalError((current[0] != null ? "while writing " + current[0] + ": " : "") + e);
      broken = true;
    }
    if (outcome != null && outcome.stopped()) {
      boolean rest = inputCount < 0 && inputs.hasNext();
      long notProcessed = inputCount >= 0 ? inputCount - summary.read() - summary.repeats().leftOut() : outcome.abandoned();
      summary.interrupted(notProcessed, rest);
    }
    return new Outcome(summary, broken);
  }
}
