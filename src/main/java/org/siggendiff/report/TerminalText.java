package org.siggendiff.report;

/**
 * Makes untrusted crash text safe to print: control characters, invisible format characters
 * (such as bidirectional overrides), line separators and lone surrogates become visible
 * escapes, so crash data can never drive a terminal or disguise what it says.
 */
public final class TerminalText {
  private TerminalText() {}

  /** Every unsafe character escaped, newlines included. */
  public static String clean(String text) {
    return escape(text, false);
  }

  /** Like {@link #clean}, but newlines stay, for multi-line cells. */
  public static String cleanKeepingNewlines(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepNewlines) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && isSafe(text.charAt(i), keepNewlines)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp > 0xFFFF || isSafe((char) cp, keepNewlines)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xFF) {
        sb.append(String.format("\\x%02x", cp));
      } else {
        sb.append(String.format("\\u%04x", cp));
      }
    }
    return sb.toString();
  }

  private static boolean isSafe(char c, boolean keepNewlines) {
    if (c >= 0x20 && c < 0x7F) {
      return true;
    }
    if (c == '\n') {
      return keepNewlines;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
      default -> true;
    };
  }
}
