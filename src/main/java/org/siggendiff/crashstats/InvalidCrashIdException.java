package org.siggendiff.crashstats;

/** Input that is not a crash ID in any of the accepted forms. */
public final class InvalidCrashIdException extends Exception {
  public InvalidCrashIdException(String message) {
    super(message);
  }
}
