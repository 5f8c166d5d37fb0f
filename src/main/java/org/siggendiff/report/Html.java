package org.siggendiff.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Text for an HTML page from untrusted crash text: element and attribute text escaped, and JSON
 * that is inert inside a {@code <script type="application/json">} block. Every string is cleaned
 * of invisible characters first, as in every other report.
 */
final class Html {
  /**
   * ASCII-only JSON with {@code < > &} escaped as {@code \u003c} and so on, so that no {@code
   * </script>} or {@code <!--} can end or change the block; U+2028 and U+2029 are escaped along
   * with every other non-ASCII character.
   */
  private static final ObjectWriter SCRIPT_JSON;

  static {
    JsonFactory factory = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    factory.setCharacterEscapes(new ScriptEscapes());
    SCRIPT_JSON = JsonMapper.builder(factory).build().writer();
  }

  private Html() {}

  /** Text for an element or a quoted attribute. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    String clean = TerminalText.clean(text);
    StringBuilder sb = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Crash text as the page shows it: invisible characters made visible. */
  static String clean(String text) {
    return text == null ? null : TerminalText.clean(text);
  }

  /** JSON safe to put between {@code <script type="application/json">} and {@code </script>}. */
  static String scriptJson(JsonNode node) {
    try {
      return SCRIPT_JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }

  private static final class ScriptEscapes extends CharacterEscapes {
    private final int[] escapes;

    ScriptEscapes() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
