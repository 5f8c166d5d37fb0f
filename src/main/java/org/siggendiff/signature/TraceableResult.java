package org.siggendiff.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyInt;
import org.siggendiff.internal.regex.SiglistTimeoutException;
import org.siggendiff.internal.stack.Walk;

/**
 * A generated signature with what its trace takes kept: the rules that ran, and for each C
 * signature walk the work to make it from, done only when the trace is asked for. For a caller
 * that learns from the result whether it wants the trace: a diff, which explains only the
 * crashes that moved, then need not generate them again.
 */
public final class TraceableResult {
  private final SignatureResult result;
  private final List<SignatureTrace.RuleStep> steps;
  private final List<PendingWalk> walks;
  /** Made on the first call of {@link #trace}. */
  private SignatureTrace trace;

  /** A walk a rule made, or is to be made again when the rule raised; of the crash data it walked. */
  record PendingWalk(String rule, CrashData walked, Supplier<Walk> walker) {}

  TraceableResult(SignatureResult result, List<SignatureTrace.RuleStep> steps, List<PendingWalk> walks) {
    this.result = result;
    this.steps = List.copyOf(steps);
    this.walks = List.copyOf(walks);
  }

  /** The result, exactly as {@link SignatureGenerator#generate} gives it. */
  public SignatureResult result() {
    return result;
  }

  /**
   * The trace, its walks made on the first call and kept.
   *
   * @throws UnsignableCrashException when a siglist line timed out on a frame only a walk reached
   */
  public synchronized SignatureTrace trace() {
    if (trace == null) {
      trace = traced();
    }
    return trace;
  }

  private SignatureTrace traced() {
    List<SignatureTrace.ThreadWalk> made = new ArrayList<>(walks.size());
    try {
      for (PendingWalk pending : walks) {
        String thread = PyInt.str(pending.walked().crashingThread());
        try {
          Walk walk = pending.walker().get();
          if (walk != null) {
            made.add(new SignatureTrace.ThreadWalk(pending.rule(), thread, walk, null));
          }
        } catch (PyException e) {
          made.add(new SignatureTrace.ThreadWalk(pending.rule(), thread, null, e.getMessage()));
        }
      }
    } catch (SiglistTimeoutException e) {
      throw SignatureGenerator.timedOut(e);
    }
    return new SignatureTrace(result, steps, made);
  }
}
