package org.siggendiff.signature.rules;

import org.siggendiff.py.PyStrings;
import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.Result;
import org.siggendiff.signature.Rule;

/** Truncates signatures longer than 255 characters to 252 characters and {@code ...}. */
public final class SigTruncate extends Rule {
  /** The longest signature Socorro keeps. */
  public static final int SIGNATURE_MAX_LENGTH = 255;

  @Override
  public boolean predicate(CrashData crashData, Result result) {
    return PyStrings.length(result.signature()) > SIGNATURE_MAX_LENGTH;
  }

  @Override
  public void action(CrashData crashData, Result result) {
    result.setSignature(name(), PyStrings.head(result.signature(), SIGNATURE_MAX_LENGTH - 3) + "...");
    result.info(name(), "SigTrunc: signature truncated due to length");
  }
}
