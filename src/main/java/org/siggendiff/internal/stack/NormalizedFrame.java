package org.siggendiff.internal.stack;

import java.util.function.ToIntFunction;

/**
 * A normalized frame's text and what the siglists say about it. Whether it is a sentinel is
 * known from the start; whether it is irrelevant or a prefix, which takes regular expressions,
 * is asked only when a signature walk reaches the frame, and then kept: a memoized frame is
 * shared by every crash that has it. A memoized function name also says how a line number
 * joins it ({@code withLine}, {@code rust}).
 */
final class NormalizedFrame {
  static final int IRRELEVANT = 1;
  static final int PREFIX = 2;
  private static final int UNKNOWN = -1;

  final String text;
  final boolean sentinel;
  /** The line number still has to be appended, and spacing fixed after it. */
  final boolean withLine;
  final boolean rust;
  /**
   * The function's name as the line-number list is asked about it, or null for a frame without
   * a function; kept for tracing, which would otherwise work it out again.
   */
  final String lineNumberSubject;
  /**
   * Siglist classes once asked for. An int is written whole and the value is a pure function
   * of the text, so threads that race here at worst compute it twice.
   */
  private int classes = UNKNOWN;

  NormalizedFrame(String text, boolean sentinel, boolean withLine, boolean rust, String lineNumberSubject) {
    this.text = text;
    this.sentinel = sentinel;
    this.withLine = withLine;
    this.rust = rust;
    this.lineNumberSubject = lineNumberSubject;
  }

  /** {@link #IRRELEVANT} and {@link #PREFIX} bits, classified by {@code classify} the first time. */
  int classes(ToIntFunction<String> classify) {
    int known = classes;
    if (known == UNKNOWN) {
      known = classify.applyAsInt(text);
      classes = known;
    }
    return known;
  }
}
