package org.siggendiff.history;

/** A range that cannot be read: a ref that does not exist, no siglist files, git failing. One line, for the user. */
public final class HistoryException extends Exception {
  private static final long serialVersionUID = 1L;

  public HistoryException(String message) {
    super(message);
  }
}
