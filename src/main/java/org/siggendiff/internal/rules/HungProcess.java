package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyValues;

/** Prepends {@code hang: <value>} when the crash carries a hang annotation of any value. */
final class HungProcess extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "HungProcess";

  HungProcess() {
    super(NAME);
  }

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
