package org.siggendiff.internal.rules;

import java.util.List;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.stack.FrameMemos;
import org.siggendiff.internal.stack.Walk;
import org.siggendiff.siglist.SiglistSet;

/** Socorro's default rule pipeline, in its order, built on one siglist set. Immutable, but for its memos. */
public final class Pipeline {
  private final SignatureGenerationRule generation;
  private final List<Rule> rules;

  /** @param memos the normalized frames the pipeline shares with those of other siglist sets */
  public Pipeline(SiglistSet siglists, FrameMemos memos) {
    this.generation = new SignatureGenerationRule(siglists, memos);
    this.rules =
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

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The C signature walk of the crashing thread, as the generation rule makes it, or null when
   * the crash is signed from a Java trace or has no C stack.
   */
  public Walk walk(CrashData crashData) {
    return generation.walk(crashData);
  }
}
