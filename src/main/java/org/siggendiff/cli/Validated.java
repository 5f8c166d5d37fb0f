package org.siggendiff.cli;

/**
 * A command or option group that checks its options once they are parsed and before the command
 * runs, so that a bad value is a usage error before any input is read or request made.
 */
interface Validated {
  void validate() throws UsageError;
}
