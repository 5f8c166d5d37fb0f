package org.siggendiff.internal.regex;

import java.util.Arrays;

/** The inside of a {@code java.util.regex} character class, written from code points. */
final class JavaClassText {
  /** Past this many ranges a flat list is split in guarded halves. */
  private static final int FLAT = 8;

  private JavaClassText() {}

  /**
   * Sorted ranges (first, last, first, last, ...) as nested classes that split them in halves,
   * each guarded by its span: Java tries a class's members one by one, and a flat list of
   * hundreds of ranges would be tried in full for most text.
   */
  static String ofRanges(int[] ranges) {
    StringBuilder sb = new StringBuilder();
    appendHalves(sb, ranges, 0, ranges.length / 2);
    return sb.toString();
  }

  /** Sorted, distinct code points, their runs as ranges. */
  static String ofCodePoints(int[] sorted) {
    int[] ranges = new int[2 * sorted.length];
    int count = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (count > 0 && ranges[2 * count - 1] == sorted[i] - 1) {
        ranges[2 * count - 1] = sorted[i];
      } else {
        ranges[2 * count] = sorted[i];
        ranges[2 * count + 1] = sorted[i];
        count++;
      }
    }
    return ofRanges(Arrays.copyOf(ranges, 2 * count));
  }

  static String range(int first, int last) {
    String text = "\\x{" + Integer.toHexString(first) + "}";
    return first == last ? text : text + "-\\x{" + Integer.toHexString(last) + "}";
  }

  private static void appendHalves(StringBuilder sb, int[] ranges, int from, int to) {
    if (to - from <= FLAT) {
      for (int i = from; i < to; i++) {
        sb.append(range(ranges[2 * i], ranges[2 * i + 1]));
      }
      return;
    }
    int middle = (from + to) >>> 1;
    appendGuarded(sb, ranges, from, middle);
    appendGuarded(sb, ranges, middle, to);
  }

  private static void appendGuarded(StringBuilder sb, int[] ranges, int from, int to) {
    sb.append('[').append(range(ranges[2 * from], ranges[2 * to - 1])).append("&&[");
    appendHalves(sb, ranges, from, to);
    sb.append("]]");
  }
}
