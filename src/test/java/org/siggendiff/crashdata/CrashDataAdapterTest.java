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

  private static String threads(String crashingThread, String... threads) {
    return "{'json_dump': {'threads': [" + String.join(", ", threads) + "], 'crash_info': {'crashing_thread': "
        + crashingThread + "}}}";
  }

  @Test
  void keepsTheCrashingThreadAndThreadZeroInTheirPlacesAndNullsTheOthers() throws IOException {
    String[] four = {"{'frames': [], 'n': 0}", "{'n': 1}", "{'n': 2}", "{'n': 3}"};

    assertEquals("[{'frames':[],'n':0},null,{'n':2},null]".replace('\'', '"'),
        read(threads("2", four)).at("/json_dump/threads").toString());
    assertEquals("[{'n':0},null,null,{'n':3}]".replace('\'', '"'),
        read(threads("-1", "{'n': 0}", "{'n': 1}", "{'n': 2}", "{'n': 3}")).at("/json_dump/threads").toString(),
        "a negative index counts from the end, as glom does");
    assertEquals("[{'n':0},null,{'n':2},null]".replace('\'', '"'),
        read(threads("' 2 '", "{'n': 0}", "{'n': 1}", "{'n': 2}", "{'n': 3}")).at("/json_dump/threads").toString(),
        "int() of a string");
  }

  @Test
  void keepsOnlyThreadZeroWhenTheCrashingThreadIsNotAnIndex() throws IOException {
    for (String crashingThread : new String[] {"null", "'x'", "7", "-5", "[1]", "1e400"}) {
      assertEquals("[{'n':0},null]".replace('\'', '"'),
          read(threads(crashingThread, "{'n': 0}", "{'n': 1}")).at("/json_dump/threads").toString(), crashingThread);
    }
  }

  @Test
  void findsTheCrashingThreadWhereverCrashInfoComesAndWhateverTheThreadsAre() throws IOException {
    JsonNode crash = read("{'json_dump': {'crash_info': {'crashing_thread': 1}, 'threads': [{'n': 0}, 'odd', 3]},"
        + " 'signature': 's'}");

    assertEquals("[{'n':0},'odd',null]".replace('\'', '"'), crash.at("/json_dump/threads").toString());
    assertEquals("[]", read("{'json_dump': {'threads': []}}").at("/json_dump/threads").toString());
  }

  @Test
  void readsTheThreadsCrashInfoNamedBeforeThemAndStillHonoursARepeatedKeyAfter() throws IOException {
    String before = "{'json_dump': {'crash_info': {'crashing_thread': 1}, 'threads': [{'n': 0}, {'n': 1}, {'n': 2}]";

    assertEquals("[{'n':0},{'n':1},null]".replace('\'', '"'),
        read(before + "}}").at("/json_dump/threads").toString());
    assertEquals("[{'n':0},null,{'n':2}]".replace('\'', '"'),
        read(before + ", 'crash_info': {'crashing_thread': 2}}}").at("/json_dump/threads").toString(),
        "crash_info repeated after the threads names another one");
    assertEquals("[{'n':5},{'n':6}]".replace('\'', '"'),
        read(before + ", 'threads': [{'n': 5}, {'n': 6}]}}").at("/json_dump/threads").toString(),
        "threads repeated: the last array's threads");
    assertEquals("'none'".replace('\'', '"'),
        read(before + ", 'threads': 'none'}}").at("/json_dump/threads").toString());
  }

  @Test
  void readsTheDocumentInTheFirstBytesOfALongerArrayAndNothingAfterIt() throws IOException {
    byte[] bytes = "{\"uuid\": \"u\"}{\"uuid\": \"after\"}".getBytes(StandardCharsets.UTF_8);

    assertEquals("u", CrashDataAdapter.readProcessedCrash(bytes, 13).get("uuid").asText());
    assertThrows(IOException.class, () -> CrashDataAdapter.readProcessedCrash(bytes, 11), "cut inside the string");
    assertThrows(IOException.class, () -> CrashDataAdapter.readProcessedCrash(bytes, 14), "a byte of the next one");
  }

  @Test
  void readsPrettyPrintedDocumentsAsCompactOnes() throws IOException {
    String compact = "{'uuid':'u','json_dump':{'modules':[{'x':[1,2]}],'threads':[{'frames':[{'function':'f',"
        + "'registers':{}}]}],'crash_info':{'crashing_thread':0}},'hang':true}";
    String pretty = compact.replace(",", " ,\n  ").replace(":", " :\t").replace("{", "{\r\n ");

    assertEquals(read(compact), read(pretty));
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    assertThrows(IOException.class, () -> read("[1]"));
    assertThrows(IOException.class, () -> read("{} {}"));
    assertThrows(IOException.class, () -> read("{'json_dump': {'modules': [1, 2}}"));
    assertThrows(IOException.class, () -> read("{'signature': tru}"));
  }
}
