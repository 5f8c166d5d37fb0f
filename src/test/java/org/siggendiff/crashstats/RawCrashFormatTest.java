package org.siggendiff.crashstats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.Fixtures;

class RawCrashFormatTest {
  /**
   * raw-crash-fetch-data.json is what Python 3 wrote with fetch-data's own call,
   * {@code json.dump(json.load(answer), fp, indent=2, sort_keys=True)}: escapes, astral keys
   * sorted by code point, floats in repr, NaN, a repeated key, empty containers, no final newline.
   */
  @Test
  void writesTheBytesFetchDataWritesForTheSameAnswer() throws IOException {
    byte[] answer = Files.readAllBytes(Fixtures.resource("crashes/raw-crash-answer.json"));
    byte[] expected = Files.readAllBytes(Fixtures.resource("crashes/raw-crash-fetch-data.json"));
    assertArrayEquals(expected, RawCrashFormat.fetchDataBytes(CrashIds.id(7), answer));
  }

  @Test
  void refusesAnswersThatAreNotOneObjectOfThisCrash() {
    for (String body : new String[] {"[1]", "{\"a\": 1} x", "{\"a\":", "\"text\"", "{\"uuid\": \"" + CrashIds.text(8) + "\"}"}) {
      assertThrows(IOException.class, () -> RawCrashFormat.fetchDataBytes(CrashIds.id(7), body.getBytes(StandardCharsets.UTF_8)), body);
    }
    byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
    IOException e = assertThrows(IOException.class, () -> RawCrashFormat.fetchDataBytes(CrashIds.id(7), notUtf8));
    assertEquals("response is not UTF-8", e.getMessage());
    String deep = "{\"a\":" + "[".repeat(RawCrashFormat.MAX_DEPTH) + "]".repeat(RawCrashFormat.MAX_DEPTH) + "}";
    IOException tooDeep = assertThrows(IOException.class, () -> RawCrashFormat.fetchDataBytes(CrashIds.id(7), deep.getBytes(StandardCharsets.UTF_8)));
    assertEquals("response is nested more than 500 deep", tooDeep.getMessage());
    IOException error = assertThrows(IOException.class,
        () -> RawCrashFormat.fetchDataBytes(CrashIds.id(7), "{\"error\": \"raw \\u001b[31merr\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("the answer is an error, not a raw crash: 'raw \\x1b[31merr'", error.getMessage());
  }
}
