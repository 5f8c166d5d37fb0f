package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrashDataAdapterTest {
  private static JsonNode read(String json) throws IOException {
    return CrashDataAdapter.readProcessedCrash(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsOnlyWhatSignatureGenerationReads() throws IOException {
    JsonNode crash = read("{'uuid': 'u', 'signature': 's', 'product': 'Firefox', 'json_dump': {'modules': [1, 2],"
        + " 'crash_info': {'crashing_thread': 0}, 'threads': [{'thread_name': 'Main', 'last_error_value': 'E',"
        + " 'frames': [{'frame': 0, 'trust': 'context', 'registers': {'rip': '0x1'}, 'module': 'xul.dll',"
        + " 'function': 'f', 'file': 'a.cpp', 'line': 3, 'offset': '0x2', 'inlines': [{'function': 'g', 'extra': 1}]},"
        + " 'not a frame']}, 7]}}");

    assertEquals(
        read("{'uuid': 'u', 'signature': 's', 'json_dump': {'crash_info': {'crashing_thread': 0}, 'threads':"
            + " [{'thread_name': 'Main', 'last_error_value': 'E', 'frames': [{'module': 'xul.dll', 'function': 'f',"
            + " 'file': 'a.cpp', 'line': 3, 'offset': '0x2', 'inlines': [{'function': 'g', 'extra': 1}]},"
            + " 'not a frame']}, 7]}}"),
        crash);
    assertEquals(3, crash.size());
  }

  @Test
  void aRepeatedKeyKeepsItsLastValueAndOddShapesAreKeptWhole() throws IOException {
    JsonNode crash = read("{'json_dump': {'threads': {'frames': 1}}, 'json_dump': {'threads': 'none'}, 'hang': 1}");

    assertEquals("none", crash.at("/json_dump/threads").asText());
    assertEquals(1, crash.get("hang").asInt());
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    assertThrows(IOException.class, () -> read("[1]"));
    assertThrows(IOException.class, () -> read("{} {}"));
  }
}
