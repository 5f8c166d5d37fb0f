package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
