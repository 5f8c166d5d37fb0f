package org.siggendiff.diff;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.CrashExplanation;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.LineUsage;
import org.siggendiff.attribution.SiglistChange;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.pipeline.OrderedParallelMap;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;
import org.siggendiff.signature.TraceableResult;

/**
 * Signs every input with a baseline and a candidate, on several threads, and hands out rows
 * in input order. Getting a crash and signing it happen in the same task, so fetching,
 * reading the cache and generating overlap across tasks. A crash whose signatures differ is
 * attributed to the siglist lines that moved it in its task too; every crash's normalized
 * frames (which generation computes anyway) are tested once per distinct frame against the
 * lines the candidate changes, for the summary's warnings.
 */
public final class DiffRunner {
  private final SignatureGenerator baseline;
  private final SignatureGenerator candidate;
  private final CrashLoader loader;
  private final Jobs jobs;
  private final Explainer explainer;
  private final LineUsage usage;
  /** How many more changed crashes get a full explanation (frames and roles), for the HTML report. */
  private final AtomicInteger explanationsLeft;

  /**
   * @param baseline null to use each crash's production signature
   * @param source where crash IDs are looked up; may be null when the inputs are all documents
   * @param jobs how many inputs are handled at once, and in what batches
   */
  public DiffRunner(SignatureGenerator baseline, SignatureGenerator candidate, CrashSource source, Jobs jobs) {
    this(baseline, candidate, source, jobs, 0);
  }

  /**
   * @param explanations how many changed crashes get their walks explained frame by frame in
   *     {@link DiffRow#explanation()}; the first to be signed, so with several jobs which ones
   *     can vary when more crashes change than this
   */
  public DiffRunner(SignatureGenerator baseline, SignatureGenerator candidate, CrashSource source, Jobs jobs, int explanations) {
    this.explanationsLeft = new AtomicInteger(explanations);
    this.baseline = baseline;
    this.candidate = candidate;
    this.loader = new CrashLoader(source);
    this.jobs = jobs;
    this.explainer = new Explainer(
        baseline == null ? Explainer.Side.production("production") : new Explainer.Side("baseline", baseline),
        new Explainer.Side("candidate", candidate));
    this.usage = explainer.change().map(LineUsage::new).orElse(null);
  }

  /** The lines the candidate adds and removes; empty when the baseline is production. */
  public Optional<SiglistChange> change() {
    return explainer.change();
  }

  /** What the changed lines matched in the crashes signed so far; empty when the baseline is production. */
  public Optional<LineUsage> lineUsage() {
    return Optional.ofNullable(usage);
  }

  /**
   * Hands out a row per input until the inputs run out or {@code stop} says so. A bug that
   * throws while one input is handled becomes that input's "internal error" row.
   */
  public OrderedParallelMap.Outcome run(Iterator<? extends DiffInput> inputs, Consumer<DiffRow> rows, BooleanSupplier stop)
      throws InterruptedException {
    return new OrderedParallelMap<DiffInput, DiffRow>(this::row, DiffRunner::internalError, jobs)
        .weighing(DiffInput::bytes, DiffInput.MAX_BYTES_IN_FLIGHT)
        .run(inputs, rows, stop);
  }

  static DiffRow internalError(DiffInput input, Throwable error) {
    StackTraceElement[] trace = error.getStackTrace();
    String detail = "internal error at " + input.where() + ": " + error + (trace.length > 0 ? " (at " + trace[0] + ")" : "");
    if (input instanceof DiffInput.Lookup lookup) {
      return DiffRow.failed(lookup.id().value(), true, "internal error", detail);
    }
    if (input instanceof DiffInput.Document document && document.crashId() != null) {
      return DiffRow.failed(document.crashId(), true, "internal error", detail);
    }
    return DiffRow.failed(input.where(), false, "internal error", detail);
  }

  /**
   * The row for one input; never throws for bad input, which becomes an error row. The row's
   * crash ID cell of bad input says where it came from, so its error does not repeat it.
   */
  public DiffRow row(DiffInput input) {
    CrashLoader.Loaded loaded = loader.load(input);
    if (loaded instanceof CrashLoader.Failed failed) {
      return failed.row();
    }
    CrashLoader.Crash crash = (CrashLoader.Crash) loaded;
    return sign(crash.crashId(), crash.linkable(), crash.production(), crash.crashData());
  }

  private DiffRow sign(String crashId, boolean linkable, String production, CrashData crashData) {
    SignatureResult candidateResult;
    SignatureResult baselineResult = null;
    TraceableResult candidateRun = null;
    TraceableResult baselineRun = null;
    try {
      if (baseline != null) {
        // Signed so that a crash that moved is attributed from what signing it made, without
        // signing it again: when siglists years apart are compared, half the crashes move.
        candidateRun = candidate.generateTraceable(crashData);
        baselineRun = baseline.generateTraceable(crashData);
        candidateResult = candidateRun.result();
        baselineResult = baselineRun.result();
      } else {
        candidateResult = candidate.generate(crashData);
      }
    } catch (UnsignableCrashException e) {
      return DiffRow.failed(crashId, linkable, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return DiffRow.failed(crashId, linkable, "generation failed", "signature generation failed: " + e);
    }
    if (baselineResult == null && production == null) {
      return DiffRow.failed(
          crashId, linkable, "no production signature", "the baseline is production, and this document has no stored signature");
    }
    String baselineSignature = baselineResult != null ? baselineResult.signature() : production;
    Cause cause = null;
    CrashExplanation explanation = null;
    try {
      if (usage != null) {
        usage.observe(
            baselineRun != null ? LineUsage.framesOf(baselineRun) : LineUsage.framesOf(baseline, crashData, baselineResult),
            candidateRun != null ? LineUsage.framesOf(candidateRun) : LineUsage.framesOf(candidate, crashData, candidateResult));
      }
      // Attribution traces the walks of both sides: only for the crashes that moved.
      if (!baselineSignature.equals(candidateResult.signature())) {
        if (explanationsLeft.get() > 0 && explanationsLeft.getAndDecrement() > 0) {
          explanation = explainer.explain(crashData, production);
          cause = explanation.cause();
        } else if (baselineRun != null) {
          cause = explainer.cause(baselineRun.trace(), candidateRun.trace());
        } else {
          cause = explainer.cause(crashData);
        }
      }
    } catch (UnsignableCrashException e) {
      // A siglist line generation never reached on a frame ran out of time in attribution.
      return DiffRow.failed(crashId, linkable, e.kind(), e.getMessage());
    }
    return new DiffRow(
        crashId,
        linkable,
        production,
        baselineSignature,
        candidateResult.signature(),
        baselineResult != null ? baselineResult.notes() : List.of(),
        candidateResult.notes(),
        baselineResult != null ? baselineResult.debugLog() : List.of(),
        candidateResult.debugLog(),
        null,
        null,
        cause,
        explanation);
  }
}
