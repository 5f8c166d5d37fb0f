package org.siggendiff.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.testing.Fixtures;

/**
 * Odd numbers and deep nesting, with the notes the Python reference (Python 3.11) gives for
 * them: each expected note was produced by running the reference's rules on the same crash.
 */
@Timeout(30)
class BadInputParityTest {
  private static final String FRAMES = "\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"Foo\"}]}]";
  private final SignatureGenerator generator = Fixtures.generator();

  private SignatureResult sign(String extraField) throws IOException {
    return signDocument("{" + FRAMES + ", " + extraField + "}");
  }

  /** The result for a whole crash-data document. */
  private SignatureResult signDocument(String json) throws IOException {
    return generator.generate(CrashData.of(CrashJson.parse(json)));
  }

  private static String nested(String open, String close, int depth, String inside) {
    return open.repeat(depth) + inside + close.repeat(depth);
  }

  @Test
  void oomAllocationSizeThatIntCannotTakeIsARuleFailureNoteAsInPython() throws IOException {
    assertEquals(
        List.of("OOMSignature: Rule failed: cannot convert float infinity to integer"),
        sign("\"oom_allocation_size\": Infinity").notes());
    assertEquals(
        List.of("OOMSignature: Rule failed: cannot convert float infinity to integer"),
        sign("\"oom_allocation_size\": 1e400").notes());
    assertEquals(
        List.of("OOMSignature: Rule failed: cannot convert float infinity to integer"),
        sign("\"oom_allocation_size\": -Infinity").notes());
    assertEquals(
        List.of("OOMSignature: Rule failed: cannot convert float NaN to integer"),
        sign("\"oom_allocation_size\": NaN").notes());
    assertEquals(
        List.of("OOMSignature: Rule failed: invalid literal for int() with base 10: 'abc'"),
        sign("\"oom_allocation_size\": \"abc\"").notes());
    assertEquals("Foo", sign("\"oom_allocation_size\": Infinity").signature());
    assertEquals("OOM | small", sign("\"oom_allocation_size\": -1").signature());
    assertEquals("OOM | large | Foo", sign("\"oom_allocation_size\": 123456789012345678901234567890").signature());
  }

  @Test
  void aDecimalStringOfMoreThan4300DigitsExceedsPythonsIntLimit() throws IOException {
    SignatureResult tooLong = sign("\"oom_allocation_size\": \"" + "1".repeat(5000) + "\"");
    assertEquals("Foo", tooLong.signature());
    assertEquals(
        List.of(
            "OOMSignature: Rule failed: Exceeds the limit (4300 digits) for integer string conversion: "
                + "value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"),
        tooLong.notes());
    assertEquals("OOM | large | Foo", sign("\"oom_allocation_size\": \"" + "1".repeat(4300) + "\"").signature());
  }

  @Test
  void aProcessedCrashWhoseOomSizeIsInfiniteCannotBeConvertedAsInPython() throws IOException {
    String processed =
        "{\"uuid\": \"x\", \"oom_allocation_size\": Infinity, \"json_dump\": {\"crash_info\": {\"crashing_thread\": 0}}}";
    UnsignableCrashException e =
        assertThrows(UnsignableCrashException.class, () -> CrashDataAdapter.fromProcessedCrash(CrashJson.parse(processed)));
    assertEquals(
        "oom_allocation_size: OverflowError: cannot convert float infinity to integer (Socorro's convert_to_crash_data raises it)",
        e.getMessage());
    // NaN is a ValueError, which int_or_none turns into None.
    CrashData nan = CrashDataAdapter.fromProcessedCrash(CrashJson.parse(processed.replace("Infinity", "NaN")));
    assertTrue(nan.get("oom_allocation_size").isNull());
  }

  @Test
  void asyncShutdownTimeoutNestedPastPythonsBudgetIsARecursionErrorNote() throws IOException {
    SignatureResult arrays = sign("\"async_shutdown_timeout\": \"" + nested("[", "]", 7000, "") + "\"");
    assertEquals("Foo", arrays.signature());
    assertEquals(
        List.of("SignatureShutdownTimeout: Rule failed: maximum recursion depth exceeded while decoding a JSON array from a unicode string"),
        arrays.notes());
    SignatureResult objects = sign("\"async_shutdown_timeout\": \"" + nested("{\\\"a\\\":", "}", 994, "1") + "\"");
    assertEquals(
        List.of("SignatureShutdownTimeout: Rule failed: maximum recursion depth exceeded while decoding a JSON object from a unicode string"),
        objects.notes());
    // 993 levels still decode: the list has no .get, as in the reference.
    assertEquals(
        List.of("SignatureShutdownTimeout: Rule failed: 'list' object has no attribute 'get'"),
        sign("\"async_shutdown_timeout\": \"" + nested("[", "]", 993, "") + "\"").notes());
  }

