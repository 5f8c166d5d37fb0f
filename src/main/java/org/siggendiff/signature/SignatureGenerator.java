package org.siggendiff.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.regex.SiglistTimeoutException;
import org.siggendiff.internal.rules.Pipeline;
import org.siggendiff.internal.rules.ResultBuilder;
import org.siggendiff.internal.rules.Rule;
import org.siggendiff.internal.stack.FrameMemos;
import org.siggendiff.internal.stack.Walk;
import org.siggendiff.siglist.SiglistSet;

/**
 * Socorro's signature generator with its default pipeline, built from one siglist set.
 *
 * <p>Safe to use from many threads at once. Its configuration (the siglists and the rules) never
 * changes; what does change are bounded memos that fill as crashes are signed (normalized frames
 * and their siglist classes, siglist matches), kept because real crash sets share most of their
 * frames. A memo only saves work: the result for a crash is the same whatever was signed before,
 * on whichever thread.
 */
public final class SignatureGenerator {
  private final SiglistSet siglists;
  private final FrameMemos memos;
  private final Pipeline pipeline;

  public SignatureGenerator(SiglistSet siglists) {
    this(siglists, new FrameMemos());
  }

  private SignatureGenerator(SiglistSet siglists, FrameMemos memos) {
    this.siglists = siglists;
    this.memos = memos;
    this.pipeline = new Pipeline(siglists, memos);
  }

  /**
   * A generator for other siglists that shares this one's normalized frames while the two sets
   * have the same line-number list, which is all normalization reads: for signing the same
   * crashes with several sets (a diff, a history of versions), each distinct frame is then
   * normalized once and found warm by the next set. Results are those of {@code new
   * SignatureGenerator(siglists)}.
   */
  public SignatureGenerator withSiglists(SiglistSet siglists) {
    return new SignatureGenerator(siglists, memos);
  }

  public SiglistSet siglists() {
    return siglists;
  }

  /**
   * Runs the pipeline; a rule that raises is noted as failed and the next one runs, as
   * Socorro's generator catches every Exception around each rule. A Java error (a bug, or
   * running out of stack or memory) is not a Python exception and is left to the caller.
   *
   * @throws UnsignableCrashException when a siglist line timed out on one of the crash's frames
   */
  public SignatureResult generate(CrashData crashData) {
    ResultBuilder result = new ResultBuilder();
    try {
      for (Rule rule : pipeline.rules()) {
        try {
          if (rule.predicate(crashData, result)) {
            rule.action(crashData, result);
          }
        } catch (PyException e) {
          result.info(rule.name(), "Rule failed: " + e.getMessage());
        }
      }
    } catch (SiglistTimeoutException e) {
      throw timedOut(e);
    }
    return resultOf(result);
  }

  static UnsignableCrashException timedOut(SiglistTimeoutException e) {
    return new UnsignableCrashException(UnsignableCrashException.SIGLIST_TIMEOUT, e.getMessage(), e);
  }

  /**
   * Runs the pipeline as {@link #generate} does, recording each rule that ran and tracing the
   * C signature walks it made, from the frames generation normalized (a rule that raised is
   * walked again). Costs more than generating; for explaining, not for generating in bulk.
   *
   * @throws UnsignableCrashException when a siglist line timed out on one of the crash's frames
   */
  public SignatureTrace trace(CrashData crashData) {
    return generateTraceable(crashData).trace();
  }

  /**
   * Runs the pipeline as {@link #generate} does, keeping what {@link #trace} records but the
   * walks, which {@link TraceableResult#trace} makes when asked. Costs a few percent more than
   * generating, and saves generating again to trace: for a caller that learns from the result
   * whether it wants the trace.
   *
   * @throws UnsignableCrashException when a siglist line timed out on one of the crash's frames
   */
  public TraceableResult generateTraceable(CrashData crashData) {
    try {
      return traceable(crashData);
    } catch (SiglistTimeoutException e) {
      throw timedOut(e);
    }
  }

  private TraceableResult traceable(CrashData crashData) {
    ResultBuilder result = ResultBuilder.forTracing();
    List<SignatureTrace.RuleStep> steps = new ArrayList<>();
    List<TraceableResult.PendingWalk> walks = new ArrayList<>(2);
    for (Rule rule : pipeline.rules()) {
      String before = result.signature();
      String failure = null;
      try {
        if (!rule.predicate(crashData, result)) {
          continue;
        }
        rule.action(crashData, result);
      } catch (PyException e) {
        failure = e.getMessage();
        result.info(rule.name(), "Rule failed: " + failure);
      }
      Supplier<Walk> made = result.takeWalk();
      steps.add(new SignatureTrace.RuleStep(rule.name(), before, result.signature(), failure));
      CrashData walked = rule.walked(crashData, failure != null);
      if (walked != null) {
        // A rule that raised is walked again, so that the walk fails where it failed.
        walks.add(new TraceableResult.PendingWalk(
            rule.name(), walked, failure == null && made != null ? made : () -> pipeline.walk(walked)));
      }
    }
    return new TraceableResult(resultOf(result), steps, walks);
  }

  private static SignatureResult resultOf(ResultBuilder result) {
    List<String> frames = result.normalizedFrames();
    return new SignatureResult(
        result.signature(), result.notes(), result.debugLog(), frames == null ? null : new SignatureResult.Extra(frames));
  }

  /**
   * Traces the C signature walk of the crash's crashing thread with this generator's lists and
   * memos, or null when a Java tool signs it. Raises as generation would. The walk is an
   * implementation type, for the engine's attribution ({@code WalkSubjects}, {@code Explainer}),
   * not API.
   */
  public Walk walk(CrashData crashData) {
    return pipeline.walk(crashData);
  }
}
