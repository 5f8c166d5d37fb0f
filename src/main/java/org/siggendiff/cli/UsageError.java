package org.siggendiff.cli;

/** A usage or configuration error: the command prints its one-line message and exits 2. */
final class UsageError extends Exception {
  UsageError(String message) {
    super(message);
  }
}
