package org.siggendiff.siglist;

import java.util.List;

/**
 * A siglist set that cannot be loaded. Each problem names the file and, where known, the line
 * ({@code file:line: problem}); all the problems found are reported at once, so that a broken
 * pull request is fixed in one round. The message is the problems, one per line.
 */
public final class SiglistException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SiglistException(String problem) {
    this(List.of(problem));
  }

  public SiglistException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a siglist exception needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file and line order, each {@code file:line: problem}. */
  public List<String> problems() {
    return problems;
  }
}
