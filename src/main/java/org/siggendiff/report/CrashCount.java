package org.siggendiff.report;

/** "1 crash", "2 crashes": every count of crashes a report prints agrees with its number. */
final class CrashCount {
  private CrashCount() {}

  static String of(long count) {
    return count + " " + noun(count);
  }

  static String noun(long count) {
    return count == 1 ? "crash" : "crashes";
  }
}