  @Test
  void aDocumentNestedDeeperThanPythonDecodesIsRefusedNotAStackOverflow() throws IOException {
    String deep = "{" + FRAMES + ", \"hang\": " + nested("[", "]", 7000, "") + "}";
    IOException e = assertThrows(IOException.class, () -> CrashJson.parse(deep));
    assertEquals("nesting deeper than 995 levels (Python's json.loads raises RecursionError)", e.getMessage());
    assertThrows(IOException.class, () -> CrashJson.requireWellFormed(deep.getBytes(StandardCharsets.UTF_8)));
    assertThrows(IOException.class, () -> CrashJson.parse("{\"hang\": " + nested("[", "]", 995, "") + "}"));

    // 995 levels in all, as deep as ref_signify.py reads, are signed; str() of the value works.
    SignatureResult deepest = sign("\"hang\": " + nested("[", "]", 994, ""));
    assertTrue(deepest.signature().startsWith("hang: [[[["), deepest.signature());
  }

  @Test
  void aCachedProcessedCrashTooDeepIsRefusedWhereverTheDepthIs() throws IOException {
    String thread = "{\"frames\": [{\"function\": \"Foo\"}]}";
    String deepModules = "{\"uuid\": \"x\", \"json_dump\": {\"threads\": [" + thread + "], \"modules\": "
        + nested("[", "]", 994, "") + "}}";
    IOException e = assertThrows(
        IOException.class, () -> CrashDataAdapter.readProcessedCrash(deepModules.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("nesting deeper than 995 levels"), e.getMessage());
    String deepFrame = "{\"uuid\": \"x\", \"json_dump\": {\"threads\": [{\"frames\": [{\"function\": "
        + nested("[", "]", 990, "") + "}]}]}}";
    assertThrows(IOException.class, () -> CrashDataAdapter.readProcessedCrash(deepFrame.getBytes(StandardCharsets.UTF_8)));
    String fine = deepModules.replace(nested("[", "]", 994, ""), nested("[", "]", 992, ""));
    assertEquals("x", CrashDataAdapter.readProcessedCrash(fine.getBytes(StandardCharsets.UTF_8)).get("uuid").textValue());
  }

  @Test
  void aJavaExceptionFrameWhoseModuleOrFunctionIsNoStringFailsAsPythonsJoinDoesOnAnyFrame() throws IOException {
    String first = "\"java_exception\": {\"exception\": {\"values\": [{\"stacktrace\": {\"type\": \"E\", \"frames\": "
        + "[{\"module\": 5, \"function\": \"a\"}]}}]}}";
    String later = "\"java_exception\": {\"exception\": {\"values\": [{\"stacktrace\": {\"type\": \"E\", \"frames\": "
        + "[{\"function\": \"f\"}, {\"module\": \"m\", \"function\": true}]}}]}}";

    assertEquals(List.of("SignatureGenerationRule: Rule failed: sequence item 0: expected str instance, int found"), sign(first).notes());
    assertEquals("", sign(first).signature());
    assertEquals(List.of("SignatureGenerationRule: Rule failed: sequence item 1: expected str instance, bool found"), sign(later).notes());
  }

  @Test
  void intKeepsAsciiControlsThatStrIsspaceCallsWhiteSpaceAndSoRefusesThem() throws IOException {
    assertEquals(List.of("OOMSignature: Rule failed: invalid literal for int() with base 10: '\\x1f5'"),
        sign("\"oom_allocation_size\": \"\\u001f5\"").notes());
    SignatureResult secondThread = signDocument(
        "{\"crashing_thread\": \"1\\u001c\", \"threads\": [{\"frames\": [{\"function\": \"a\"}]}, {\"frames\": [{\"function\": \"b\"}]}]}");
    assertEquals("a", secondThread.signature(), "an unreadable crashing thread is thread 0");
  }

  @Test
  void aReportedLargeJsAllocationLeavesAnEmptySignatureAloneAsSocorroChecksItLast() throws IOException {
    SignatureResult result = signDocument(
        "{\"threads\": [{\"frames\": [{}]}], \"js_large_allocation_failure\": \"Reporting\"}");

    assertEquals("", result.signature());
    assertEquals(List.of("SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)"), result.notes());
  }

  @Test
  void aShutdownHangNestedPastDeepcopysBudgetIsARecursionErrorNote() throws IOException {
    String hang = "\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"RunWatchdog\"}]}]";
    SignatureResult deep = signDocument("{" + hang + ", \"x\": " + nested("[", "]", 496, "") + "}");
    SignatureResult fits = signDocument("{" + hang + ", \"x\": " + nested("[", "]", 495, "") + "}");

    assertEquals("RunWatchdog", deep.signature());
    assertEquals(List.of("SignatureRunWatchDog: Rule failed: maximum recursion depth exceeded while calling a Python object"), deep.notes());
    assertEquals("shutdownhang | RunWatchdog", fits.signature());
    assertEquals(List.of(), fits.notes());
  }

  @Test
  void aKeyErrorWhileReadingFramesFailsAsSocorrosMissingResultNoteDoes() throws IOException {
    SignatureResult result = signDocument(
        "{\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"unloaded_modules\": {\"a\": 1}, \"offset\": \"0x1\"}]}]}");

    assertEquals("", result.signature());
    assertEquals(List.of("SignatureGenerationRule: Rule failed: 'Result' object has no attribute 'note'"), result.notes());
  }
}
