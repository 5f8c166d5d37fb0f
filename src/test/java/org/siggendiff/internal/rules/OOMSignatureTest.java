package org.siggendiff.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.siggendiff.testing.Fixtures.crash;

import org.junit.jupiter.api.Test;
import org.siggendiff.internal.py.PyException;

class OOMSignatureTest {
  private final OOMSignature rule = new OOMSignature();

  @Test
  void smallAllocationsReplaceTheSignature() {
    assertEquals("OOM | small", RuleTesting.run(rule, crash("{'oom_allocation_size': 262144}"), "Foo").signature());
  }

  @Test
  void largeAllocationsPrependToTheSignature() {
    assertEquals("OOM | large | Foo", RuleTesting.run(rule, crash("{'oom_allocation_size': '262145'}"), "Foo").signature());
  }

  @Test
  void aReportedLargeJsAllocationIsLargeWhateverTheSize() {
    assertEquals(
        "OOM | large | Foo",
        RuleTesting.run(rule, crash("{'oom_allocation_size': 12, 'js_large_allocation_failure': 'Reporting'}"), "Foo").signature());
  }

  @Test
  void oomFramesInTheSignatureMakeAnUnknownSizeOom() {
    assertEquals(
        "OOM | unknown | mozalloc_handle_oom | Foo",
        RuleTesting.run(rule, crash("{}"), "mozalloc_handle_oom | Foo").signature());
  }

  @Test
  void commitLimitOnTheCrashingThreadIsAnOom() {
    assertEquals(
        "OOM | unknown | Foo",
        RuleTesting.run(rule, crash("{'threads': [{'last_error_value': 'ERROR_COMMITMENT_LIMIT'}]}"), "Foo").signature());
  }

  @Test
  void ordinaryCrashesAreLeftAlone() {
    assertEquals("Foo", RuleTesting.run(rule, crash("{'reason': 'SIGSEGV'}"), "Foo").signature());
  }

  @Test
  void anUnparsableSizeRaisesValueErrorAsPythonWould() {
    PyException e = assertThrows(PyException.class, () -> RuleTesting.run(rule, crash("{'oom_allocation_size': 'abc'}"), "Foo"));
    assertEquals(PyException.Kind.VALUE_ERROR, e.kind());
  }
}
