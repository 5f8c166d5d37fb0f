package org.siggendiff.signature.rules;

import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.Result;
import org.siggendiff.signature.Rule;

/** Runs one rule the way the generator does, starting from a given signature. */
final class RuleTesting {
  private RuleTesting() {}

  static Result run(Rule rule, CrashData data, String signature) {
    Result result = new Result();
    if (!signature.isEmpty()) {
      result.setSignature("Setup", signature);
    }
    if (rule.predicate(data, result)) {
      rule.action(data, result);
    }
    return result;
  }
}
