package org.siggendiff.internal.regex;

import java.time.Duration;
import org.siggendiff.internal.py.PyRepr;

/**
 * A siglist line took longer than its bound to match one frame: a pattern that backtracks
 * without end (Python would hang on it). The crash being signed gets no signature.
 */
public final class SiglistTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How much of the frame the message quotes: frames are untrusted and may be long. */
  private static final int QUOTED = 120;

  private final String where;
  private final String frame;
  private final Duration bound;

  SiglistTimeoutException(String where, String frame, Duration bound) {
    super(
        "siglist pattern timed out: "
            + where
            + " (on frame "
            + PyRepr.reprString(frame.length() > QUOTED ? frame.substring(0, QUOTED) + "..." : frame)
            + ", bound "
            + bound.toMillis()
            + " ms)",
        null,
        false,
        false);
    this.where = where;
    this.frame = frame;
    this.bound = bound;
  }

  /** The same timeout with its line named otherwise. */
  SiglistTimeoutException named(String otherWhere) {
    return new SiglistTimeoutException(otherWhere, frame, bound);
  }

  /** The line whose pattern timed out, as {@code file:line}. */
  public String where() {
    return where;
  }
}
