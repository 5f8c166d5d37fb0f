package org.siggendiff.internal.regex;

/** A pattern that Python's {@code re.compile} rejects, or that cannot be expressed in Java. */
public final class PythonRegexException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;

  public PythonRegexException(String message, int position) {
    this(message, position, true);
  }

  private PythonRegexException(String message, int position, boolean saysWhere) {
    super(saysWhere ? message + " at position " + position : message);
    this.position = position;
  }

  /** What Python raises as a ValueError rather than re.error: its message names no position. */
  static PythonRegexException valueError(String message, int position) {
    return new PythonRegexException(message, position, false);
  }

  /** Index into the pattern, in UTF-16 units, where the problem was found. */
  public int position() {
    return position;
  }
}
