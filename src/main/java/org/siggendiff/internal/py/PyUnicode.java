package org.siggendiff.internal.py;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** Whether a {@link Character#getType(int)} category is a letter's (L), what {@code str.isalpha()} takes. */
  public static boolean isLetter(int type) {
    return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER;
  }

  /** Whether a category is a letter's or a number's (L or N), what {@code str.isalnum()} and {@code \w} take. */
  public static boolean isLetterOrNumber(int type) {
    return isLetter(type) || type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
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
        return Casing.INSTANCE.lower(s);
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** The first code point of {@code str.lower()} of {@code cp} alone: what Python's re folds to. */
  public static int lowerCodePoint(int cp) {
    if (cp < 0x80) {
      return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    }
    return Casing.INSTANCE.lower.first(cp);
  }

  /** The first code point of {@code str.upper()} of {@code cp} alone. */
  public static int upperCodePoint(int cp) {
    if (cp < 0x80) {
      return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    }
    return Casing.INSTANCE.upper.first(cp);
  }

  /** The code points whose {@link #lowerCodePoint} is another, in order. */
  public static int[] lowerChanging() {
    return Casing.INSTANCE.lower.changing('A', 'Z');
  }

  /** The code points whose {@link #upperCodePoint} is another, in order. */
  public static int[] upperChanging() {
    return Casing.INSTANCE.upper.changing('a', 'z');
  }

  /**
   * The code points Python's {@code re} also matches under IGNORECASE for the lowercase code
   * point {@code lower} ({@code re._casefix}), or none.
   */
  public static List<Integer> extraCases(int lower) {
    return Casing.INSTANCE.extraCases.getOrDefault(lower, List.of());
  }

  /**
   * The non-ASCII code points of {@code \w} in a {@code str} pattern (letters and numbers), as
   * ranges: first, last, first, last, ... in order.
   */
  public static int[] wordRangesBeyondAscii() {
    return WordRanges.RANGES.clone();
  }

  /** The non-ASCII decimal digits, as ranges: first, last, ... in order. */
  public static int[] digitRangesBeyondAscii() {
    return DigitRanges.RANGES.clone();
  }

  private static final class WordRanges {
    static final int[] RANGES = codePoints(PythonUnicodeData.WORD_RANGES);
  }

  private static final class DigitRanges {
    static final int[] RANGES = codePoints(PythonUnicodeData.DIGIT_RANGES);
  }

  /** A table of code points, two chars each. */
  private static int[] codePoints(String encoded) {
    char[] table = encoded.toCharArray();
    int[] codePoints = new int[table.length / 2];
    for (int i = 0; i < codePoints.length; i++) {
      codePoints[i] = codePoint(table, 2 * i);
    }
    return codePoints;
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
  }

  /** A full case mapping of the code points above U+007F it changes (or any table laid out so). */
  private static final class Mapping {
    private final int[] keys;
    private final String[] values;

    Mapping(String encoded) {
      char[] table = encoded.toCharArray();
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
    }

    /** The mapping of {@code cp}, or null when it maps to itself. */
    String of(int cp) {
      int at = Arrays.binarySearch(keys, cp);
      return at >= 0 ? values[at] : null;
    }

    int first(int cp) {
      String mapped = of(cp);
      return mapped == null ? cp : mapped.codePointAt(0);
    }

    /** The ASCII letters from {@code asciiFirst} to {@code asciiLast}, then every key whose mapping starts elsewhere. */
    int[] changing(char asciiFirst, char asciiLast) {
      int[] changing = new int[asciiLast - asciiFirst + 1 + keys.length];
      int count = 0;
      for (int c = asciiFirst; c <= asciiLast; c++) {
        changing[count++] = c;
      }
      for (int i = 0; i < keys.length; i++) {
        if (values[i].codePointAt(0) != keys[i]) {
          changing[count++] = keys[i];
        }
      }
      return Arrays.copyOf(changing, count);
    }
  }

  /** The case mappings, the two properties of a final sigma and re's extra cases, decoded when first needed. */
  private static final class Casing {
    static final Casing INSTANCE = new Casing();

    final Mapping lower = new Mapping(PythonUnicodeData.LOWERCASE);
    final Mapping upper = new Mapping(PythonUnicodeData.UPPERCASE);
    final Map<Integer, List<Integer>> extraCases;
    private final int[] cased = codePoints(PythonUnicodeData.CASED);
    private final int[] caseIgnorable = codePoints(PythonUnicodeData.CASE_IGNORABLE);

    private Casing() {
      // The same layout as a case mapping: a code point, then those it goes with.
      Mapping table = new Mapping(PythonUnicodeData.SRE_EXTRA_CASES);
      Map<Integer, List<Integer>> extra = new HashMap<>();
      for (int i = 0; i < table.keys.length; i++) {
        extra.put(table.keys[i], table.values[i].codePoints().boxed().toList());
      }
      extraCases = Map.copyOf(extra);
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
          String mapped = lower.of(cp);
          if (mapped != null) {
            sb.append(mapped);
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
