package org.siggendiff.internal.stack;

import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A normalized frame's text and what the siglists say about it. Normalization depends on the
 * line-number list only, so a memoized frame serves every siglist set with that list ({@link
 * FrameMemos}); what the other lists say is each set's own, asked only when a signature walk
 * needs it and then kept in the frame under the set's side. A memoized function name also says
 * how a line number joins it ({@code withLine}, {@code rust}).
 */
final class NormalizedFrame {
  static final int IRRELEVANT = 1;
  static final int PREFIX = 2;
  /** The bits a side keeps: its {@link #IRRELEVANT} and {@link #PREFIX} once known, and whether it is a sentinel. */
  private static final int CLASSES_KNOWN = 4;
  private static final int SENTINEL_KNOWN = 8;
  private static final int SENTINEL = 16;
  private static final int BITS_PER_SIDE = 5;
  /** How many siglist sets one frame can answer for. */
  static final int MAX_SIDES = Long.SIZE / BITS_PER_SIDE;

  final String text;
  /** The line number still has to be appended, and spacing fixed after it. */
  final boolean withLine;
  final boolean rust;
  /**
   * The function's name as the line-number list is asked about it, or null for a frame without
   * a function; kept for tracing, which would otherwise work it out again.
   */
  final String lineNumberSubject;
  /**
   * What each side's lists say, {@link #BITS_PER_SIDE} bits a side. Sides add their bits without
   * a lock: each side's answer is a pure function of the text, so threads that race here at
   * worst lose a side's answer, which is then asked again. Volatile so that the long is read and
   * written whole (a side's bits may straddle its two halves), not for ordering.
   */
  private volatile long sides;

  NormalizedFrame(String text, boolean withLine, boolean rust, String lineNumberSubject) {
    this.text = text;
    this.withLine = withLine;
    this.rust = rust;
    this.lineNumberSubject = lineNumberSubject;
  }

  /** {@link #IRRELEVANT} and {@link #PREFIX} bits for a side, classified by {@code classify} the first time. */
  int classes(int side, ToIntFunction<String> classify) {
    int shift = side * BITS_PER_SIDE;
    long known = sides;
    int mine = (int) (known >>> shift);
    if ((mine & CLASSES_KNOWN) != 0) {
      return mine & (IRRELEVANT | PREFIX);
    }
    int classes = classify.applyAsInt(text);
    sides = known | (long) (classes | CLASSES_KNOWN) << shift;
    return classes;
  }

  /** Whether the frame is one of a side's sentinels, compared the first time. */
  boolean sentinel(int side, Set<String> sentinels) {
    int shift = side * BITS_PER_SIDE;
    long known = sides;
    int mine = (int) (known >>> shift);
    if ((mine & SENTINEL_KNOWN) != 0) {
      return (mine & SENTINEL) != 0;
    }
    boolean sentinel = sentinels.contains(text);
    sides = known | (long) (SENTINEL_KNOWN | (sentinel ? SENTINEL : 0)) << shift;
    return sentinel;
  }
}
