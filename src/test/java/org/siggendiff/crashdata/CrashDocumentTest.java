package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.siggendiff.testing.Fixtures;

class CrashDocumentTest {
  private static CrashDocument.Classified classify(String singleQuoted) {
    return CrashDocument.classify(Fixtures.json(singleQuoted));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'json_dump': {}, 'threads': []}                 | PROCESSED_CRASH",
      "{'uuid': 'x', 'product': 'Firefox'}              | PROCESSED_CRASH",
      "{'signature': 'EMPTY', 'hang': 1}                | PROCESSED_CRASH",
      "{'uuid': 'x', 'threads': [], 'crashing_thread': 0} | CRASH_DATA",
      "{'original_signature': 'x'}                      | CRASH_DATA",
      "{'abort_message': 'x'}                           | CRASH_DATA",
      "{'processed_crash': {}, 'crash_data': {'threads': []}} | PROCESSED_CRASH",
      "{'crash_data': {}}                               | CRASH_DATA"})
  void tellsTheSchemaByTheKeysPresent(String document, CrashDocument.Kind kind) {
    assertEquals(kind, assertInstanceOf(CrashDocument.Crash.class, classify(document)).kind());
  }

  /** From bytes, a plain processed crash is read in part: what the diff takes from it must not change. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'json_dump': {'threads': [{'frames': [{'function': 'f', 'module': 'm'}]}], 'modules': [{'x': [1, {'y': 2}]}]}, 'signature': 'f'}",
      "{'uuid': 'x', 'crash_id': 'y', 'product': 'Firefox', 'signature': 7}",
      "{'uuid': 'first', 'uuid': 'second', 'json_dump': {}}",
      "{'uuid': 'first', 'uuid': 3, 'json_dump': {}}",
      "{'jso\\u006e_dump': {'crash_info': {'crashing_thread': 0}}, 'uuid': {'a': 1}}",
      "{'uuid': 'x', 'threads': [], 'crashing_thread': 0}",
      "{'processed_crash': {'json_dump': {}}, 'uuid': 'outer'}",
      "{'crash_data': {'threads': []}}",
      "{'something': 'else'}",
      "[1, 2]"})
  void classifyingTheBytesGivesWhatClassifyingTheParsedDocumentGives(String singleQuoted) throws Exception {
    var parsed = Fixtures.json(singleQuoted);
    CrashDocument.Classified fromTree = CrashDocument.classify(parsed);
    CrashDocument.Classified fromBytes = CrashDocument.classify(parsed.toString().getBytes(StandardCharsets.UTF_8));
    if (fromTree instanceof CrashDocument.Crash crash) {
      CrashDocument.Crash read = assertInstanceOf(CrashDocument.Crash.class, fromBytes);
      assertEquals(crash.kind(), read.kind());
      assertEquals(crash.crashIds(), read.crashIds());
      assertEquals(crash.production(), read.production());
      assertEquals(crash.crashData().json(), read.crashData().json());
    } else {
      assertEquals(fromTree, fromBytes);
    }
  }

  /** The partial read passes over most of a processed crash: it must still be all valid JSON. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"json_dump\": {\"modules\": [tru]}, \"uuid\": \"x\"}",
      "{\"json_dump\": {\"modules\": [1,]}, \"uuid\": \"x\"}",
      "{\"json_dump\": {\"modules\": [01]}, \"uuid\": \"x\"}",
      "{\"json_dump\": {}, \"uuid\": \"x\"} {}",
      "\uFEFF{\"json_dump\": {}, \"uuid\": \"x\"}"})
  void aProcessedCrashThatIsNotValidJsonAnywhereIsRefusedFromBytesAsFromText(String text) {
    assertThrows(IOException.class, () -> CrashJson.parse(text));
    assertThrows(IOException.class, () -> CrashDocument.classify(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void namesAWrappedCrashByTheIdsBesideItThenInsideIt() {
    CrashDocument.Crash crash = (CrashDocument.Crash) classify(
        "{'uuid': 'outer-uuid', 'crash_id': 'outer-id', 'processed_crash': {'uuid': 'inner', 'crash_id': 7}}");
    assertEquals(List.of("outer-id", "outer-uuid", "inner"), crash.crashIds());
    assertEquals(Fixtures.json("{'uuid': 'inner', 'crash_id': 7}"), crash.crash());
  }

  @Test
  void aWrapperThatIsNotAnObjectIsNotACrash() {
    assertEquals(new CrashDocument.NotACrash("\"crash_data\" is not a JSON object"), classify("{'crash_data': [1]}"));
  }

  @Test
  void aDocumentOfNeitherSchemaNamesAFewOfItsKeysShortenedAndEscaped() {
    String longKey = "k".repeat(50);
    CrashDocument.NotACrash notACrash =
        (CrashDocument.NotACrash) classify("{'" + longKey + "': 1, 'a\\u202e\\u0007\\\"': 2}");
    assertEquals("not a crash document: keys \"" + "k".repeat(40) + "...\", \"a\\u202e\\u0007\\\"\"", notACrash.reason());
  }

  @Test
  void everyCrashDataKeyTheAdapterWritesIsACrashDataKey() {
    var adapted = CrashDataAdapter.fromProcessedCrash(Fixtures.json(
        "{'json_dump': {}, 'java_exception': {}, 'java_stack_trace': 'x'}")).json();
    adapted.fieldNames().forEachRemaining(key -> assertTrue(CrashDocument.CRASH_DATA_KEYS.contains(key), key));
    CrashDocument.CRASH_DATA_KEYS.forEach(key -> assertFalse(CrashDocument.PROCESSED_CRASH_KEYS.contains(key), key));
  }
}
