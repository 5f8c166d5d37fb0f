package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** JSON read, written and quoted as Python does it, for the application's Python-exact output. */
class PythonJsonTest {
  @Test
  void readsWhatPythonReadsAndRefusesWhatItRefusesWithItsMessage() throws Exception {
    assertEquals("NaN", PythonJson.loads("{\"a\": NaN}").get("a").asText());
    IOException e = assertThrows(IOException.class, () -> PythonJson.loads("\uFEFF{}"));
    assertEquals("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)", e.getMessage());
  }

  @Test
  void writesAsJsonDumpsWithIndentAndSortedKeys() throws Exception {
    assertEquals("{\n  \"a\": [\n    1,\n    \"\\u00e9\"\n  ],\n  \"b\": {}\n}",
        PythonJson.dumpSortedIndented(PythonJson.loads("{\"b\": {}, \"a\": [1, \"\u00e9\"]}")));
  }

  @Test
  void writesAsJsonDumpsWithIndentInTheMembersOrder() throws Exception {
    assertEquals("{\n  \"b\": {},\n  \"a\": [\n    1,\n    \"\\u00e9\"\n  ],\n  \"c\": []\n}",
        PythonJson.dumpIndented(PythonJson.loads("{\"b\": {}, \"a\": [1, \"\u00e9\"], \"c\": []}")));
  }

  @Test
  void quotesAsReprWithControlCharactersEscaped() throws Exception {
    assertEquals("\"it's\\x1b[31m\"", PythonJson.repr("it's\u001b[31m"));
    assertEquals("'plain'", PythonJson.repr("plain"));
    assertEquals("{'a': None, 'b': True}", PythonJson.repr(PythonJson.loads("{\"a\": null, \"b\": true}")));
    assertEquals("None", PythonJson.repr((JsonNode) null));
  }
}
