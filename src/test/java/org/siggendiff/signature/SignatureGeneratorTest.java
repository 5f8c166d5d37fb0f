package org.siggendiff.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.siggendiff.testing.Fixtures.crash;
import static org.siggendiff.testing.Fixtures.stack;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.testing.Fixtures;

class SignatureGeneratorTest {
  private final SignatureGenerator generator = Fixtures.generator();

  @Test
  void skipsIrrelevantFramesAndKeepsPrefixFrames() {
    SignatureResult result = generator.generate(stack("abort", "malloc", "mozilla::dom::Foo::Bar(int)", "js::RunScript"));
    assertEquals("malloc | mozilla::dom::Foo::Bar", result.signature());
    assertEquals(
        List.of(
            "SignatureGenerationRule: using CSignatureTool",
            "SignatureGenerationRule: using signature lists from basic",
            "SignatureGenerationRule: irrelevant; ignoring: \"abort\"",
            "SignatureGenerationRule: prefix; continue iterating: \"malloc\"",
            "SignatureGenerationRule: not a prefix; stop: \"mozilla::dom::Foo::Bar\"",
            "SignatureGenerationRule: change signature: \"\" -> \"malloc | mozilla::dom::Foo::Bar\""),
        result.debugLog());
    assertEquals("abort | malloc | mozilla::dom::Foo::Bar | js::RunScript", result.extra().protoSignature());
  }

  @Test
  void startsAtTheFirstSentinel() {
    assertEquals("_purecall", generator.generate(stack("Foo", "_purecall", "Bar")).signature());
  }

  @Test
  void allIrrelevantFramesFallBackToTheFirstFrame() {
    SignatureResult result = generator.generate(stack("abort", "abort"));
    assertEquals("abort", result.signature());
    assertEquals(List.of("SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)"), result.notes());
  }

  @Test
  void noFramesGiveAnEmptySignature() {
    assertEquals("EMPTY: no frame data available", generator.generate(crash("{}")).signature());
  }

  @Test
  void considersAtMost40FramesIncludingInlines() {
    String[] frames = new String[50];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = "f" + i;
    }
    assertEquals(40, generator.generate(stack(frames)).extra().normalizedFrames().size());
  }

  @Test
  void aNegativeCrashingThreadCountsFromTheEnd() {
    CrashData data = crash("{'crashing_thread': -1, 'threads': [{'frames': [{'function': 'A'}]}, {'frames': [{'function': 'B'}]}]}");
    assertEquals("B", generator.generate(data).signature());
  }

  @Test
  void aFailingRuleIsNotedAndThePipelineGoesOn() {
    CrashData data = crash("{'threads': [{'frames': [{'function': 5}]}], 'ipc_message_name': 'M'}");
    SignatureResult result = generator.generate(data);
    assertEquals(
        "SignatureGenerationRule: Rule failed: 'int' object has no attribute 'endswith'",
        result.notes().get(0));
    assertEquals("| IPC_Message_Name=M", result.signature());
    assertNull(result.extra());
  }

  @Test
  void shutdownHangsUseThreadZeroWithTheSameSiglists() {
    CrashData data =
        crash("{'crashing_thread': 1, 'threads': [{'frames': [{'function': 'NtWaitForSingleObject'}, {'function': 'nsThread::ProcessNextEvent'}]},"
            + " {'frames': [{'function': 'mozilla::(anonymous namespace)::RunWatchdog(void*)'}]}]}");
    SignatureResult result = generator.generate(data);
    assertEquals("shutdownhang | nsThread::ProcessNextEvent", result.signature());
    assertEquals(2, result.debugLog().stream().filter(l -> l.endsWith("using signature lists from basic")).count());
  }

  @Test
  void javaStackTracesUseTheJavaTool() {
    CrashData data = crash("{'java_stack_trace': 'java.lang.NullPointerException: boom @0123abcd\\n\\tat org.Foo.bar(Foo.java:12)'}");
    assertEquals("java.lang.NullPointerException: boom @<addr>: at org.Foo.bar(Foo.java)", generator.generate(data).signature());
  }

  @Test
  void javaExceptionsUseTheFirstFrameOfTheFirstValue() {
    CrashData data =
        crash("{'java_exception': {'exception': {'values': [{'stacktrace': {'type': 'IllegalStateException', 'module': 'java.lang',"
            + " 'frames': [{'module': 'org.Foo', 'function': 'bar', 'filename': 'Foo.kt'}]}}]}}}");
    assertEquals("java.lang.IllegalStateException: at org.Foo.bar(Foo.kt)", generator.generate(data).signature());
  }
}
