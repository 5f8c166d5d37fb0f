package org.siggendiff.internal.py;

import java.util.ArrayList;
import java.util.List;

/** Python {@code str} methods, counting code points as Python does. */
public final class PyStrings {
  private PyStrings() {}

  /** {@code str.isspace()} for one code point: bidi class WS, B or S, or category Zs. */
  public static boolean isSpace(int cp) {
    switch (cp) {
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
          0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }

  /** {@code str.strip()}: removes leading and trailing Python whitespace. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /** {@code str.strip(chars)} for a set of BMP characters. */
  public static String strip(String s, String chars) {
    return rstrip(lstrip(s, chars), chars);
  }

  /** {@code str.lstrip(chars)} for a set of BMP characters. */
  public static String lstrip(String s, String chars) {
    int start = 0;
    while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    return s.substring(start);
  }

  /** {@code str.rstrip(chars)} for a set of BMP characters. */
  public static String rstrip(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code len(str)}: the number of code points. */
  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code s[:n]} for {@code n >= 0}, counted in code points. */
  public static String head(String s, int codePoints) {
    if (codePoints >= s.length()) {
      return s;
    }
    int count = s.codePointCount(0, s.length());
    if (codePoints >= count) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, codePoints));
  }

  /** True when every character is in the printable ASCII range, the common case for signatures. */
  public static boolean isPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Keeps only printable ASCII characters (0x20 to 0x7E), as Socorro's drop_bad_characters. */
  public static String keepPrintableAscii(String s) {
    if (isPrintableAscii(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c <= 0x7E) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The first {@code maxLines} lines of {@code str.splitlines()}, which splits on every line
   * boundary Python recognises; the rest of the text is not looked at.
   */
  public static List<String> splitLines(String s, int maxLines) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = s.length();
    while (i < n && lines.size() < maxLines) {
      char c = s.charAt(i);
      if (isLineBoundary(c)) {
        lines.add(s.substring(start, i));
        if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
      i++;
    }
    if (start < n && lines.size() < maxLines) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  private static boolean isLineBoundary(char c) {
    switch (c) {
      case '\n', '\r', 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
        return true;
      default:
        return false;
    }
  }

  /**
   * Compares two strings by code point, as Python orders {@code str}; Java's
   * {@link String#compareTo} orders by UTF-16 unit and differs for supplementary characters.
   */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
