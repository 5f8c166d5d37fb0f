package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;

/**
 * The partial read of a processed crash (what a cached crash goes through) gives the same
 * signature result as reading the whole document, on a crash with every field
 * {@link CrashFields} declares present, and on variants that make each rule fire; and each
 * declared field is one adaptation really reads.
 */
class PartialReadContractTest {
  private static final Path EVERY_FIELD = Path.of("src/test/resources/crashes/every-field.json");

  static List<Variant> variants() {
    return List.of(
        new Variant("every field", crash -> {}),
        new Variant("no java fields (C stack signs)", crash -> {
          crash.remove("java_stack_trace");
          crash.remove("java_exception");
        }),
        new Variant("no hang, no ipc (OOM and abort rules)", crash -> {
          crash.remove("java_stack_trace");
          crash.remove("hang");
          crash.remove("ipc_channel_error");
        }),
        new Variant("shutdown hang (RunWatchdog reads thread 0)", crash -> {
          crash.remove("java_stack_trace");
          crash.remove("ipc_channel_error");
          crash.remove("async_shutdown_timeout");
          ObjectNode frame = (ObjectNode) crash.at("/json_dump/threads/1/frames/0");
          frame.put("function", "mozilla::(anonymous namespace)::RunWatchdog(void*)");
          frame.remove("inlines");
        }),
        new Variant("crashing thread 0", crash -> {
          crash.remove("java_stack_trace");
          ((ObjectNode) crash.at("/json_dump/crash_info")).put("crashing_thread", 0);
        }),
        new Variant("crashing thread out of range", crash -> {
          crash.remove("java_stack_trace");
          ((ObjectNode) crash.at("/json_dump/crash_info")).put("crashing_thread", 7);
        }));
  }

  record Variant(String name, Consumer<ObjectNode> change) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void partialAndFullReadsSignAlike(Variant variant) throws Exception {
    SignatureGenerator generator = generator();
    ObjectNode crash = (ObjectNode) CrashJson.parse(Files.readString(EVERY_FIELD));
    variant.change().accept(crash);
    byte[] bytes = crash.toString().getBytes(StandardCharsets.UTF_8);

    SignatureResult full = generator.generate(CrashDataAdapter.fromProcessedCrash(CrashJson.parse(crash.toString())));
    SignatureResult partial = generator.generate(CrashDataAdapter.fromProcessedCrash(CrashDataAdapter.readProcessedCrash(bytes)));

    assertEquals(full, partial);
  }

  @Test
  void theFixtureHasEveryDeclaredField() throws Exception {
    JsonNode crash = CrashJson.parse(Files.readString(EVERY_FIELD));
    CrashFields.PROCESSED.forEach(field -> assertTrue(crash.has(field), field));
    CrashFields.DUMP.forEach(field -> assertTrue(crash.get("json_dump").has(field), "json_dump." + field));
    for (String field : CrashFields.FRAME) {
      boolean present = false;
      for (JsonNode frame : crash.at("/json_dump/threads/1/frames")) {
        present |= frame.has(field);
      }
      assertTrue(present, "frame field " + field);
    }
  }

  @Test
  void everyDeclaredProcessedFieldChangesTheCrashData() throws Exception {
    ObjectNode crash = (ObjectNode) CrashJson.parse(Files.readString(EVERY_FIELD));
    JsonNode whole = CrashDataAdapter.fromProcessedCrash(crash).json();
    for (String field : CrashFields.PROCESSED) {
      ObjectNode without = crash.deepCopy();
      without.remove(field);
      assertNotEquals(whole, CrashDataAdapter.fromProcessedCrash(without).json(), field + " is declared but not read");
    }
  }

  @Test
  void undeclaredFieldsLeaveTheCrashDataAlone() throws Exception {
    ObjectNode crash = (ObjectNode) CrashJson.parse(Files.readString(EVERY_FIELD));
    ObjectNode declaredOnly = crash.deepCopy();
    declaredOnly.retain(CrashFields.PROCESSED);
    ((ObjectNode) declaredOnly.get("json_dump")).retain(CrashFields.DUMP);
    assertEquals(
        CrashDataAdapter.fromProcessedCrash(crash).json(), CrashDataAdapter.fromProcessedCrash(declaredOnly).json());
  }

  private static SignatureGenerator generator() throws Exception {
    Path siglists = Path.of("siglists/demo/candidate");
    return new SignatureGenerator(SiglistLoader.load(siglists, siglists.toString()));
  }
}
