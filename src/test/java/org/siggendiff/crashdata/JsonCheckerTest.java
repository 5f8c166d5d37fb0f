package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checker accepts exactly the documents Jackson's reader, configured as {@link CrashJson}
 * configures it, reads without an error: compared on odd tokens, on nesting at the limit, and on
 * thousands of random edits of real documents.
 */
class JsonCheckerTest {
  /** Whether Jackson's reader takes the bytes, token by token, as one JSON value. */
  private static boolean jacksonAccepts(byte[] json) {
    try (JsonParser parser = CrashJson.mapper().createParser(json)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (StreamConstraintsException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean checkerAccepts(byte[] json) {
    try {
      JsonChecker.check(json);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void assertSameVerdict(String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    assertEquals(jacksonAccepts(bytes), checkerAccepts(bytes), document);
  }

  @Test
  void oddTokensAreTakenOrRefusedAsJacksonDoes() {
    List<String> tokens = List.of(
        "NaN", "Infinity", "-Infinity", "+Infinity", "INF", "-INF", "+INF", "+1", "-NaN", "+NaN", "nan",
        "infinity", "Infinity1", "NaNx", "NaN_", "Infinity$", "1.", ".1", "01", "-01", "00", "1e5", "1E+5",
        "1e", "-", "--1", "1.5e-3", "0.0", "-0", "-0.0e-0", "1e+", "1ee5", "true", "truex", "true1", "nullnull",
        "tru", "false", "fals", "null", "\"a\\x\"", "\"\\u00zz\"", "\"\\u00e9\"", "\"\\u00E9\"", "\"\\u12\"",
        "\"\t\"", "\"\u007f\"", "\"\u0001\"", "\"\\/\"", "\"\\'\"", "\"é\"", "1 2", "1,", "[1,]", "{\"a\":1,}",
        "{,}", "{\"a\" 1}", "{1:2}", "{\"a\":}", "{\"a\"}", "-Inf", "Infinit", "NaN.5", "1.5.5", "0x1", "1_0",
        "é", "\"unterminated", "[", "]", "{", "}", "{\"a\":1}}", "[[]]]", "\f1", "1\u000b", "'a'", "/*c*/1",
        "[1]//", "\"\\", "\"\\u", "1" + "0".repeat(100_001), "1" + "0".repeat(99_999));
    for (String token : tokens) {
      assertSameVerdict(token);
      assertSameVerdict("[" + token + "]");
      assertSameVerdict("{\"k\": " + token + "}");
      assertSameVerdict(" [ 1 , " + token + " ] ");
    }
    assertSameVerdict("");
    assertSameVerdict("   ");
  }

  @Test
  void nestingIsAllowedUpToTheReadersLimitAndRefusedBeyondIt() throws IOException {
    String deepest = "[".repeat(CrashJson.MAX_DEPTH) + "]".repeat(CrashJson.MAX_DEPTH);
    String tooDeep = "[".repeat(CrashJson.MAX_DEPTH + 1) + "]".repeat(CrashJson.MAX_DEPTH + 1);
    assertSameVerdict(deepest);
    assertSameVerdict(tooDeep);
    JsonChecker.check(deepest.getBytes(StandardCharsets.US_ASCII));
    IOException refused = assertThrows(IOException.class, () -> JsonChecker.check(tooDeep.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(CrashJson.tooDeep().getMessage(), refused.getMessage());
  }

  @Test
  void randomEditsOfRealDocumentsAreTakenOrRefusedAsJacksonDoes() throws IOException {
    List<String> documents = Files.readAllLines(Path.of("corpora/demo/processed-crashes.jsonl"));
    String[] pieces = {"{", "}", "[", "]", "\"", ",", ":", "\\", " ", "\n", "\t", "\u0001", "0", "1", "-", "+", ".", "e",
        "E", "n", "t", "f", "N", "I", "x", "é", "\\u", "\\n", "NaN", "true", "null", "-Infinity", "+INF"};
    Random random = new Random(16);
    int refused = 0;
    for (int round = 0; round < 4_000; round++) {
      StringBuilder document = new StringBuilder(documents.get(random.nextInt(documents.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(document.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> document.insert(at, pieces[random.nextInt(pieces.length)]);
          case 1 -> {
            if (at < document.length()) {
              document.deleteCharAt(at);
            }
          }
          default -> {
            if (at < document.length()) {
              document.setCharAt(at, pieces[random.nextInt(pieces.length)].charAt(0));
            }
          }
        }
      }
      byte[] bytes = document.toString().getBytes(StandardCharsets.UTF_8);
      boolean jackson = jacksonAccepts(bytes);
      assertEquals(jackson, checkerAccepts(bytes), "round " + round + ": " + document);
      refused += jackson ? 0 : 1;
    }
    // Both verdicts must be common for the comparison to mean anything.
    assertEquals(true, refused > 1_000 && refused < 3_900, "refused " + refused + " of 4000");
  }
}
