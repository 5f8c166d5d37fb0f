package org.siggendiff.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.siggendiff.testing.Fixtures.crash;

import org.junit.jupiter.api.Test;

class AbortSignatureTest {
  private final AbortSignature rule = new AbortSignature();

  @Test
  void prependsTheMessageWithoutFileAndLine() {
    assertEquals(
        "Abort | bad state | Foo",
        RuleTesting.run(rule, crash("{'abort_message': '[123] ###!!! ABORT: bad state: file a.cpp:12'}"), "Foo").signature());
  }

  @Test
  void aMessageThatIsOnlyAFileGivesAPlainAbortMarker() {
    assertEquals(
        "Abort | Foo",
        RuleTesting.run(rule, crash("{'abort_message': '###!!! ABORT: file a.cpp:12'}"), "Foo").signature());
  }

  @Test
  void dropsTheLocalizedPartOfFontErrors() {
    assertEquals(
        "Abort | unable to find a usable font | Foo",
        RuleTesting.run(rule, crash("{'abort_message': 'unable to find a usable font (\u4e2d\u6587)'}"), "Foo").signature());
  }

  @Test
  void truncatesMessagesLongerThan80CharactersTo77AndAnEllipsis() {
    String message = "x".repeat(81);
    assertEquals(
        "Abort | " + "x".repeat(77) + "... | Foo",
        RuleTesting.run(rule, crash("{'abort_message': '" + message + "'}"), "Foo").signature());
  }

  @Test
  void dropsNonPrintableAndNonAsciiCharacters() {
    assertEquals(
        "Abort | tabhere | Foo",
        RuleTesting.run(rule, crash("{'abort_message': 'tab\\there\u00e9'}"), "Foo").signature());
  }
}
