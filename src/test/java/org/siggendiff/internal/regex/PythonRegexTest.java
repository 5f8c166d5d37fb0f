package org.siggendiff.internal.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonRegexTest {

  private static boolean matches(String pythonPattern, String text) {
    return PythonRegex.compile(pythonPattern).matcher(text).lookingAt();
  }

  /** A repeated group is said to nest repeats only where it may split a text among them more than one way. */
  @ParameterizedTest
  @CsvSource(delimiter = ' ', value = {
      "(a+)+$ true",
      "(a|aa)*x true",
      "(a?){25}a true",
      "([A-Za-z]+::)+Foo false",
      "(:[a-z]+:)+ false",
      "([a-z]+_[0-9]+:)+ false",
      "([a-z]+[a-z]+:)+ true",
      "([a-z:]+:)+ true",
      "(.+:)+ true",
      "((a|a)+:)+ true",
      "((?i:[a-z])+:)+ false",
      "(?i)([a-z]+:)+ true",
      "([a-z]+:?)+ true",
      "([a-z]+:)? false",
      "(a+:)+ false"
  })
  void aRepeatedGroupNestsRepeatsOnlyWhereItMaySplitATextMoreThanOneWay(String pattern, boolean nests) throws Exception {
    PythonRegex.Translation translation = PythonRegex.translate(pattern);

    assertEquals(nests, translation.nestsRepeats(), pattern);
  }

  @Test
  void bracesThatAreNotQuantifiersStayLiteral() {
    assertTrue(matches("foo::{{closure}}", "foo::{{closure}}"));
    assertTrue(matches("{virtual override thunk}", "{virtual override thunk}::Foo"));
    assertTrue(matches("a{}", "a{}"));
    assertTrue(matches("a{x}", "a{x}"));
  }

  @Test
  void bracesThatAreQuantifiersRepeat() {
    assertTrue(matches("@0x[0-9a-f]{2,}", "@0xab"));
    assertFalse(matches("@0x[0-9a-f]{2,}$", "@0xa"));
    assertTrue(matches("a{,2}b", "aab"));
    assertFalse(matches("^a{,2}b", "aaab"));
    assertTrue(matches("a{3}", "aaa"));
    // Python reads a count with int(): leading zeros do not make it too large.
    assertTrue(matches("x{00000000001}y", "xy"));
    assertFalse(matches("x{0000000000002}y", "xy"));
  }

  @Test
  void matchIsAnchoredAtTheStartOnly() {
    assertTrue(matches("abc", "abcdef"));
    assertFalse(matches("bcd", "abcdef"));
  }

  @Test
  void dollarMatchesAtTheEndOrBeforeAFinalNewline() {
    assertTrue(matches("abc$", "abc"));
    assertTrue(matches("abc$", "abc\n"));
    assertFalse(matches("abc$", "abc\r"));
    assertFalse(matches("abc\\Z", "abc\n"));
  }

  @Test
  void dotMatchesEverythingButNewline() {
    assertTrue(matches("a.c", "a\rc"));
    assertTrue(matches("a.c", "a\u2028c"));
    assertFalse(matches("a.c", "a\nc"));
    assertTrue(matches("(?s)a.c", "a\nc"));
  }

  @Test
  void characterClassesUsePythonsUnicodeDefinitions() {
    assertTrue(matches("\\d", "\u0663"));
    assertTrue(matches("\\s", "\u001c"));
    assertTrue(matches("\\s", "\u00a0"));
    assertFalse(matches("\\s", "\u200b"));
    assertTrue(matches("\\w", "\u00e9"));
    assertFalse(matches("(?a)\\w", "\u00e9"));
    assertTrue(matches("x\\b", "x y"));
  }

  @Test
  void unicodeClassesFollowPythonsUnicodeVersionNotTheJdks() {
    String vithkuqiCapitalA = "\uD801\uDD70";
    String tangsaZero = "\uD81A\uDEC0";
    assertTrue(matches("\\w+!$", "ab" + vithkuqiCapitalA + "c!"));
    assertTrue(matches("\\d\\d\\d$", "1" + tangsaZero + "5"));
    assertFalse(matches("a\\b", "a" + vithkuqiCapitalA));
    assertFalse(matches("\\w", "\uD83D\uDEDC"), "U+1F6DC, assigned in Unicode 15.0");
    assertTrue(matches("[^\\W\\d]" + vithkuqiCapitalA + "$", "x" + vithkuqiCapitalA));
    assertFalse(matches("[^\\W\\d]", "\u0661"));
    assertTrue(matches("\\D", "\u0378"), "unassigned");
    assertFalse(matches("\\w", "\u0378"), "unassigned");
  }

  @Test
  void namedGroupsAndBackreferencesWork() {
    assertTrue(matches("(?P<word>ab)-(?P=word)", "ab-ab"));
    assertFalse(matches("(?P<word>ab)-(?P=word)", "ab-ba"));
    assertTrue(matches("(a)(b)\\2\\1", "abba"));
  }

  @Test
  void classEdgeCasesFollowPython() {
    assertTrue(matches("[]a]", "]"));
    assertTrue(matches("[[]", "["));
    assertTrue(matches("[a&&b]", "&"));
    assertTrue(matches("[-+]", "-"));
    assertTrue(matches("[a-]", "-"));
    assertTrue(matches("[\\]]", "]"));
  }

  @Test
  void escapesFollowPython() {
    assertTrue(matches("\\x41\\u0042\\U00000043", "ABC"));
    assertTrue(matches("\\:\\<\\>", ":<>"));
    assertTrue(matches("\\0", "\0"));
    assertTrue(matches("\\101", "A"));
    assertTrue(matches("\\N{LATIN SMALL LETTER E WITH ACUTE}", "\u00e9"));
  }

  @Test
  void inlineFlagsApply() {
    assertTrue(matches("(?i)abc", "ABC"));
    assertTrue(matches("(?i:a)b", "Ab"));
    assertFalse(matches("(?i:a)b", "AB"));
    assertTrue(matches("(?x) a b # comment", "ab"));
    assertTrue(matches("a(?#comment)b", "ab"));
  }

  @Test
  void lazyAndPossessiveQuantifiersAreAccepted() {
    assertTrue(matches("a+?b", "aab"));
    assertFalse(matches("a*+a", "aaa"));
    assertTrue(matches("(?>a+)b", "aab"));
  }

  @Test
  void lookbehindMustHaveFixedWidth() throws PythonRegexException {
    assertTrue(matches("a(?<=a)b", "ab"));
    PythonRegexException e =
        assertThrows(PythonRegexException.class, () -> PythonRegex.translate("(?<=a+)b"));
    assertTrue(e.getMessage().startsWith("look-behind requires fixed-width pattern"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(abc|unterminated subpattern",
        "abc)|unbalanced parenthesis",
        "*abc|nothing to repeat",
        "a**|multiple repeat",
        "[abc|unterminated character set",
        "a{3,2}|min repeat greater than max repeat",
        "\\q|bad escape \\q",
        "\\z|bad escape \\z",
        "[z-a]|bad character range z-a",
        "\\2(a)|invalid group reference 2",
        "(a\\1)|cannot refer to an open group",
        "(?P<n>a)(?P<n>b)|redefinition of group name",
        "(?P=missing)|unknown group name",
        "a(?i)b|global flags not at the start of the expression",
        "(?<x)|unknown extension ?<x",
        "(?%)|unknown extension ?% at position 1",
        "(?i%)|missing -, : or ) at position 3",
        "\\x4|incomplete escape \\x4",
        "\\U00110000|bad escape \\U00110000",
        "\\UFFFFFFFF|bad escape \\UFFFFFFFF",
        "[\\U80000000]|bad escape \\U80000000",
        "a{4294967295}|the repetition number is too large",
        "abc\\|bad escape (end of pattern)",
        "(?t:a)|bad inline flags: cannot turn on global flag at position 3",
        "(?-t:a)|bad inline flags: cannot turn off global flag at position 4",
        "(?au)a|bad inline flags: flags 'a', 'u' and 'L' are incompatible at position 4",
        "(?L)a|bad inline flags: cannot use 'L' flag with a str pattern at position 3",
        "(?i-i:a)|bad inline flags: flag turned on and off at position 5",
        "(?-a:a)|bad inline flags: cannot turn off flags 'a', 'u' and 'L' at position 4",
        "(?i-x)|missing : at position 5",
        "(?-)|missing flag at position 3",
        "(?P=n)|unknown group name 'n' at position 4",
        "(?P<a\\>b>x)|bad character in group name 'a\\\\>b' at position 4",
        "(?P<ab|missing >, unterminated name at position 4",
        "(?P<>x)|missing group name at position 4",
        "\\N{abc|missing }, unterminated name at position 3",
        "\\N{}|missing character name at position 3",
        "\\N{ LATIN SMALL LETTER A}|undefined character name ' LATIN SMALL LETTER A' at position 0",
        "\\N{BASIC LATIN 41}|undefined character name 'BASIC LATIN 41' at position 0",
        "(?<|unexpected end of pattern at position 3",
      })
  void rejectsWhatPythonRejects(String pattern, String message) {
    PythonRegexException e =
        assertThrows(PythonRegexException.class, () -> PythonRegex.translate(pattern));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void asciiAndUnicodeGlobalFlagsTogetherAreAValueErrorWithoutPosition() {
    PythonRegexException e = assertThrows(PythonRegexException.class, () -> PythonRegex.translate("(?a)(?u)a"));
    assertEquals("ASCII and UNICODE flags are incompatible", e.getMessage());
  }

  @Test
  void theAsciiFlagKeepsCaseFoldingToAsciiAndAScopedUnicodeFlagLiftsIt() {
    assertFalse(matches("(?ai)k", "\u212a"), "Kelvin sign");
    assertFalse(matches("(?a)(?i:\\xe9)", "\u00c9"));
    assertTrue(matches("(?i)k", "\u212a"));
    assertTrue(matches("(?a:(?u:\\w))", "\u00e9"));
    assertTrue(matches("(?a)(?u:\\w)", "\u00e9"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(?i)\u00df|\u1e9e|true",
        "(?i)[\u212a-\u212a]|k|true",
        "(?i)[\u017f-\u017f]|s|true",
        "(?i)[I-K]|\u0130|true",
        "(?i)[\\U00010400x]|\uD801\uDC00|false",
        "(?i)[\\U00010400]|\uD801\uDC28|true",
        "(?i)\\U00010570|\uD801\uDD97|true",
        "(?i)[^s]|\u017f|false",
        "(?i)[^sx]|S|false",
        "(?i)\u03c3|\u03c2|true",
        "(?i)[a-z]+$|\u212aelvin|true",
        "(?i)[\\w]|\u0130|true",
        "(?i)[\\W]|\u0130|false",
        "(?i)[\\U00010400-\\U0001044f]|\uD801\uDC28|true",
        "(?i)k|\u212a|true",
        "k|\u212a|false",
        "(?ia)[A-Z]|\u212a|false",
        "(?ia)[^\u2c5f\\s\u2c5f-\\U00016ac0]|\u023f|false",
      })
  void ignorecaseFoldsAsPythonsReDoesNotAsJavaDoes(String pattern, String text, boolean matches) {
    // Each expected value is Python 3.11's re.match.
    assertEquals(matches, matches(pattern, text), pattern + " on " + text);
  }

  @Test
  void nonBoundaryNeverMatchesInAnEmptyStringAsInPython311() {
    assertFalse(matches("\\B", ""));
    assertTrue(matches("a\\B", "ab"));
  }

  @Test
  void lookBehindsAndBoundariesStepBackOverWholeAstralCharacters() {
    String boldA = "\uD835\uDC00";
    assertTrue(matches(boldA + "\\b", boldA));
    assertTrue(matches(".(?<=\\w)$", "\uD840\uDC00"));
    assertFalse(matches("(?<=\\W)b", boldA + "b"));
  }

  @Test
  void aBackreferenceUnderIgnorecaseIsRefusedAsJavaFoldsCaseOtherwise() {
    PythonRegexException e = assertThrows(PythonRegexException.class, () -> PythonRegex.translate("(?i)(s)\\1"));
    assertEquals("cannot be expressed in Java: a backreference under IGNORECASE at position 7", e.getMessage());
    assertTrue(matches("(s)\\1", "ss"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(?(1)a|b)", "(a)?(?(1)b|c)"})
  void refusesConditionalGroupsExplicitly(String pattern) {
    PythonRegexException e =
        assertThrows(PythonRegexException.class, () -> PythonRegex.translate(pattern));
    assertTrue(e.getMessage().contains("conditional groups are not supported"));
  }

  @Test
  void reportsTheLiteralPrefixForIndexing() throws PythonRegexException {
    PythonRegex.Translation t = PythonRegex.translate("mozilla::dom::Foo.*");
    assertEquals("mozilla::dom::Foo", t.literalPrefix());
    assertFalse(t.pureLiteral());
    PythonRegex.Translation literal = PythonRegex.translate("js::RunScript");
    assertTrue(literal.pureLiteral());
    assertEquals("ab", PythonRegex.translate("abc?").literalPrefix());
    assertEquals("", PythonRegex.translate("(?i)abc").literalPrefix());
    assertEquals("", PythonRegex.translate("a|b").literalPrefix());
  }

  @Test
  void translationCompilesWithoutJavaFlags() throws PythonRegexException {
    Pattern p = PythonRegex.translate("[{}]+#x").pattern();
    assertTrue(p.matcher("{}#x").lookingAt());
  }
}
