package org.siggendiff.signature.rules;

import org.siggendiff.py.PyRepr;
import org.siggendiff.py.PyValues;
import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.Result;
import org.siggendiff.signature.Rule;

/** Appends the minidump-stackwalk status to an {@code EMPTY} signature. */
public final class StackwalkerErrorSignatureRule extends Rule {
  @Override
  public boolean predicate(CrashData crashData, Result result) {
    return result.signature().startsWith("EMPTY")
        && PyValues.truthy(crashData.get("mdsw_status_string"));
  }

  @Override
  public void action(CrashData crashData, Result result) {
    result.setSignature(
        name(), result.signature() + "; " + PyRepr.str(crashData.get("mdsw_status_string")));
  }
}
