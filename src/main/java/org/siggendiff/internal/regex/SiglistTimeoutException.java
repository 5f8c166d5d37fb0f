package org.siggendiff.internal.regex;

import java.time.Duration;
import org.siggendiff.internal.py.PyRepr;

/**
 * A siglist line went past a bound matching one frame: its time bound, as a pattern that
 * backtracks without end does (Python would hang on it), or the deepest stack a match is given
 * (Java's regex engine recurses once per repetition of a group, where Python's loops). The
 * crash being signed gets no signature.
 */
public final class SiglistTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How much of the frame the message quotes: frames are untrusted and may be long. */
  private static final int QUOTED = 120;

  private final String where;
  private final String frame;
  /** The time bound, or null when the stack ran out. */
  private final Duration bound;

  SiglistTimeoutException(String where, String frame, Duration bound) {
    this(where, frame, bound, "siglist pattern timed out: " + where + " (on frame " + quoted(frame) + ", bound " + bound.toMillis() + " ms)");
  }

  private SiglistTimeoutException(String where, String frame, Duration bound, String message) {
    super(message, null, false, false);
    this.where = where;
    this.frame = frame;
    this.bound = bound;
  }

  /** The line {@code where} repeats a group more times on {@code frame} than the deepest stack a match is given holds. */
  static SiglistTimeoutException tooDeep(String where, String frame) {
    return new SiglistTimeoutException(where, frame, null, tooDeepMessage(where, frame));
  }

  private static String tooDeepMessage(String where, String frame) {
    return "siglist pattern too deep to match: " + where + " (on frame " + quoted(frame) + " of " + frame.length() + " characters)";
  }

  private static String quoted(String frame) {
    return PyRepr.reprString(frame.length() > QUOTED ? frame.substring(0, QUOTED) + "..." : frame);
  }

  /** The same failure with its line named otherwise. */
  SiglistTimeoutException named(String otherWhere) {
    return bound == null ? tooDeep(otherWhere, frame) : new SiglistTimeoutException(otherWhere, frame, bound);
  }

  /** The line whose pattern timed out, as {@code file:line}. */
  public String where() {
    return where;
  }
}
