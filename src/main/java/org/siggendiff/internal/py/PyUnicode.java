package org.siggendiff.internal.py;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Unicode properties Python 3.11 gives code points (Unicode 14.0), from a table written by
 * {@code scripts/python-unicode-data}. The JDK's own differ on thousands of code points (JDK 17
 * has Unicode 13.0, JDK 25 16.0), and a signature must not depend on the JDK that made it.
 * Latin-1, where every Unicode version agrees, is answered by the JDK without the table.
 */
public final class PyUnicode {
  private PyUnicode() {}

  /** The general category of {@code cp}, as a {@link Character#getType(int)} constant. */
  public static int category(int cp) {
    return cp < 0x100 ? Character.getType(cp) : Categories.INSTANCE.category(cp);
  }

  /** The value of {@code cp} as a decimal digit (category Nd), or -1 when it is not one. */
  public static int decimalValue(int cp) {
    if (cp < 0x100) {
      return cp >= '0' && cp <= '9' ? cp - '0' : -1;
    }
    return Categories.INSTANCE.decimalValue(cp);
  }

  /** {@code str.isprintable()} for one code point. */
  public static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (category(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  /** {@code str.lower()}: the full mappings, and a capital sigma made final where it ends a word. */
  public static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return Lowercase.INSTANCE.lower(s);
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * The non-ASCII code points of {@code \w} in a {@code str} pattern (letters and numbers), as
   * the inside of a {@code java.util.regex} character class.
   */
  public static String wordClassBeyondAscii() {
    return WordClass.TEXT;
  }

  /** The non-ASCII code points of {@code \d} (decimal digits), as the inside of a character class. */
  public static String digitClassBeyondAscii() {
    return DigitClass.TEXT;
  }

  private static final class WordClass {
    static final String TEXT = Categories.INSTANCE.javaClass(false);
  }

  private static final class DigitClass {
    static final String TEXT = Categories.INSTANCE.javaClass(true);
  }

  /** A code point of a decoded table: two chars, its high and low sixteen bits. */
  private static int codePoint(char[] table, int at) {
    return table[at] << 16 | table[at + 1];
  }

  /** The general categories, decoded when a code point beyond Latin-1 or a class first needs them. */
  private static final class Categories {
    static final Categories INSTANCE = new Categories();

    private final int[] starts;
    private final byte[] types;

    private Categories() {
      // An array, not charAt: this runs once, mostly before the compiler has seen it.
      char[] runs = PythonUnicodeData.CATEGORY_RUNS.toCharArray();
      starts = new int[runs.length / 3];
      types = new byte[starts.length];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = codePoint(runs, 3 * i);
        types[i] = (byte) runs[3 * i + 2];
      }
    }

    private int run(int cp) {
      int at = Arrays.binarySearch(starts, cp);
      return at >= 0 ? at : -at - 2;
    }

    int category(int cp) {
      return types[run(cp)];
    }

    int decimalValue(int cp) {
      int run = run(cp);
      // Digits come in runs of ten from zero, and adjacent runs share one category run (the
      // generator checks that every digit's value follows from its run's start).
      return types[run] == Character.DECIMAL_DIGIT_NUMBER ? (cp - starts[run]) % 10 : -1;
    }

    /**
     * The non-ASCII decimal digits, or letters and numbers, as nested Java classes that split
     * the ranges in halves, each guarded by its span: Java tries a class's members one by one,
     * and a flat list of hundreds of ranges would be tried in full for most text.
     */
    String javaClass(boolean digitsOnly) {
      int[] ranges = new int[2 * starts.length];
      int count = 0;
      for (int run = 0; run < starts.length; run++) {
        int first = Math.max(starts[run], 0x80);
        int last = run + 1 < starts.length ? starts[run + 1] - 1 : Character.MAX_CODE_POINT;
        int type = types[run];
        boolean wanted = digitsOnly
            ? type == Character.DECIMAL_DIGIT_NUMBER
            : (type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER)
                || (type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER);
        if (last < first || !wanted) {
          continue;
        }
        if (count > 0 && ranges[2 * count - 1] == first - 1) {
          ranges[2 * count - 1] = last;
        } else {
          ranges[2 * count] = first;
          ranges[2 * count + 1] = last;
          count++;
        }
      }
      StringBuilder sb = new StringBuilder();
      appendHalves(sb, ranges, 0, count);
      return sb.toString();
    }

    private static void appendHalves(StringBuilder sb, int[] ranges, int from, int to) {
      if (to - from <= 8) {
        for (int i = from; i < to; i++) {
          appendRange(sb, ranges[2 * i], ranges[2 * i + 1]);
        }
        return;
      }
      int middle = (from + to) >>> 1;
      appendGuarded(sb, ranges, from, middle);
      appendGuarded(sb, ranges, middle, to);
    }

    private static void appendGuarded(StringBuilder sb, int[] ranges, int from, int to) {
      sb.append('[');
      appendRange(sb, ranges[2 * from], ranges[2 * to - 1]);
      sb.append("&&[");
      appendHalves(sb, ranges, from, to);
      sb.append("]]");
    }

    private static void appendRange(StringBuilder sb, int first, int last) {
      sb.append("\\x{").append(Integer.toHexString(first)).append('}');
      if (last != first) {
        sb.append("-\\x{").append(Integer.toHexString(last)).append('}');
      }
    }
  }

  /** The lowercase mappings and the two properties of a final sigma, decoded when first needed. */
  private static final class Lowercase {
    static final Lowercase INSTANCE = new Lowercase();

    private final int[] keys;
    private final String[] values;
    private final int[] cased;
    private final int[] caseIgnorable;

    private Lowercase() {
      char[] table = PythonUnicodeData.LOWERCASE.toCharArray();
      int entries = 0;
      for (int i = 0; i < table.length; i += 3 + 2 * table[i + 2]) {
        entries++;
      }
      keys = new int[entries];
      values = new String[entries];
      for (int i = 0, entry = 0; entry < entries; entry++) {
        keys[entry] = codePoint(table, i);
        int length = table[i + 2];
        StringBuilder mapped = new StringBuilder(2);
        for (int k = 0; k < length; k++) {
          mapped.appendCodePoint(codePoint(table, i + 3 + 2 * k));
        }
        values[entry] = mapped.toString();
        i += 3 + 2 * length;
      }
      cased = codePoints(PythonUnicodeData.CASED);
      caseIgnorable = codePoints(PythonUnicodeData.CASE_IGNORABLE);
    }

    private static int[] codePoints(String encoded) {
      char[] table = encoded.toCharArray();
      int[] codePoints = new int[table.length / 2];
      for (int i = 0; i < codePoints.length; i++) {
        codePoints[i] = codePoint(table, 2 * i);
      }
      return codePoints;
    }

    String lower(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        if (cp == 0x3A3) {
          sb.append(endsWord(s, i) ? '\u03C2' : '\u03C3');
        } else if (cp < 0x80) {
          sb.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp);
        } else {
          int at = Arrays.binarySearch(keys, cp);
          if (at >= 0) {
            sb.append(values[at]);
          } else {
            sb.appendCodePoint(cp);
          }
        }
        i += Character.charCount(cp);
      }
      return sb.toString();
    }

    /**
     * Whether the capital sigma at {@code at} ends a word, as CPython decides: a cased letter
     * before it and none after it, Case_Ignorable code points skipped both ways.
     */
    private boolean endsWord(String s, int at) {
      int before = at;
      int cp = -1;
      while (before > 0) {
        cp = s.codePointBefore(before);
        before -= Character.charCount(cp);
        if (!in(caseIgnorable, cp)) {
          break;
        }
        cp = -1;
      }
      if (cp < 0 || !in(cased, cp)) {
        return false;
      }
      for (int after = at + 1; after < s.length(); ) {
        cp = s.codePointAt(after);
        after += Character.charCount(cp);
        if (!in(caseIgnorable, cp)) {
          return !in(cased, cp);
        }
      }
      return true;
    }

    private static boolean in(int[] ranges, int cp) {
      int low = 0;
      int high = ranges.length / 2 - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (cp < ranges[2 * mid]) {
          high = mid - 1;
        } else if (cp > ranges[2 * mid + 1]) {
          low = mid + 1;
        } else {
          return true;
        }
      }
      return false;
    }
  }
}
