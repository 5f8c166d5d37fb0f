package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrashJsonTest {
  @Test
  void buildsTreesEqualToJacksonsOwnAndWritesThemBackTheSame() throws IOException {
    StringBuilder large = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      large.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":{\"n\":").append(i).append('}');
    }
    String json = "{\"os\":\"Linux\",\"threads\":[{\"frames\":[{\"function\":\"f\",\"line\":3}]}],\"large\":"
        + large + "}}";
    JsonNode ours = CrashJson.parse(json);
    JsonNode jacksons = new ObjectMapper().readTree(json);
    assertEquals(jacksons, ours);
    assertEquals(ours, jacksons);
    assertEquals(json, CrashJson.mapper().writeValueAsString(ours));
  }

  /** A number or string read as a token, without the tree mapper, is the node the mapper makes, or fails as it fails. */
  @Test
  void aScalarReadAsATokenIsTheNodeTheMapperMakes() throws IOException {
    List<String> values = List.of(
        "0", "-0", "7", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(60), "1.0", "-0.0", "0.1", "1e5", "1E-7",
        "2.5e+3", "1.7976931348623157e308", "1e400", "-1e400", "4.9e-324", "1e-400", "123456789012345678901234.5",
        "NaN", "Infinity", "-Infinity", "+Infinity", "INF", "-INF", "+INF",
        "\"\"", "\"plain\"", "\"\\u00e9t\\u00e9\"", "\"tab\\tnew\\nline\"", "\"\\ud83d\\ude00\"", "\"\\ud800 alone\"",
        "\"\\/\\\\\\\"\"", "\"café\"",
        "01", "1.", ".5", "1e", "-", "NaNa", "\"unterminated", "\"\\x\"", "1 2", "1" + "0".repeat(100_001));
    for (String value : values) {
      byte[] bytes = (" [" + value + "] ").getBytes(StandardCharsets.UTF_8);
      int start = 2;
      int length = value.getBytes(StandardCharsets.UTF_8).length;
      JsonNode mapper;
      try {
        mapper = mapperRead(bytes, start, length);
      } catch (IOException expected) {
        IOException ours = assertThrows(IOException.class, () -> CrashJson.scalar(bytes, start, length), value);
        assertEquals(expected.getMessage(), ours.getMessage(), value);
        continue;
      }
      JsonNode ours = CrashJson.scalar(bytes, start, length);
      assertEquals(mapper, ours, value);
      assertEquals(mapper.getClass(), ours.getClass(), value);
    }
  }

  private static JsonNode mapperRead(byte[] bytes, int start, int length) throws IOException {
    try (JsonParser parser = CrashJson.mapper().createParser(bytes, start, length)) {
      JsonNode value = CrashJson.mapper().readTree(parser);
      if (parser.nextToken() != null) {
        throw new IOException("not one JSON value");
      }
      return value;
    }
  }

  @Test
  void aRepeatedKeyKeepsItsFirstPlaceAndItsLastValueAsPythonDoes() throws IOException {
    JsonNode crash = CrashJson.parse("{\"a\": 1, \"b\": 2, \"a\": 3}");
    List<String> members = new ArrayList<>();
    crash.fields().forEachRemaining(field -> members.add(field.getKey() + "=" + field.getValue()));
    assertEquals(List.of("a=3", "b=2"), members);
  }

  @Test
  void integersOfMoreThan4300DigitsAreRefusedAsPythonsIntRefusesThem() throws IOException {
    String most = "9".repeat(4300);
    String tooMany = "9".repeat(4301);
    assertEquals(new java.math.BigInteger(most), CrashJson.parse("{\"a\": " + most + "}").get("a").bigIntegerValue());
    assertEquals(new java.math.BigInteger("-" + most), CrashJson.parse(("[-" + most + "]").getBytes(StandardCharsets.UTF_8)).get(0).bigIntegerValue());
    // A float is read with float(), which has no such limit.
    assertEquals(1.0, CrashJson.parse("[1." + "0".repeat(5000) + "]").get(0).doubleValue());
    for (String document : List.of("{\"crashing_thread\": " + tooMany + "}", "[{\"a\": [-" + tooMany + "]}]")) {
      IOException fromText = assertThrows(IOException.class, () -> CrashJson.parse(document));
      assertTrue(fromText.getMessage().contains("an integer of 4301 digits, more than the 4300 Python's int() reads"), fromText.getMessage());
      assertThrows(IOException.class, () -> CrashJson.parse(document.getBytes(StandardCharsets.UTF_8)));
      IOException checked = assertThrows(IOException.class, () -> CrashJson.requireWellFormed(document.getBytes(StandardCharsets.UTF_8)));
      assertTrue(checked.getMessage().startsWith("an integer of 4301 digits, more than the 4300 Python's int() reads"), checked.getMessage());
    }
  }

  @Test
  void refusesTrailingData() {
    assertThrows(IOException.class, () -> CrashJson.parse("{} {}"));
  }

  /**
   * Documents from bytes are mostly read by the outline reader, which must give exactly the
   * nodes Jackson gives (same types, same member order) and, for a bad document,
   * Jackson's own error: {@code signify --jsonl} prints it for the line.
   */
  @Test
  void readsBytesToJacksonsNodesAndErrorsWhateverTheDocument() {
    String frame = "{\"function\":\"f\",\"line\":3,\"module\":\"xul.dll\",\"trust\":\"cfi\"}";
    List<String> documents = new ArrayList<>(List.of(
        "{\"os\":\"Linux\",\"crashing_thread\":0,\"threads\":[{\"frames\":[" + frame + "," + frame + "]}]}",
        " {\"a\" : [ 1 , 2 ] ,\t\"b\":\r\n{}}\n",
        "{\"a\": 1, \"b\": 2, \"a\": 3}",
        "{\"n\":[0,-0,7,-7,2147483647,2147483648,-2147483649,123456789012345678,1234567890123456789,"
            + "99999999999999999999999,1.0,-1.5e3,1E400,NaN,Infinity,-Infinity,true,false,null]}",
        "{\"s\":[\"\",\"plain\",\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\\ud800\",\"caf\u00e9 \u20ac \ud83d\ude00\","
            + "\"\u00e9\\n\",\"\\u00\",\"\\x\",\"\u007f\"]}",
        "{\"caf\u00e9\":1,\"k\\u0065y\":2,\"function\":3,\"functio\":4,\"functions\":5}",
        "{\"a\":\"tab\tinside\"}",
        "{\"a\":\"new\nline\"}",
        "[1,2]", "\"text\"", "12", "null", "", "   ", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{\"a\":1 \"b\":2}",
        "{\"a\":tru}", "{\"a\":nul}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}",
        "{\"a\":1}x", "{} {}", "{\"a\":[1,2}", "{\"a\":\"open}", "{'a':1}", "{a:1}", "{\"a\":1}//",
        "{\"a\":1.5\"x\"}", "{\"a\":NaNx}", "{\"a\":-NaN}", "\ufeff{\"a\":1}",
        // Values Jackson would read in another encoding if it were handed them alone.
        "{\"a\":1\u0000}", "{\"a\":\u0000\"\u0000b\u0000\"}", "\u0000\"\u0000a\u0000\"", "{\"a\":\ufeff1}",
        "{\"a\":1.5\u0000}", "[\u0000\u0000\u00001]"));
    for (int depth : new int[] {63, 64, 65, 200, 994, 995, 996, 1100}) {
      documents.add("{\"d\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
      documents.add("[".repeat(depth) + "{\"a\":1}" + "]".repeat(depth));
    }
    for (int length : new int[] {1023, 1024, 1025, 49_999, 50_000, 50_001, 60_000}) {
      documents.add("{\"" + "k".repeat(length) + "\":1}");
    }
    for (String document : documents) {
      String jackson = readWithJackson(document.getBytes(StandardCharsets.UTF_8));
      String ours;
      try {
        ours = shape(CrashJson.parse(document.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        ours = "error: " + e.getMessage();
      }
      assertEquals(jackson, ours, document.length() > 200 ? document.substring(0, 200) : document);
    }
  }

  /** What Jackson makes of the text: the shape of its tree, or its error. */
  private static String readWithJackson(byte[] document) {
    try {
      return shape(CrashJson.parseWithJackson(document));
    } catch (IOException e) {
      return "error: " + e.getMessage();
    }
  }

  /** The node types, member order and values of a tree. */
  private static String shape(JsonNode node) {
    StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
    if (node.isObject()) {
      out.append('{');
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        out.append(member.getKey()).append(':').append(shape(member.getValue())).append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      node.forEach(element -> out.append(shape(element)).append(','));
      out.append(']');
    } else {
      out.append('(').append(node.toString()).append(')');
    }
    return out.toString();
  }

  @Test
  void aSecondDocumentOnALaterLineIsToldFromMoreOnTheSameLineWhicheverReaderFindsIt() {
    for (String twoLines : List.of("{\"a\": 1}\n{\"b\": 2}", "[1]\r\n[2]")) {
      IOException text = assertThrows(IOException.class, () -> CrashJson.parse(twoLines));
      IOException bytes = assertThrows(IOException.class, () -> CrashJson.parse(twoLines.getBytes(StandardCharsets.UTF_8)));
      assertTrue(CrashJson.isMoreOnALaterLine(text) && CrashJson.isMoreOnALaterLine(bytes), text + " / " + bytes);
    }
    IOException sameLine = assertThrows(IOException.class, () -> CrashJson.parse("{\"a\": 1} {\"b\": 2}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(sameLine.getMessage().startsWith("extra data after the JSON value at "), sameLine.getMessage());
    assertTrue(!CrashJson.isMoreOnALaterLine(sameLine));
  }
}
