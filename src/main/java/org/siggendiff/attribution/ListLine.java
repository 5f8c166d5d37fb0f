package org.siggendiff.attribution;

import org.siggendiff.siglist.SiglistKind;

/**
 * One effective line of a siglist file.
 *
 * @param kind the list
 * @param index its 0-based index among the list's effective lines (comments and blanks skipped)
 * @param fileLine its 1-based line number in the file
 * @param text the line, stripped
 */
public record ListLine(SiglistKind kind, int index, int fileLine, String text) {
  public String file() {
    return kind.fileName();
  }

  /** {@code file:line}. */
  public String location() {
    return kind.fileName() + ":" + fileLine;
  }
}
