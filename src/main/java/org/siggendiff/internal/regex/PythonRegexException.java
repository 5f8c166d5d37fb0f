package org.siggendiff.internal.regex;

/** A pattern that Python's {@code re.compile} rejects, or that cannot be expressed in Java. */
public final class PythonRegexException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;

  public PythonRegexException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  /** Index into the pattern, in UTF-16 units, where the problem was found. */
  public int position() {
    return position;
  }
}
