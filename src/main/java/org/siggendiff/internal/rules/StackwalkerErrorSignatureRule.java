package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyValues;

/** Appends the minidump-stackwalk status to an {@code EMPTY} signature. */
final class StackwalkerErrorSignatureRule extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "StackwalkerErrorSignatureRule";

  StackwalkerErrorSignatureRule() {
    super(NAME);
  }

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return result.signature().startsWith("EMPTY")
        && PyValues.truthy(crashData.get("mdsw_status_string"));
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    result.setSignature(
        name(), result.signature() + "; " + PyRepr.str(crashData.get("mdsw_status_string")));
  }
}
