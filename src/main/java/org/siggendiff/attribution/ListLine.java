package org.siggendiff.attribution;

import java.util.Objects;
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

  // Written out: the generated ones are method-handle chains, slow until compiled, and a large
  // change puts thousands of these in maps while the run starts and ends.
  @Override
  public boolean equals(Object o) {
    return o instanceof ListLine other && kind == other.kind && index == other.index && fileLine == other.fileLine && Objects.equals(text, other.text);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * kind.ordinal() + index) + fileLine) + Objects.hashCode(text);
  }
}
