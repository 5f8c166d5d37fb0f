package org.siggendiff.attribution;

import org.siggendiff.siglist.SiglistKind;

/**
 * A siglist line present on one side only: {@code +} a line the candidate adds, {@code -} a
 * line it removes. An edited line is the old line's {@code -} and the new line's {@code +}.
 *
 * @param kind the list
 * @param line 1-based line number in the file of its own side (the baseline's for {@code -})
 * @param change {@code "+"} or {@code "-"}
 * @param text the line, stripped
 */
public record ChangedLine(SiglistKind kind, int line, String change, String text) {
  public static final String ADDED = "+";
  public static final String REMOVED = "-";

  static ChangedLine of(ListLine line, String change) {
    return new ChangedLine(line.kind(), line.fileLine(), change, line.text());
  }

  public String file() {
    return kind.fileName();
  }

  public boolean added() {
    return ADDED.equals(change);
  }

  /** {@code file:line}. */
  public String location() {
    return kind.fileName() + ":" + line;
  }

  /** {@code + file:line text}, as reports show it. */
  @Override
  public String toString() {
    return change + " " + location() + " " + text;
  }
}
