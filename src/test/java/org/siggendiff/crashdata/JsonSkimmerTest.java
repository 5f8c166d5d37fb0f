package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSkimmerTest {
  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the top-level object, keeping the values of {@code keep} and passing over the rest. */
  private static Map<String, JsonNode> read(String json, Set<String> keep) throws IOException {
    JsonSkimmer skimmer = new JsonSkimmer(bytes(json));
    Map<String, JsonNode> kept = new LinkedHashMap<>();
    skimmer.readObject(key -> {
      if (keep.contains(key)) {
        kept.put(key, skimmer.readValue());
      } else {
        skimmer.skipValue();
      }
    });
    skimmer.expectEnd();
    return kept;
  }

  @Test
  void passesOverNestedValuesWhoseStringsHoldBracketsQuotesAndBackslashes() throws IOException {
    Map<String, JsonNode> kept = read(
        "{\"a\": [\"]\", \"\\\"}\", {\"b\": [1, {\"c\": \"\\\\\"}]}, \"{[\"], \"k\": 7, \"z\": {}}", Set.of("k"));

    assertEquals(Map.of("k", CrashJson.parse("7")), kept);
  }

  @Test
  void readsValuesAsJacksonDoesWhateverTheirType() throws IOException {
    String[] values = {
      "\"plain\"", "\"caf\u00e9\"", "\"tab\\there\"", "\"\\u00e9\\ud83d\\ude00\"", "\"\"", "null", "true", "false",
      "\"mozilla::dom::Element::SetAttribute(int, nsAtom*)\"", "\"C:\\\\builds\\\\worker\\/a.cpp \\\"q\\\" \\b\\f\\n\\r\\t\"",
      "\"a long name, then caf\u00e9 \u4e2d\u6587 \ud83d\ude00 and more text after it\"", "\"\\uD800 lone \\udfff\"",
      "\"escapes and caf\u00e9 \\n together\"", "\"\u007f delete\"", "2147483647", "2147483648", "-9223372036854775808",
      "999999999999999999", "-0", "1e2", "-0.0",
      "0", "-12", "123456789012345678901234567890", "1.5e3", "NaN", "-Infinity", "[1, [2, {\"x\": null}]]",
      "{\"a\": {\"b\": []}}"
    };
    for (String value : values) {
      assertEquals(CrashJson.parse(value), read("{\"v\": " + value + "}", Set.of("v")).get("v"), value);
    }
  }

  @Test
  void readsValuesNestedAsDeepAsPythonDecodes() throws IOException {
    // The outer object, 992 arrays and the inner object: CrashJson.MAX_DEPTH levels.
    String deep = "[".repeat(992) + "{\"x\": 1}" + "]".repeat(992);

    JsonNode node = read("{\"v\": " + deep + "}", Set.of("v")).get("v");
    int depth = 0;
    while (node.isArray()) {
      assertEquals(1, node.size());
      node = node.get(0);
      depth++;
    }
    assertEquals(992, depth);
    assertEquals(CrashJson.parse("{\"x\": 1}"), node);
  }

  @Test
  void aValueJacksonRefusesIsNamedByItsByteInTheDocumentWithoutJacksonsNoteOfWhere() {
    byte[] json = bytes("{\"k\": \"ab\"}");
    json[8] = (byte) 0xff;
    JsonSkimmer skimmer = new JsonSkimmer(json);
    IOException e = assertThrows(IOException.class, () -> skimmer.readObject(key -> skimmer.readValue()));
    assertEquals("bad value at byte 6: Invalid UTF-8 start byte 0xff", e.getMessage());
  }

  @Test
  void decodesEscapedKeysBeforeComparingThem() throws IOException {
    assertEquals(Set.of("json_dump"), read("{\"json\\u005fdump\": 1}", Set.of("json_dump")).keySet());
  }

  @Test
  void acceptsWhitespaceBetweenAllTokens() throws IOException {
    Map<String, JsonNode> kept = read(" {\n\t\"a\" :\r\n [ 1 , { } ] ,\n  \"b\"  :  \"x\"  \n} \n", Set.of("a", "b"));

    assertEquals(CrashJson.parse("[1, {}]"), kept.get("a"));
    assertEquals("x", kept.get("b").textValue());
  }

  @Test
  void visitsArrayElementsInOrderAndRemembersWhereEachStarts() throws IOException {
    byte[] json = bytes("[10, \"b\" , {\"c\": 3}]");
    JsonSkimmer skimmer = new JsonSkimmer(json);
    List<Integer> starts = new ArrayList<>();
    skimmer.readArray(index -> {
      assertEquals(starts.size(), index);
      starts.add(skimmer.position());
      skimmer.skipValue();
    });

    assertEquals(CrashJson.parse("{\"c\": 3}"), skimmer.at(starts.get(2), 1).readValue());
    assertEquals("b", skimmer.at(starts.get(1), 1).readValue().textValue());
  }

  @Test
  void aCheckedDocumentIsReadAsAnUncheckedOneJumpingOverWhatItPassesBy() throws IOException {
    byte[] json = bytes("{\"skip\": {\"deep\": [1, {\"x\": \"]\"}]}, \"keep\": [\"a\", {}], \"also\": [[], {\"y\": 2}]}");
    JsonChecker.Spans spans = JsonChecker.check(json);
    // The span of "skip" ends at its closing brace, wherever brackets inside strings are.
    int skipStart = new String(json, StandardCharsets.UTF_8).indexOf("{\"deep");
    assertEquals(new String(json, StandardCharsets.UTF_8).indexOf("}, \"keep"), spans.endOf(skipStart));
    for (JsonSkimmer skimmer : List.of(new JsonSkimmer(json), new JsonSkimmer(json, spans))) {
      List<String> read = new ArrayList<>();
      skimmer.readObject(key -> {
        if (key.equals("skip")) {
          skimmer.skipValue();
        } else {
          read.add(key + "=" + skimmer.readValue());
        }
      });
      skimmer.expectEnd();
      assertEquals(List.of("keep=[\"a\",{}]", "also=[[],{\"y\":2}]"), read);
    }
  }

  @Test
  void passesOverContainersWhereverTheyStartWithEscapesQuotesAndBracketsInTheirStrings() throws IOException {
    String[] containers = {
      "[\"]\", \"\\\"}\", {\"b\": [1, {\"c\": \"\\\\\"}]}, \"{[\"]",
      "{\"path\": \"d:\\\\agent\\\\_work\\\\s\\\\src\\\\[x]\", \"q\": \"say \\\"}]\\\" twice \\\"{[\\\"\"}",
      "[Infinity, -Infinity, NaN, \"Yy_\\u007f\", {\"_y\": [\"Y\"], \"yY\": {}}]",
      "[\"a string longer than a word, with ] and } and [ and { inside\", [[[[]]]], {}]",
      "[\"ends in an escaped backslash \\\\\", \"\\\\\", \"\\\\\\\\\", \"\\\"\"]",
      "[\"caf\u00e9 \u65e5\u672c [\", \"\u00e9\u00e9\u00e9\u00e9]\"]",
    };
    for (String container : containers) {
      assertTrue(CrashJson.parse(container).isContainerNode(), container);
      // Every alignment of the container on eight-byte words, and in the last bytes.
      for (int pad = 0; pad < 17; pad++) {
        String json = "{\"skip\": " + " ".repeat(pad) + container + ", \"k\": " + pad + "}";
        assertEquals(Map.of("k", CrashJson.parse(String.valueOf(pad))), read(json, Set.of("k")), json);
        assertEquals(Map.of(), read("{\"skip\": " + " ".repeat(pad) + container + "}", Set.of()), json);
      }
    }
  }

  @Test
  void saysWhereAPassedOverContainerGoesWrongWhereverItStarts() {
    for (int pad = 0; pad < 17; pad++) {
      int at = "{\"skip\": ".length() + pad;
      String before = "{\"skip\": " + " ".repeat(pad);
      assertEquals("unterminated string at byte " + (at + 4),
          assertThrows(IOException.class, () -> read(before + "[1, \"unterminated, \\\"}]}", Set.of())).getMessage());
      assertEquals("unmatched '}' at byte " + (at + 17),
          assertThrows(IOException.class, () -> read(before + "[\"a long string\" }, 1]}", Set.of())).getMessage());
      assertEquals("unclosed '[' at byte " + (at + 20),
          assertThrows(IOException.class, () -> read(before + "{\"a\": [\"b\", {\"c\": 1}", Set.of())).getMessage());
    }
  }

  @Test
  void refusesBrokenOutlinesSayingWhere() {
    String[] broken = {
      "{\"a\": \"unterminated}", "{\"a\": [1}", "{\"a\": [1, 2", "{\"a\": 1 \"b\": 2}", "{\"a\" 1}", "{a: 1}",
      "{\"a\": 1,}", "{\"a\": 1} x", "{\"a\": }", "{\"a\": 1"
    };
    for (String json : broken) {
      IOException e = assertThrows(IOException.class, () -> read(json, Set.of()), json);
      assertTrue(e.getMessage().contains("at byte "), e.getMessage());
    }
  }

  @Test
  void refusesValuesThatAreReadAndNotValidJson() {
    for (String value : new String[] {"tru", "01", "1x", "\"raw\tcontrol\"", "'single'"}) {
      assertThrows(IOException.class, () -> read("{\"v\": " + value + "}", Set.of("v")), value);
    }
  }

  @Test
  void refusesStringsJacksonRefusesWhateverTheirLength() {
    String[] bad = {"\"bad \\x escape in a longer string\"", "\"\\u12\"", "\"\\u12g4 and more text\"",
      "\"a raw\ncontrol character in a long string\""};
    for (String value : bad) {
      assertThrows(IOException.class, () -> read("{\"v\": " + value + "}", Set.of("v")), value);
    }
    byte[] badUtf8 = bytes("{\"v\": \"a long string, then a lone byte X and more\"}");
    badUtf8[new String(badUtf8, StandardCharsets.ISO_8859_1).indexOf('X')] = (byte) 0xC3;
    assertThrows(IOException.class, () -> {
      JsonSkimmer skimmer = new JsonSkimmer(badUtf8);
      skimmer.readObject(key -> skimmer.readValue());
    });
  }

  @Test
  void checksOnlyTheOutlineOfValuesItPassesOver() throws IOException {
    assertEquals(Map.of(), read("{\"v\": [tru, 01, {\"x\" 1}]}", Set.of()));
  }
}
