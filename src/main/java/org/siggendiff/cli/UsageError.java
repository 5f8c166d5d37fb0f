package org.siggendiff.cli;

import java.util.List;
import org.siggendiff.report.TerminalText;

/**
 * A usage or configuration error: Main prints each of its lines with the command's name and exits 2.
 * Most are one line; a broken siglist set is one line per problem, so all are fixed in one round.
 */
final class UsageError extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> lines;

  UsageError(String message) {
    this(List.of(message));
  }

  UsageError(List<String> lines) {
    super(String.join("\n", lines));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a usage error needs a line");
    }
    this.lines = List.copyOf(lines);
  }

  /** A value given on the command line, as a message shows it: escaped, and {@code ''} when empty. */
  static String given(String value) {
    return value.isEmpty() ? "''" : TerminalText.clean(value);
  }

  /** What is wrong, one line each, without the command's name. */
  List<String> lines() {
    return lines;
  }
}
