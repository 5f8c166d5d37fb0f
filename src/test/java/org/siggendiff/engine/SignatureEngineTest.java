package org.siggendiff.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureResult;

class SignatureEngineTest {
  private static final String CRASH = """
      {"crashing_thread": 0, "threads": [{"frames": [
        {"function": "KiUserExceptionDispatcher"}, {"function": "moz_xmalloc"},
        {"function": "mozilla::dom::Element::SetAttribute(int)", "module": "xul.dll"}]}]}""";

  /** The example of the README and of the engine's package documentation, line for line. */
  @Test
  void theReadmeExampleSignsACrash() throws Exception {
    SignatureEngine engine = SignatureEngine.load(Path.of("siglists/demo/baseline"));
    SignatureResult result = engine.signCrashData("""
        {"crashing_thread": 0, "threads": [{"frames": [
          {"function": "KiUserExceptionDispatcher"}, {"function": "moz_xmalloc"},
          {"function": "mozilla::dom::Element::SetAttribute(int)", "module": "xul.dll"}]}]}""");
    System.out.println(result.signature());      // moz_xmalloc | mozilla::dom::Element::SetAttribute
    System.out.println(result.protoSignature()); // KiUserExceptionDispatcher | moz_xmalloc | ...
    System.out.println(result.notes());          // notes for people, each prefixed with its rule

    assertEquals("moz_xmalloc | mozilla::dom::Element::SetAttribute", result.signature());
    assertEquals("KiUserExceptionDispatcher | moz_xmalloc | mozilla::dom::Element::SetAttribute",
        result.protoSignature());
    assertEquals(List.of(), result.notes());
  }

  @Test
  void jsonTextMapAndProcessedCrashGiveTheSameSignature() throws Exception {
    SignatureEngine engine = SignatureEngine.load(Path.of("siglists/demo/baseline"));
    Map<String, Object> crashData = Map.of(
        "crashing_thread", 0,
        "threads", List.of(Map.of("frames", List.of(
            Map.of("function", "KiUserExceptionDispatcher"), Map.of("function", "moz_xmalloc"),
            Map.of("function", "mozilla::dom::Element::SetAttribute(int)", "module", "xul.dll")))));
    String processed = "{\"json_dump\": " + CRASH + ", \"crashing_thread\": 0}";

    SignatureResult fromText = engine.signCrashData(CRASH);
    assertEquals(fromText, engine.signCrashData(crashData));
    assertEquals(fromText.signature(), engine.signProcessedCrash(processed).signature());
  }

  @Test
  void enginesFromAFolderAndFromLinesAgree() throws Exception {
    SignatureEngine fromFolder = SignatureEngine.load(Path.of("src/test/resources/siglists/basic"));
    SignatureEngine fromLines = SignatureEngine.fromLines(
        lines("irrelevant_signature_re.txt"), lines("prefix_signature_re.txt"),
        lines("signature_sentinels.txt"), lines("signatures_with_line_numbers_re.txt"));
    String crash = "{\"threads\": [{\"frames\": [{\"function\": \"KiFastSystemCallRet\"},"
        + " {\"function\": \"NtWaitForMultipleObjects\"}, {\"function\": \"Foo::Bar()\"}]}]}";

    assertEquals(fromFolder.signCrashData(crash).signature(), fromLines.signCrashData(crash).signature());
  }

  @Test
  void aBrokenSiglistLineIsNamedWithItsListAndLine() {
    SiglistException e = assertThrows(SiglistException.class,
        () -> SignatureEngine.fromLines(List.of("# comment", "foo("), List.of(), List.of(), List.of()));
    assertTrue(e.getMessage().contains("inline/irrelevant_signature_re.txt:2:"), e.getMessage());
  }

  @Test
  void textThatIsNotAJsonObjectIsRefused() throws Exception {
    SignatureEngine engine = SignatureEngine.fromLines(List.of(), List.of(), List.of(), List.of());
    assertEquals("not a JSON object", assertThrows(IllegalArgumentException.class, () -> engine.signCrashData("[1, 2]")).getMessage());
    String broken = assertThrows(IllegalArgumentException.class, () -> engine.signCrashData("{\"threads\": ")).getMessage();
    assertTrue(broken.startsWith("not valid JSON: ") && broken.endsWith(" (column 13)"), broken);
    assertFalse(broken.contains("REDACTED"), broken);
  }

  @Test
  void aFolderThatIsNotThereIsOneProblemNotFourMissingLists(@TempDir Path dir) {
    SiglistException missing = assertThrows(SiglistException.class, () -> SignatureEngine.load(dir.resolve("gone")));
    assertEquals(List.of(dir.resolve("gone") + ": no such folder"), missing.problems());
  }

  @Test
  void aCrashWithoutACStackHasNoProtoSignature() throws Exception {
    SignatureEngine engine = SignatureEngine.fromLines(List.of(), List.of(), List.of(), List.of());
    SignatureResult result = engine.signCrashData("{\"java_stack_trace\": \"java.lang.NullPointerException: x\\n\\tat Foo.bar(Foo.java:1)\"}");
    assertNull(result.protoSignature());
    assertEquals("java.lang.NullPointerException: x at Foo.bar(Foo.java)", result.signature());
  }

  @Test
  @Timeout(60)
  void oneEngineSignsFromManyThreadsAsAFreshEngineDoesAlone() throws Exception {
    List<String> crashes = Files.readAllLines(Path.of("corpora/demo/processed-crashes.jsonl")).stream()
        .filter(line -> !line.isBlank())
        .toList();
    List<SignatureResult> expected = new ArrayList<>();
    for (String crash : crashes) {
      expected.add(SignatureEngine.load(Path.of("siglists/demo/candidate")).signProcessedCrash(crash));
    }
    assertTrue(crashes.size() > 100, "demo crashes: " + crashes.size());
    SignatureEngine shared = SignatureEngine.load(Path.of("siglists/demo/candidate"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<SignatureResult>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t * 37;
        runs.add(pool.submit(() -> {
          List<SignatureResult> results = new ArrayList<>(Collections.nCopies(crashes.size(), null));
          for (int i = 0; i < crashes.size(); i++) {
            int at = (i + offset) % crashes.size();
            results.set(at, shared.signProcessedCrash(crashes.get(at)));
          }
          return results;
        }));
      }
      for (Future<List<SignatureResult>> run : runs) {
        List<SignatureResult> results = run.get();
        assertEquals(expected, results);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void inlineSiglistsGetTheTimeBoundOfTheSystemPropertyAsAFolderDoes() throws Exception {
    System.setProperty(SiglistLoader.MATCH_TIMEOUT_PROPERTY, "50");
    try {
      SignatureEngine engine = SignatureEngine.fromLines(List.of("(.*a){25}$"), List.of("malloc"), List.of("_purecall"), List.of("js_Interpret"));
      String evil = "{\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"" + "a".repeat(30) + "b\"}]}]}";
      UnsignableCrashException e = assertThrows(UnsignableCrashException.class, () -> engine.signCrashData(evil));
      assertTrue(e.getMessage().endsWith("bound 50 ms)"), e.getMessage());
      System.setProperty(SiglistLoader.MATCH_TIMEOUT_PROPERTY, "abc");
      assertThrows(SiglistException.class, () -> SignatureEngine.fromLines(List.of("x"), List.of("y"), List.of("z"), List.of("w")));
    } finally {
      System.clearProperty(SiglistLoader.MATCH_TIMEOUT_PROPERTY);
    }
  }

  private static List<String> lines(String file) throws Exception {
    return Files.readAllLines(Path.of("src/test/resources/siglists/basic", file));
  }
}
