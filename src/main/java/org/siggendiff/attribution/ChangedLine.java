package org.siggendiff.attribution;

import java.util.Objects;
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

  // Written out: the generated ones are method-handle chains, slow until compiled, and a large
  // change puts thousands of these in maps while the run starts and ends.
  @Override
  public boolean equals(Object o) {
    return o instanceof ChangedLine other && kind == other.kind && line == other.line && Objects.equals(change, other.change) && Objects.equals(text, other.text);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * kind.ordinal() + line) + Objects.hashCode(change)) + Objects.hashCode(text);
  }
}
