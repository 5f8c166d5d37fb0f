package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;

/** Runs one rule the way the generator does, starting from a given signature. */
final class RuleTesting {
  private RuleTesting() {}

  static ResultBuilder run(Rule rule, CrashData data, String signature) {
    ResultBuilder result = new ResultBuilder();
    if (!signature.isEmpty()) {
      result.setSignature("Setup", signature);
    }
    if (rule.predicate(data, result)) {
      rule.action(data, result);
    }
    return result;
  }
}
