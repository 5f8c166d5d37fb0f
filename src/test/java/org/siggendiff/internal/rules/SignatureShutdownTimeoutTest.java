package org.siggendiff.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.Fixtures.crash;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashData;

class SignatureShutdownTimeoutTest {
  private final SignatureShutdownTimeout rule = new SignatureShutdownTimeout();

  private static CrashData withTimeout(String json) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("async_shutdown_timeout", json);
    return CrashData.of(data);
  }

  @Test
  void replacesTheSignatureWithPhaseAndSortedConditions() {
    ResultBuilder result = RuleTesting.run(rule, withTimeout("{\"phase\": \"quit\", \"conditions\": [{\"name\": \"b\"}, \"a\"]}"), "Foo");
    assertEquals("AsyncShutdownTimeout | quit | a,b", result.signature());
    assertEquals(
        "SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"Foo\"",
        result.notes().get(0));
  }

  @Test
  void noConditionsIsNone() {
    assertEquals("AsyncShutdownTimeout | p | (none)", RuleTesting.run(rule, withTimeout("{\"phase\": \"p\"}"), "Foo").signature());
  }

  @Test
  void nonStringConditionsAreWrittenAsPythonWouldPrintThem() {
    assertEquals(
        "AsyncShutdownTimeout | p | 1e+16,inf",
        RuleTesting.run(rule, withTimeout("{\"phase\": \"p\", \"conditions\": [Infinity, 1e16]}"), "Foo").signature());
  }

  @Test
  void invalidJsonGivesUnknownAndANote() {
    ResultBuilder result = RuleTesting.run(rule, withTimeout("\uFEFF{}"), "Foo");
    assertEquals("AsyncShutdownTimeout | UNKNOWN", result.signature());
    assertTrue(result.notes().get(0).startsWith("SignatureShutdownTimeout: Error parsing AsyncShutdownTimeout: Unexpected UTF-8 BOM"));
  }

  @Test
  void aConditionDictWithoutNameIsAParseError() {
    assertEquals(
        "AsyncShutdownTimeout | p | UNKNOWN",
        RuleTesting.run(rule, withTimeout("{\"phase\": \"p\", \"conditions\": [{}]}"), "Foo").signature());
  }

  @Test
  void doesNothingWithoutTheAnnotation() {
    assertEquals("Foo", RuleTesting.run(rule, crash("{}"), "Foo").signature());
  }
}
