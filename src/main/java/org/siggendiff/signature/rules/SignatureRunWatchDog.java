package org.siggendiff.signature.rules;

import org.siggendiff.crashdata.CrashData;

/**
 * Regenerates a shutdown hang's signature from thread 0 and prepends {@code shutdownhang}.
 * Unlike upstream, it uses its own generator's siglists, so a candidate set applies to shutdown
 * hangs too.
 */
public final class SignatureRunWatchDog extends Rule {
  private final SignatureGenerationRule generation;

  public SignatureRunWatchDog(SignatureGenerationRule generation) {
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
}
