package org.siggendiff.history;

import java.util.List;

/**
 * A range that cannot be read: a ref that does not exist, no siglist files, git failing, one
 * line for the user; or a commit's broken siglists, one line per problem.
 */
public final class HistoryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public HistoryException(String message) {
    this(List.of(message));
  }

  public HistoryException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** What is wrong, one problem per element. */
  public List<String> problems() {
    return problems;
  }
}
