package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionNamesTest {

  @Test
  void dropsStorageClassAndReturnType() {
    assertEquals(
        "Allocator<MozJemallocBase>::malloc(unsigned __int64)",
        FunctionNames.dropPrefixAndReturnType("static void * Allocator<MozJemallocBase>::malloc(unsigned __int64)"));
  }

  @Test
  void reattachesArgumentsAndCloneLabelsSplitOffBySpaces() {
    assertEquals("f (int) [clone .cold.1]", FunctionNames.dropPrefixAndReturnType("void f (int) [clone .cold.1]"));
  }

  @Test
  void collapsesTemplatesButKeepsNameOmittedAndTraitCasts() {
    assertEquals("Foo<T>::Bar", FunctionNames.collapseTypes("Foo<int, Baz<char>>::Bar"));
    assertEquals("<name omitted>", FunctionNames.collapseTypes("<name omitted>"));
    assertEquals("<X as Y>::f", FunctionNames.collapseTypes("<X as Y>::f"));
    assertEquals("IPC::ParamTraits<Maybe<T>>::Read", FunctionNames.collapseTypes("IPC::ParamTraits<Maybe<int>>::Read"));
  }

  @Test
  void anUnclosedTemplateRunsToTheEnd() {
    assertEquals("Foo<T>", FunctionNames.collapseTypes("Foo<int"));
  }

  @Test
  void dropsArgumentsButNotAnonymousNamespacesOrOperatorCalls() {
    assertEquals("(anonymous namespace)::f", FunctionNames.collapseArguments("(anonymous namespace)::f(int)"));
    assertEquals("Foo::operator()", FunctionNames.collapseArguments("Foo::operator()(int)"));
  }

  @Test
  void rustCollapsingKeepsOnlyTraitCasts() {
    assertEquals("Foo<T>::Run", FunctionNames.collapseRustTypes("Foo<`lambda' in Bar>::Run"));
    assertEquals("::Helper::Go", FunctionNames.dropParenthesised("(anonymous namespace)::Helper::Go()"));
  }

  @Test
  void parsesSourceFileReferences() {
    assertEquals("js/src/jit/MIR.h", FunctionNames.parseSourceFile("hg:hg.mozilla.org/releases/mozilla-esr52:js/src/jit/MIR.h:755067c14b06"));
    assertEquals("\\src\\a.cpp", FunctionNames.parseSourceFile("c:\\src\\a.cpp"));
    assertEquals("/usr/a.c", FunctionNames.parseSourceFile("/usr/a.c"));
    assertNull(FunctionNames.parseSourceFile("relative/a.c"));
  }

  @Test
  void rustSourcesAreTheParsedPathsEndingInDotRs() {
    assertTrue(FunctionNames.isRustSource("git:github.com/rust-lang/rust:src/libcore/option.rs:0e4a56b4b"));
    assertTrue(FunctionNames.isRustSource("/builds/worker/checkouts/gecko/servo/style/a.rs"));
    assertFalse(FunctionNames.isRustSource("hg:hg.mozilla.org/a.rs/b:dom/base/Element.cpp:abc"));
    assertFalse(FunctionNames.isRustSource("relative/a.rs"));
    assertFalse(FunctionNames.isRustSource("hg:hg.mozilla.org/mozilla-central:dom/base/Element.cpp:abc"));
  }

  @Test
  void theQuickLookForRustSourcesAgreesWithParsingEveryReference() {
    // Every sequence of up to five of these parts: colons, slashes and .rs in every place.
    String[] parts = {":", "/", ".rs", "a", ".r", "s", "c:", "\\"};
    List<String> references = new ArrayList<>(List.of(""));
    for (int length = 0, from = 0; length < 5; length++) {
      int to = references.size();
      for (int i = from; i < to; i++) {
        for (String part : parts) {
          references.add(references.get(i) + part);
        }
      }
      from = to;
    }
    for (String reference : references) {
      String path = FunctionNames.parseSourceFile(reference);
      assertEquals(path != null && path.endsWith(".rs"), FunctionNames.isRustSource(reference), reference);
    }
  }
}
