package org.siggendiff.siglist;

/** A siglist set that cannot be loaded; the message names the file and, where known, the line. */
public final class SiglistException extends Exception {
  private static final long serialVersionUID = 1L;

  public SiglistException(String message) {
    super(message);
  }

  public SiglistException(String message, Throwable cause) {
    super(message, cause);
  }
}
