package org.siggendiff.internal.regex;

import java.time.Duration;
import org.siggendiff.internal.py.PyRepr;

/**
 * A siglist line went past a bound matching one frame: its time bound, as a pattern that
 * backtracks without end does (Python would hang on it), the matching time it may spend over a
 * whole run, or the deepest stack a match is given (Java's regex engine recurses once per
 * repetition of a group, where Python's loops). The crash being signed gets no signature.
 */
public final class SiglistTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How much of the frame the message quotes: frames are untrusted and may be long. */
  private static final int QUOTED = 120;

  /** What bound the line went past. */
  private enum Reason {
    TIMED_OUT,
    SPENT,
    TOO_DEEP
  }

  private final String where;
  private final String frame;
  /** The time bound, or the characters the line's backtracking may read in a run; unused when the stack ran out. */
  private final long bound;
  private final Reason reason;

  SiglistTimeoutException(String where, String frame, Duration bound) {
    this(where, frame, bound.toMillis(), Reason.TIMED_OUT);
  }

  private SiglistTimeoutException(String where, String frame, long bound, Reason reason) {
    super(message(where, frame, bound, reason), null, false, false);
    this.where = where;
    this.frame = frame;
    this.bound = bound;
    this.reason = reason;
  }

  /** The line {@code where} has backtracked through its {@code budget} of characters over the run, and is not run on {@code frame}. */
  static SiglistTimeoutException spent(String where, String frame, long budget) {
    return new SiglistTimeoutException(where, frame, budget, Reason.SPENT);
  }

  /** The line {@code where} repeats a group more times on {@code frame} than the deepest stack a match is given holds. */
  static SiglistTimeoutException tooDeep(String where, String frame) {
    return new SiglistTimeoutException(where, frame, 0, Reason.TOO_DEEP);
  }

  private static String message(String where, String frame, long bound, Reason reason) {
    return switch (reason) {
      case TIMED_OUT -> "siglist pattern timed out: " + where + " (on frame " + quoted(frame) + ", bound " + bound + " ms)";
      case SPENT -> "siglist pattern timed out: " + where + " has backtracked through " + bound
          + " characters in this run, about ten time bounds' worth (not run on frame " + quoted(frame) + ")";
      case TOO_DEEP -> "siglist pattern too deep to match: " + where + " (on frame " + quoted(frame) + " of " + frame.length() + " characters)";
    };
  }

  private static String quoted(String frame) {
    return PyRepr.reprString(frame.length() > QUOTED ? frame.substring(0, QUOTED) + "..." : frame);
  }

  /** The same failure with its line named otherwise. */
  SiglistTimeoutException named(String otherWhere) {
    return new SiglistTimeoutException(otherWhere, frame, bound, reason);
  }

  /** The line whose pattern timed out, as {@code file:line}. */
  public String where() {
    return where;
  }
}
