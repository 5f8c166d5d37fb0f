package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;

/**
 * Regenerates a shutdown hang's signature from thread 0 and prepends {@code shutdownhang}.
 * Unlike upstream, it uses its own generator's siglists, so a candidate set applies to shutdown
 * hangs too.
 */
final class SignatureRunWatchDog extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SignatureRunWatchDog";
  /**
   * Socorro copies the crash data with {@code copy.deepcopy} first, two Python frames a level,
   * which raises RecursionError from this depth on (the top object counted), as measured with the
   * reference's {@code ref_signify.py} on its first crash. Python's own figure moves: once its
   * calls are specialized, a process that has copied before gets one level further, and deeper
   * in a stack, as in Socorro's processor, it fails sooner.
   */
  static final int DEEPCOPY_FAILS_AT = 497;

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
    if (nestedAtLeast(crashData.json(), DEEPCOPY_FAILS_AT)) {
      throw PyException.recursionError("maximum recursion depth exceeded while calling a Python object");
    }
    generation.action(crashData.withCrashingThread(0), result);
    result.setSignature(name(), "shutdownhang | " + result.signature());
  }

  /** Whether {@code value} holds arrays and objects nested {@code levels} deep, itself counted. */
  private static boolean nestedAtLeast(JsonNode value, int levels) {
    if (!value.isContainerNode()) {
      return false;
    }
    if (levels <= 1) {
      return true;
    }
    for (JsonNode child : value) {
      if (nestedAtLeast(child, levels - 1)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public CrashData walked(CrashData crashData, boolean failed) {
    return failed ? null : crashData.withCrashingThread(0);
  }
}
