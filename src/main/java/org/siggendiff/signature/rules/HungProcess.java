package org.siggendiff.signature.rules;

import org.siggendiff.py.PyRepr;
import org.siggendiff.py.PyValues;
import org.siggendiff.crashdata.CrashData;

/** Prepends {@code hang: <value>} when the crash carries a hang annotation of any value. */
public final class HungProcess extends Rule {
  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return !PyValues.isNone(crashData.get("hang"));
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    result.setSignature(
        name(), "hang: " + PyRepr.str(crashData.get("hang")) + " | " + result.signature());
  }
}
