package org.siggendiff.report;

/**
 * Makes untrusted crash text safe to print: every code point that is not a visible character
 * becomes a visible escape, so crash data can never drive a terminal, hide text, or disguise
 * what it says. One rule for every writer and the summary.
 *
 * <p>Escaped: control characters (Cc), format characters (Cf, such as bidirectional overrides
 * and zero-width joiners), private-use (Co) and unassigned (Cn) code points, line and paragraph
 * separators (Zl, Zp), lone surrogates, and the remaining default-ignorable code points, which
 * render as nothing: variation selectors, tag characters (U+E0000 block), Hangul fillers and the
 * like. Escapes follow Python's: {@code \xNN} up to U+00FF, a backslash, u and four hex digits up to U+FFFF, and
 * {@code \UNNNNNNNN} above, lowercase hex.
 */
public final class TerminalText {
  private TerminalText() {}

  /** Every unsafe character escaped, newlines included. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!(c >= 0x20 && c < 0x7F) && (Character.isSurrogate(c) || !isVisible(c))) {
        break;
      }
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isVisible(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xFF) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp <= 0xFFFF) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    }
    return sb.toString();
  }

  /** Whether a code point is shown as itself. */
  public static boolean isVisible(int cp) {
    if (cp >= 0x20 && cp < 0x7F) {
      return true;
    }
    if (isDefaultIgnorable(cp)) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
      default -> true;
    };
  }

  /**
   * Unicode's Default_Ignorable_Code_Point set, less what the categories above already cover:
   * characters with a visible category that still render as nothing.
   */
  private static boolean isDefaultIgnorable(int cp) {
    return cp == 0x034F // combining grapheme joiner
        || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
        || cp == 0x17B4 || cp == 0x17B5 // Khmer inherent vowels
        || (cp >= 0x180B && cp <= 0x180F) // Mongolian variation selectors
        || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
        || (cp >= 0xE0000 && cp <= 0xE0FFF); // tags and variation selectors supplement
  }
}
