package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;

/**
 * Regenerates a shutdown hang's signature from thread 0 and prepends {@code shutdownhang}.
 * Unlike upstream, it uses its own generator's siglists, so a candidate set applies to shutdown
 * hangs too.
 */
final class SignatureRunWatchDog extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SignatureRunWatchDog";
  private final SignatureGenerationRule generation;

  SignatureRunWatchDog(SignatureGenerationRule generation) {
    super(NAME);
    this.generation = generation;
  }

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return result.signature().contains("RunWatchdog");
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    generation.action(crashData.withCrashingThread(0), result);
    result.setSignature(name(), "shutdownhang | " + result.signature());
  }

  @Override
  public CrashData walked(CrashData crashData, boolean failed) {
    return failed ? null : crashData.withCrashingThread(0);
  }
}
