package org.siggendiff.siglist;

/** A siglist source that cannot be resolved or loaded: a configuration error. */
public final class SiglistSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  public SiglistSourceException(String message) {
    super(message);
  }
}
