package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyStrings;

/** Truncates signatures longer than 255 characters to 252 characters and {@code ...}. */
final class SigTruncate extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SigTruncate";

  SigTruncate() {
    super(NAME);
  }
  /** The longest signature Socorro keeps. */
  public static final int SIGNATURE_MAX_LENGTH = 255;

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return PyStrings.length(result.signature()) > SIGNATURE_MAX_LENGTH;
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    result.setSignature(name(), PyStrings.head(result.signature(), SIGNATURE_MAX_LENGTH - 3) + "...");
    result.info(name(), "SigTrunc: signature truncated due to length");
  }
}
