package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.siggendiff.testing.Fixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.siggendiff.testing.Fixtures;

class FrameNormalizerTest {
  private final FrameNormalizer normalizer = new FrameNormalizer(Fixtures.basicSiglists().lineNumbers());

  private String normalize(String frameJson) {
    JsonNode f = json(frameJson);
    return normalizer.normalize(Frame.of(f), f.has("file") && FunctionNames.isRustSource(f.get("file").asText())).text;
  }

  @Test
  void cppFunctionsLoseQualifiersArgumentsAndTemplates() {
    assertEquals("mozilla::Foo<T>::Bar", normalize("{'function': 'mozilla::Foo<int>::Bar(char const*) const'}"));
    assertEquals("Foo::Bar", normalize("{'function': 'Foo::Bar() const &'}"));
    // The space before the removed clone label stays, as in Socorro; SigPrintableCharsOnly strips it.
    assertEquals("Foo::Bar ", normalize("{'function': 'Foo::Bar(int) [clone .cold.12]'}"));
  }

  @Test
  void lambdaNumbersAndAnonymousNamespacesAreNormalized() {
    assertEquals("(anonymous namespace)::Foo::$::operator()", normalize("{'function': '`anonymous namespace\\u0027::Foo::$_12::operator()'}"));
  }

  @Test
  void spacingAroundPointersAndCommasIsFixed() {
    assertEquals("f<T>", normalize("{'function': 'f<a , b>'}"));
    assertEquals("Foo::operator==", normalize("{'function': 'Foo::operator==(Foo const &, Foo const &)'}"));
  }

  @Test
  void rustFunctionsLoseTheirHash() {
    assertEquals("core::ptr::drop_in_place<T>",
        normalize("{'function': 'core::ptr::drop_in_place<alloc::Vec<u8>>::h0123abcd', 'file': 'git:github.com/rust-lang/rust:library/core/src/ptr/mod.rs:abc'}"));
  }

  @Test
  void listedFunctionsKeepTheirLineNumber() {
    assertEquals("js_Interpret:42", normalize("{'function': 'js_Interpret', 'line': 42}"));
  }

  @Test
  void framesWithoutFunctionUseFileLineModuleUnloadedModuleOrOffset() {
    assertEquals("c.cpp#12", normalize("{'file': 'a/b\\\\c.cpp', 'line': 12}"));
    assertEquals("vdso", normalize("{'module': '[vdso]', 'offset': '0x12'}"));
    assertEquals("(unloaded A.dll)", normalize("{'unloaded_modules': [{'module': 'A.dll', 'offsets': ['0x1']}], 'offset': '0x2'}"));
    assertEquals("@0x1f", normalize("{'offset': '0x_1f'}"));
    assertEquals("@0x12", normalize("{'offset': '\uff11\uff12'}"));
    assertEquals("@0x", normalize("{'offset': '0x'}"));
    assertEquals("", normalize("{}"));
  }

  @Test
  void offsetsAreWrittenAsPythonsHexOfTheirValue() {
    assertEquals("@0x46980", normalize("{'offset': '0x0000000000046980'}"));
    assertEquals("@0xab", normalize("{'offset': '0X00AB'}"));
    assertEquals("@0x0", normalize("{'offset': '0x0000'}"));
    assertEquals("@0xffffffffffffffff", normalize("{'offset': '0xffffffffffffffff'}"));
    assertEquals("@0x1ffffffffffffffff", normalize("{'offset': '0x01ffffffffffffffff'}"));
    assertEquals("@-0x1f", normalize("{'offset': ' -0x1F\\n'}"));
    assertEquals("@0x1", normalize("{'offset': '0x\uff11'}"));
    assertEquals("@0x1g", normalize("{'offset': '0x1g'}"));
    assertEquals("@0x12", normalize("{'offset': '12'}"));
  }
}
