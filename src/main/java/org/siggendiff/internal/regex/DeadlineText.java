package org.siggendiff.internal.regex;

/**
 * The text a bounded match reads: reading it after the deadline throws {@link Expired}, which
 * is how a backtracking {@link java.util.regex.Matcher} is stopped. The clock is read once
 * every {@value #CHECK_EVERY} characters, so the bound costs little.
 */
final class DeadlineText implements CharSequence {
  private static final int CHECK_EVERY = 1 << 10;

  private final String text;
  private final long deadlineNanos;
  private int reads;

  DeadlineText(String text, long deadlineNanos) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & (CHECK_EVERY - 1)) == 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new Expired();
    }
    return text.charAt(index);
  }

  /** How many characters the match has read: its work, whatever the clock or the collector did meanwhile. */
  long reads() {
    return reads;
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }

  /** The deadline passed. */
  static final class Expired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Expired() {
      super(null, null, false, false);
    }
  }
}
