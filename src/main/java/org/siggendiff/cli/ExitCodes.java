package org.siggendiff.cli;

/** The exit statuses of every command. */
final class ExitCodes {
  static final int OK = 0;
  /** Only the diff's, under --exit-code: some signature differs. */
  static final int DIFFERENT = 1;
  static final int USAGE = 2;
  static final int UNPROCESSED = 3;
  /** An unexpected exception: 3 too, since whatever the run was doing was not finished. */
  static final int INTERNAL_ERROR = 3;
  /** 128 + SIGINT, as shells report a command that Ctrl-C ended. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
