package org.siggendiff.internal.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.Fixtures.json;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PySemanticsTest {

  @Test
  void intParsesLikePython() {
    assertEquals(BigInteger.valueOf(12), PyInt.parse(" 12\n", 10));
    assertEquals(BigInteger.valueOf(10), PyInt.parse("1_0", 10));
    assertEquals(BigInteger.valueOf(-5), PyInt.parse("-5", 10));
    assertEquals(BigInteger.valueOf(123), PyInt.parse("\u0661\u0662\u0663", 10));
    assertEquals(BigInteger.valueOf(31), PyInt.parse("0x_1f", 16));
    assertEquals(BigInteger.valueOf(5), PyInt.parse("\u00855\u3000", 10));
    assertEquals(BigInteger.valueOf(5), PyInt.parse("\u000b5\u000c", 10));
    // U+001C to U+001F are white space to str.isspace(), but int() strips ASCII white space only.
    for (String bad : List.of("", "0x1", "1e6", "1.0", "_1", "1_", "1__0", "- 1", "abc", "\u001c5", "5\u001f", "\u007f5")) {
      PyException e = assertThrows(PyException.class, () -> PyInt.parse(bad, 10), bad);
      assertEquals(PyException.Kind.VALUE_ERROR, e.kind());
    }
  }

  @Test
  void intOfJsonValuesTruncatesFloatsAndRejectsContainers() {
    assertEquals(BigInteger.ONE, PyInt.of(json("1.9")));
    assertEquals(BigInteger.valueOf(-1), PyInt.of(json("-1.5")));
    assertEquals(BigInteger.ONE, PyInt.of(json("true")));
    assertEquals(PyException.Kind.TYPE_ERROR, assertThrows(PyException.class, () -> PyInt.of(json("[1]"))).kind());
    assertEquals(PyException.Kind.TYPE_ERROR, assertThrows(PyException.class, () -> PyInt.of(null)).kind());
  }

  @Test
  void strOfValuesMatchesPython() {
    assertEquals("None", PyRepr.str(json("null")));
    assertEquals("[1, 'a', None, True]", PyRepr.str(json("[1, \"a\", null, true]")));
    assertEquals("{'a': {'b': 1.5}}", PyRepr.str(json("{\"a\": {\"b\": 1.5}}")));
    assertEquals("\"it's\"", PyRepr.repr(json("\"it\\u0027s\"")));
    assertEquals("'\\x1b[0m\\u200b'", PyRepr.repr(json("\"\\u001b[0m\\u200b\"")));
  }

  @Test
  void floatReprIsShortestRoundTrip() {
    assertEquals("0.1", PyRepr.reprFloat(0.1));
    assertEquals("1e+16", PyRepr.reprFloat(1e16));
    assertEquals("1234567890123456.0", PyRepr.reprFloat(1234567890123456.0));
    assertEquals("0.0001", PyRepr.reprFloat(0.0001));
    assertEquals("1e-05", PyRepr.reprFloat(0.00001));
    assertEquals("-0.0", PyRepr.reprFloat(-0.0));
    assertEquals("5e-324", PyRepr.reprFloat(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", PyRepr.reprFloat(Double.MAX_VALUE));
  }

  @Test
  void floatReprAtAPowerOfTwoTakesTheShortestDigitsAboveWhenTheNearestMiss() {
    // The doubles below a power of two are twice as close as those above: rounded to 16
    // digits, the nearest decimal of 2**-1017 reads back as another double, the one above
    // reads back as it (Python 3.11's repr).
    assertEquals("7.120236347223045e-307", PyRepr.reprFloat(Math.scalb(1.0, -1017)));
    assertEquals("7.291122019556398e-304", PyRepr.reprFloat(Math.scalb(1.0, -1007)));
    assertEquals("-8.209073602596753e-289", PyRepr.reprFloat(-Math.scalb(1.0, -957)));
  }

  @Test
  void stripAndSplitLinesUsePythonsDefinitions() {
    assertEquals("a", PyStrings.strip("\u3000\u001c a \u0085"));
    assertEquals("\u200ba", PyStrings.strip("\u200ba"));
    assertEquals(List.of("a", "b", "c", "d"), PyStrings.splitLines("a\r\nb\u2028c\u000bd\n", 10));
    assertEquals(List.of("a", ""), PyStrings.splitLines("a\n\nb\nc", 2));
    assertEquals(List.of("a"), PyStrings.splitLines("a\r\n", 2));
    assertEquals(List.of(), PyStrings.splitLines("", 2));
  }

  @Test
  void sortsByCodePoint() {
    assertTrue(PyStrings.compareCodePoints("\uFFFF", "\uD83D\uDE00") < 0);
    assertTrue("\uFFFF".compareTo("\uD83D\uDE00") > 0);
  }

  @Test
  void truthinessMatchesPython() {
    assertFalse(PyValues.truthy(json("0.0")));
    assertFalse(PyValues.truthy(json("{}")));
    assertTrue(PyValues.truthy(json("\" \"")));
    assertFalse(PyValues.truthy(null));
  }

  @Test
  void jsonLoadsAcceptsAndRejectsLikePython() {
    assertTrue(Double.isNaN(PyJson.loads("NaN").doubleValue()));
    assertEquals(new BigInteger("100000000000000000000"), PyJson.loads("100000000000000000000").bigIntegerValue());
    assertTrue(Double.isInfinite(PyJson.loads("1e400").doubleValue()));
    for (String bad : List.of("\uFEFF{}", "{\"a\": 1} x", "\"a\u0001\"", "[1,]", "01", "{'a': 1}", "")) {
      assertEquals(PyException.Kind.VALUE_ERROR, assertThrows(PyException.class, () -> PyJson.loads(bad), bad).kind());
    }
    // Python 3.11's words for a trailing comma (3.13 would say "Illegal trailing comma").
    assertEquals("Expecting property name enclosed in double quotes: line 1 column 9 (char 8)",
        assertThrows(PyException.class, () -> PyJson.loads("{\"a\":1, }")).getMessage());
    assertEquals("Expecting value: line 1 column 6 (char 5)", assertThrows(PyException.class, () -> PyJson.loads("[1,2,]")).getMessage());
  }

  @Test
  void jsonErrorsCountCodePointsAndPointAtTheUOfABadEscapeAsPythonDoes() {
    Map<String, String> errors = Map.of(
        "\"\\u00eN\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
        "\"\\ud800\\u00zz\"", "Invalid \\uXXXX escape: line 1 column 9 (char 8)",
        "\"\uD83D\uDE00\\q\"", "Invalid \\escape: line 1 column 3 (char 2)",
        "[\"\uD83D\uDE00\"] x", "Extra data: line 1 column 7 (char 6)",
        "{\"a\":\n\"\uD83D\uDE00\",}", "Expecting property name enclosed in double quotes: line 2 column 5 (char 10)");
    errors.forEach((json, message) -> assertEquals(message, assertThrows(PyException.class, () -> PyJson.loads(json)).getMessage(), json));
  }
}
