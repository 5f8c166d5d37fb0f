package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyStrings;

/** Strips the signature and drops every character that is not printable ASCII. */
final class SigPrintableCharsOnly extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SigPrintableCharsOnly";

  SigPrintableCharsOnly() {
    super(NAME);
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    String original = result.signature();
    String cleaned = PyStrings.keepPrintableAscii(PyStrings.strip(original));
    if (!cleaned.equals(original)) {
      result.setSignature(name(), cleaned);
      result.info(name(), "unprintable characters removed");
    }
  }
}
