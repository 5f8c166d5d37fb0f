package org.siggendiff.signify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;
import org.siggendiff.testing.SharedData;

/** The direct writer of signify's lines must give the bytes the escaping mapper gave, always. */
class AsciiJsonLineTest {
  /** The result object as signify built it before it wrote lines directly. */
  private static String throughTheMapper(SignatureResult result) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode node = nodes.objectNode();
    node.put("signature", result.signature());
    node.set("notes", strings(result.notes()));
    node.set("debug_log", strings(result.debugLog()));
    ObjectNode extra = node.putObject("extra");
    if (result.extra() != null) {
      extra.put("proto_signature", result.extra().protoSignature());
      extra.set("normalized_frames", strings(result.extra().normalizedFrames()));
    }
    return AsciiJson.COMPACT.writeValueAsString(node);
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static String direct(SignatureResult result) {
    return new String(ResultJson.fullFields(result).raw("}").toByteArray(), StandardCharsets.US_ASCII);
  }

  @Test
  void everyUtf16CodeUnitIsWrittenAsTheAsciiMapperWritesIt() throws IOException {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= 0xFFFF; c++) {
      all.append((char) c);
    }
    all.append("\uD83D\uDE00 \uDBFF\uDFFF");
    String text = all.toString();
    assertEquals(AsciiJson.COMPACT.writeValueAsString(TextNode.valueOf(text)),
        new String(new AsciiJsonLine().string(text).toByteArray(), StandardCharsets.US_ASCII));
  }

  /** Text is copied eight bytes at a time up to the first character to escape, '?' or non-ASCII. */
  @Test
  void eachSpecialCharacterAtEachPlaceOfAWordIsWrittenAsTheMapperWritesIt() throws IOException {
    String[] specials = {"\"", "\\", "?", "\u001f", "\u007f", "\u0080", "\u00e9", "\u00ff", "\u0100", "\u2603", "\uD83D\uDE00", "\uD800"};
    for (String special : specials) {
      for (int length = 0; length <= 20; length++) {
        for (int at = 0; at <= length; at++) {
          String text = "abcdefghijklmnopqrstuvwxyz".substring(0, at) + special + "ABCDEFGHIJKLMNOPQRSTUVWXYZ".substring(0, length - at);
          assertEquals(AsciiJson.COMPACT.writeValueAsString(TextNode.valueOf(text)),
              new String(new AsciiJsonLine().string(text).toByteArray(), StandardCharsets.US_ASCII), text);
        }
      }
    }
  }

  /**
   * Text is copied in runs between the characters to look at: several of them, with runs of
   * every length between, in any order, and a pair of surrogates anywhere in the text.
   */
  @Test
  void textMixingPlainRunsAndSpecialCharactersIsWrittenAsTheMapperWritesIt() throws IOException {
    String[] pieces = {"\"", "\\", "?", "\n", "\u001f", "\u007f", "\u00e9", "\u2603", "\uD83D\uDE00", "\uDC00", "a", "abcdefgh", "mozilla::dom::"};
    java.util.Random random = new java.util.Random(29);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(9); n > 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertEquals(AsciiJson.COMPACT.writeValueAsString(TextNode.valueOf(t)),
          new String(new AsciiJsonLine().string(t).toByteArray(), StandardCharsets.US_ASCII), t);
    }
  }

  @Test
  void aResultWithoutExtraAndNullsIsWrittenAsTheMapperWritesIt() throws IOException {
    SignatureResult result = new SignatureResult("sig \"x\" \u00e9\n", List.of("note\t1", "\u0007"), List.of(), null);
    assertEquals(throughTheMapper(result), direct(result));
    SignatureResult noProto = new SignatureResult("", List.of(), List.of("d"), new SignatureResult.Extra(List.of("a", "b\\", "\u2028")));
    assertEquals(throughTheMapper(noProto), direct(noProto));
  }

  @Test
  void theDemoCrashesAreWrittenAsTheMapperWritesThem() throws Exception {
    Path demo = Path.of("corpora/demo/processed-crashes.jsonl");
    SignatureGenerator generator = new SignatureGenerator(SiglistLoader.load(Path.of("siglists/demo/candidate"), "candidate"));
    int compared = 0;
    for (String line : Files.readAllLines(demo)) {
      SignatureResult result = generator.generate(CrashDataAdapter.fromProcessedCrash(CrashJson.parse(line)));
      assertEquals(throughTheMapper(result), direct(result), line.substring(0, Math.min(200, line.length())));
      compared++;
    }
    assertEquals(310, compared);
  }

  @Test
  void theConformanceCrashDataIsWrittenAsTheMapperWritesIt() throws Exception {
    Path vectors = SharedData.conformance("crash-data.jsonl.gz");
    Map<String, SignatureGenerator> generators = new HashMap<>();
    int compared = 0;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(vectors)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode vector = CrashJson.parse(line);
        SignatureGenerator generator = generators.computeIfAbsent(vector.get("siglists").asText(), folder -> {
          try {
            return new SignatureGenerator(SiglistLoader.load(SharedData.siglists(folder), folder));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        SignatureResult result = generator.generate(CrashData.of(vector.get("crash_data")));
        assertEquals(throughTheMapper(result), direct(result), vector.get("id").asText());
        compared++;
      }
    }
    assertEquals(15_000, compared);
  }
}
