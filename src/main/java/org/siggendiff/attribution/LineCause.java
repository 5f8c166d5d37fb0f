package org.siggendiff.attribution;

import java.util.List;

/**
 * A siglist line that moved a crash, and the normalized frames it matched in the walks: the
 * candidate's frames for an added line, the baseline's for a removed one.
 */
public record LineCause(ChangedLine line, List<String> frames) {
  public LineCause {
    frames = List.copyOf(frames);
  }

  public String file() {
    return line.file();
  }

  public int lineNumber() {
    return line.line();
  }

  public String change() {
    return line.change();
  }

  public String text() {
    return line.text();
  }
}
