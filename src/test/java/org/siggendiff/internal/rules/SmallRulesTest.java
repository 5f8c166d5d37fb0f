package org.siggendiff.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.siggendiff.testing.Fixtures.crash;

import org.junit.jupiter.api.Test;
import org.siggendiff.internal.py.PyException;

/** The rules that prepend, append or clean up with a single decision each. */
class SmallRulesTest {

  @Test
  void stackwalkerErrorIsAppendedToEmptySignaturesOnly() {
    StackwalkerErrorSignatureRule rule = new StackwalkerErrorSignatureRule();
    assertEquals(
        "EMPTY: no frame data available; ERROR_NO_THREAD_LIST",
        RuleTesting.run(rule, crash("{'mdsw_status_string': 'ERROR_NO_THREAD_LIST'}"), "EMPTY: no frame data available").signature());
    assertEquals("Foo", RuleTesting.run(rule, crash("{'mdsw_status_string': 'OK'}"), "Foo").signature());
  }

  @Test
  void badHardwareIsPrependedForDeviceDataErrors() {
    assertEquals(
        "bad hardware | Foo",
        RuleTesting.run(new BadHardware(), crash("{'reason': 'STATUS_DEVICE_DATA_ERROR / x'}"), "Foo").signature());
  }

  @Test
  void badHardwareRaisesOnANumericReasonAsPythonDoes() {
    assertThrows(PyException.class, () -> RuleTesting.run(new BadHardware(), crash("{'reason': 5}"), "Foo"));
  }

  @Test
  void stackOverflowIsPrepended() {
    assertEquals(
        "stackoverflow | Foo",
        RuleTesting.run(new StackOverflowSignature(), crash("{'reason': 'EXCEPTION_STACK_OVERFLOW'}"), "Foo").signature());
  }

  @Test
  void ipcChannelErrorsReplaceTheSignatureAndAreCutAt100Characters() {
    SignatureIPCChannelError rule = new SignatureIPCChannelError();
    assertEquals(
        "IPCError-browser | ShutDownKill",
        RuleTesting.run(rule, crash("{'ipc_channel_error': 'ShutDownKill', 'additional_minidumps': ['upload_file_minidump_browser']}"), "Foo").signature());
    assertEquals(
        "IPCError-content | " + "e".repeat(100),
        RuleTesting.run(rule, crash("{'ipc_channel_error': '" + "e".repeat(150) + "'}"), "Foo").signature());
  }

  @Test
  void ipcMessageNameIsAppended() {
    assertEquals(
        "Foo | IPC_Message_Name=PContent::Msg_X",
        RuleTesting.run(new SignatureIPCMessageName(), crash("{'ipc_message_name': 'PContent::Msg_X'}"), "Foo").signature());
  }

  @Test
  void hangValuesArePrependedAsPythonPrintsThem() {
    HungProcess rule = new HungProcess();
    assertEquals("hang: 1 | Foo", RuleTesting.run(rule, crash("{'hang': 1}"), "Foo").signature());
    assertEquals("hang: True | Foo", RuleTesting.run(rule, crash("{'hang': true}"), "Foo").signature());
    assertEquals("hang: 1e+16 | Foo", RuleTesting.run(rule, crash("{'hang': 1e16}"), "Foo").signature());
    assertEquals("Foo", RuleTesting.run(rule, crash("{'hang': null}"), "Foo").signature());
  }

  @Test
  void printableCharsOnlyStripsThenDropsNonAscii() {
    SigPrintableCharsOnly rule = new SigPrintableCharsOnly();
    assertEquals("Foo | Bar", RuleTesting.run(rule, crash("{}"), "Foo\u00e9 | Bar\u0001 ").signature());
    assertEquals(
        "SigPrintableCharsOnly: unprintable characters removed",
        RuleTesting.run(rule, crash("{}"), "Foo ").notes().get(0));
  }

  @Test
  void fixWhitespaceCollapsesRunsAndTrims() {
    assertEquals("a b c", RuleTesting.run(new SigFixWhitespace(), crash("{}"), " a \t\n b  c ").signature());
  }

  @Test
  void truncatesSignaturesLongerThan255Chars() {
    SigTruncate rule = new SigTruncate();
    assertEquals("x".repeat(252) + "...", RuleTesting.run(rule, crash("{}"), "x".repeat(256)).signature());
    assertEquals("x".repeat(255), RuleTesting.run(rule, crash("{}"), "x".repeat(255)).signature());
  }

  @Test
  void truncationCountsCodePointsNotUtf16Units() {
    String emoji = "\uD83D\uDE00";
    String signature = emoji.repeat(256);
    assertEquals(emoji.repeat(252) + "...", RuleTesting.run(new SigTruncate(), crash("{}"), signature).signature());
  }
}
