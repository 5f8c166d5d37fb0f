package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyStrings;

/** Trims the signature, turns other white space into spaces, and collapses runs of spaces. */
final class SigFixWhitespace extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SigFixWhitespace";

  SigFixWhitespace() {
    super(NAME);
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    String original = result.signature();
    if (isAlreadyFixed(original)) {
      return;
    }
    String stripped = PyStrings.strip(original);
    StringBuilder sb = new StringBuilder(stripped.length());
    boolean previousWasSpace = false;
    for (int i = 0; i < stripped.length(); ) {
      int cp = stripped.codePointAt(i);
      i += Character.charCount(cp);
      if (PyStrings.isSpace(cp)) {
        if (!previousWasSpace) {
          sb.append(' ');
        }
        previousWasSpace = true;
      } else {
        sb.appendCodePoint(cp);
        previousWasSpace = false;
      }
    }
    String fixed = sb.toString();
    if (!fixed.equals(original)) {
      result.setSignature(name(), fixed);
    }
  }

  /**
   * Whether a signature of printable ASCII has no space at either end and no run of spaces:
   * nearly every signature, which then need not be rebuilt.
   */
  private static boolean isAlreadyFixed(String signature) {
    int length = signature.length();
    if (length == 0 || signature.charAt(0) == ' ' || signature.charAt(length - 1) == ' ') {
      return length == 0;
    }
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = signature.charAt(i);
      if (c < ' ' || c > '~' || (c == ' ' && previous == ' ')) {
        return false;
      }
      previous = c;
    }
    return true;
  }
}
