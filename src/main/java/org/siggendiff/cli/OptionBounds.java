package org.siggendiff.cli;

/** Range checks for numeric options, so that no value is silently clamped or overflows later. */
final class OptionBounds {
  private OptionBounds() {}

  static void check(String option, long value, long min, long max) throws UsageError {
    if (value < min || value > max) {
      throw new UsageError(option + " must be between " + min + " and " + max + ", not " + value);
    }
  }
}
