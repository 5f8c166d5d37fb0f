package org.siggendiff.signature.rules;

import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.Result;
import org.siggendiff.signature.Rule;

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
  public boolean predicate(CrashData crashData, Result result) {
    return result.signature().contains("RunWatchdog");
  }

  @Override
  public void action(CrashData crashData, Result result) {
    generation.action(crashData.withCrashingThread(0), result);
    result.setSignature(name(), "shutdownhang | " + result.signature());
  }
}
