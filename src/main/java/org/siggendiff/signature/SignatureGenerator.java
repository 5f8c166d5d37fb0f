package org.siggendiff.signature;

import java.util.ArrayList;
import java.util.List;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.py.PyException;
import org.siggendiff.py.PyInt;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.siglist.SiglistTimeoutException;
import org.siggendiff.signature.rules.AbortSignature;
import org.siggendiff.signature.rules.BadHardware;
import org.siggendiff.signature.rules.HungProcess;
import org.siggendiff.signature.rules.OOMSignature;
import org.siggendiff.signature.rules.ResultBuilder;
import org.siggendiff.signature.rules.Rule;
import org.siggendiff.signature.rules.SigFixWhitespace;
import org.siggendiff.signature.rules.SigPrintableCharsOnly;
import org.siggendiff.signature.rules.SigTruncate;
import org.siggendiff.signature.rules.SignatureGenerationRule;
import org.siggendiff.signature.rules.SignatureIPCChannelError;
import org.siggendiff.signature.rules.SignatureIPCMessageName;
import org.siggendiff.signature.rules.SignatureRunWatchDog;
import org.siggendiff.signature.rules.SignatureShutdownTimeout;
import org.siggendiff.signature.rules.StackOverflowSignature;
import org.siggendiff.signature.rules.StackwalkerErrorSignatureRule;
import org.siggendiff.signature.stack.Walk;

/**
 * Socorro's signature generator with its default pipeline, built from one siglist set.
 * Immutable and safe to use from many threads at once.
 */
public final class SignatureGenerator {
  private final SiglistSet siglists;
  private final SignatureGenerationRule generation;
  private final List<Rule> pipeline;

  public SignatureGenerator(SiglistSet siglists) {
    this.siglists = siglists;
    this.generation = new SignatureGenerationRule(siglists);
    this.pipeline =
        List.of(
            generation,
            new StackwalkerErrorSignatureRule(),
            new BadHardware(),
            new OOMSignature(),
            new AbortSignature(),
            new SignatureShutdownTimeout(),
            new SignatureRunWatchDog(generation),
            new SignatureIPCChannelError(),
            new SignatureIPCMessageName(),
            new StackOverflowSignature(),
            new HungProcess(),
            new SigPrintableCharsOnly(),
            new SigFixWhitespace(),
            new SigTruncate());
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
      for (Rule rule : pipeline) {
        try {
          if (rule.predicate(crashData, result)) {
            rule.action(crashData, result);
          }
        } catch (PyException e) {
          result.info(rule.name(), "Rule failed: " + e.getMessage());
        }
      }
    } catch (SiglistTimeoutException e) {
      throw new UnsignableCrashException("siglist timeout", e.getMessage(), e);
    }
    return resultOf(result);
  }

  /**
   * Runs the pipeline as {@link #generate} does, recording each rule that ran and tracing the
   * C signature walks it made. Costs a second walk per thread walked; for explaining, not for
   * generating in bulk.
   */
  public SignatureTrace trace(CrashData crashData) {
    ResultBuilder result = new ResultBuilder();
    List<SignatureTrace.RuleStep> steps = new ArrayList<>();
    List<SignatureTrace.ThreadWalk> walks = new ArrayList<>();
    for (Rule rule : pipeline) {
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
      steps.add(new SignatureTrace.RuleStep(rule.name(), before, result.signature(), failure));
      if (rule == generation) {
        walk(rule.name(), crashData, PyInt.str(crashData.crashingThread()), walks);
      } else if (rule instanceof SignatureRunWatchDog && failure == null) {
        walk(rule.name(), crashData.withCrashingThread(0), "0", walks);
      }
    }
    return new SignatureTrace(resultOf(result), steps, walks);
  }

  private static SignatureResult resultOf(ResultBuilder result) {
    List<String> frames = result.normalizedFrames();
    return new SignatureResult(
        result.signature(), result.notes(), result.debugLog(), frames == null ? null : new SignatureResult.Extra(frames));
  }

  private void walk(String rule, CrashData crashData, String thread, List<SignatureTrace.ThreadWalk> walks) {
    try {
      Walk walk = generation.walk(crashData);
      if (walk != null) {
        walks.add(new SignatureTrace.ThreadWalk(rule, thread, walk, null));
      }
    } catch (PyException e) {
      walks.add(new SignatureTrace.ThreadWalk(rule, thread, null, e.getMessage()));
    }
  }
}
