package org.siggendiff.internal.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Expected values are Python 3.11's (Unicode 14.0), whatever Unicode version the JDK has. */
class PyUnicodeTest {
  private static final String VITHKUQI_CAPITAL_A = "\uD801\uDD70";
  private static final String VITHKUQI_SMALL_A = "\uD801\uDD97";

  @Test
  void codePointsUnicode14AddedHaveTheirCategoriesAsInPython() {
    assertTrue(PyUnicode.isPrintable(0x1FAE0), "U+1FAE0 melting face, So");
    assertEquals(Character.UPPERCASE_LETTER, PyUnicode.category(0x10570));
    assertEquals(Character.OTHER_LETTER, PyUnicode.category(0x0870));
    assertEquals(1, PyUnicode.decimalValue(0x16AC1), "Tangsa digit one");
  }

  @Test
  void codePointsLaterVersionsAddedAreUnassignedAsInPython() {
    assertFalse(PyUnicode.isPrintable(0x1F6DC), "Unicode 15.0");
    assertEquals(Character.UNASSIGNED, PyUnicode.category(0x31350), "Unicode 15.0, CJK Extension H");
    assertEquals(Character.UNASSIGNED, PyUnicode.category(0x10D50), "Unicode 16.0, Garay capital");
    assertEquals("\uA7CB", PyUnicode.lower("\uA7CB"), "Unicode 16.0 capital, lowercase U+0264 since");
  }

  @Test
  void everyCategoryDecodesToTheJdkConstant() {
    int[][] samples = {
      {0x0391, Character.UPPERCASE_LETTER}, {0x03B1, Character.LOWERCASE_LETTER},
      {0x01C5, Character.TITLECASE_LETTER}, {0x02B0, Character.MODIFIER_LETTER},
      {0x4E00, Character.OTHER_LETTER}, {0x0300, Character.NON_SPACING_MARK},
      {0x0903, Character.COMBINING_SPACING_MARK}, {0x20DD, Character.ENCLOSING_MARK},
      {0x0660, Character.DECIMAL_DIGIT_NUMBER}, {0x2160, Character.LETTER_NUMBER},
      {0x2070, Character.OTHER_NUMBER}, {0x2000, Character.SPACE_SEPARATOR},
      {0x2028, Character.LINE_SEPARATOR}, {0x2029, Character.PARAGRAPH_SEPARATOR},
      {0x0080, Character.CONTROL}, {0x200B, Character.FORMAT}, {0xE000, Character.PRIVATE_USE},
      {0xD800, Character.SURROGATE}, {0x2010, Character.DASH_PUNCTUATION},
      {0x2045, Character.START_PUNCTUATION}, {0x2046, Character.END_PUNCTUATION},
      {0x203F, Character.CONNECTOR_PUNCTUATION}, {0x2020, Character.OTHER_PUNCTUATION},
      {0x2200, Character.MATH_SYMBOL}, {0x20AC, Character.CURRENCY_SYMBOL},
      {0x02C2, Character.MODIFIER_SYMBOL}, {0x2100, Character.OTHER_SYMBOL},
      {0x2018, Character.INITIAL_QUOTE_PUNCTUATION}, {0x2019, Character.FINAL_QUOTE_PUNCTUATION},
      {0x0378, Character.UNASSIGNED}
    };
    for (int[] sample : samples) {
      assertEquals(sample[1], PyUnicode.category(sample[0]), Integer.toHexString(sample[0]));
    }
  }

  @Test
  void digitValuesCountFromTheirRunsZero() {
    assertEquals(3, PyUnicode.decimalValue(0x0663));
    assertEquals(9, PyUnicode.decimalValue(0x1D7FF), "the last of five runs of mathematical digits");
    assertEquals(-1, PyUnicode.decimalValue(0x2160), "a letter number is no decimal digit");
    assertEquals(BigInteger.valueOf(19), PyInt.parse("\uD81A\uDEC1\uD81A\uDEC9", 10));
  }

  @Test
  void lowerUsesPythonsFullMappings() {
    assertEquals(VITHKUQI_SMALL_A, PyUnicode.lower(VITHKUQI_CAPITAL_A));
    assertEquals("i\u0307", PyUnicode.lower("\u0130"));
    assertEquals("xul.dll" + VITHKUQI_SMALL_A, PyUnicode.lower("XUL.DLL" + VITHKUQI_CAPITAL_A));
    assertEquals("xul.dll", PyUnicode.lower("XUL.DLL"));
  }

  @Test
  void aCapitalSigmaIsFinalWhereItEndsAWord() {
    assertEquals("a\u03c2", PyUnicode.lower("A\u03a3"));
    assertEquals("\u03c3", PyUnicode.lower("\u03a3"));
    assertEquals("a\u03c3b", PyUnicode.lower("A\u03a3B"));
    assertEquals("a\u03c2\u0345", PyUnicode.lower("A\u03a3\u0345"), "U+0345 is cased and case-ignorable");
    assertEquals("a'\u03c2", PyUnicode.lower("A'\u03a3"));
    assertEquals("abc\u03c2\u0301 x", PyUnicode.lower("ABC\u03a3\u0301 x"));
    assertEquals(VITHKUQI_SMALL_A + "\u03c2", PyUnicode.lower(VITHKUQI_CAPITAL_A + "\u03a3"), "a Unicode 14.0 letter is cased");
    assertEquals("\uD803\uDD50\u03c3", PyUnicode.lower("\uD803\uDD50\u03a3"), "a Unicode 16.0 letter is not");
  }

  @Test
  void reprEscapesWhatPythonCannotPrint() {
    assertEquals("'\uD83E\uDEE0\\U0001f6dc'", PyRepr.reprString("\uD83E\uDEE0\uD83D\uDEDC"));
  }

  @Test
  void theWordAndDigitRangesAreExactlyTheirCategories() {
    int[] word = PyUnicode.wordRangesBeyondAscii();
    int[] digit = PyUnicode.digitRangesBeyondAscii();
    for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
      int type = PyUnicode.category(cp);
      boolean letterOrNumber = type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER
          || type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
      assertEquals(letterOrNumber, in(word, cp), Integer.toHexString(cp));
      assertEquals(type == Character.DECIMAL_DIGIT_NUMBER, in(digit, cp), Integer.toHexString(cp));
    }
  }

  private static boolean in(int[] ranges, int cp) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (cp >= ranges[i] && cp <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
