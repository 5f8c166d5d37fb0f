package org.siggendiff.signature;

import java.util.List;
import org.siggendiff.py.PyException;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.siglist.SiglistTimeoutException;
import org.siggendiff.signature.rules.AbortSignature;
import org.siggendiff.signature.rules.BadHardware;
import org.siggendiff.signature.rules.HungProcess;
import org.siggendiff.signature.rules.OOMSignature;
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

/**
 * Socorro's signature generator with its default pipeline, built from one siglist set.
 * Immutable and safe to use from many threads at once.
 */
public final class SignatureGenerator {
  private final SiglistSet siglists;
  private final List<Rule> pipeline;

  public SignatureGenerator(SiglistSet siglists) {
    this.siglists = siglists;
    SignatureGenerationRule generation = new SignatureGenerationRule(siglists);
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
    Result result = new Result();
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
    return result.toResult();
  }
}
