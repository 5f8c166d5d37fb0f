package org.siggendiff.crashstats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.PythonJson;

/**
 * Raw crashes as crashstats-tools' {@code fetch-data} stores them: the API's answer read as
 * Python's {@code json.loads} reads it and written back with {@code json.dump(raw, fp, indent=2,
 * sort_keys=True)}, byte for byte.
 */
public final class RawCrashFormat {
  /**
   * Deeper documents are refused: Python's default recursion limit (1000) makes fetch-data fail
   * on them too, and Java's stack is not much deeper for the recursive reader and writer.
   */
  static final int MAX_DEPTH = 500;

  private RawCrashFormat() {}

  /**
   * The bytes fetch-data would write for this answer.
   *
   * @throws IOException saying what is wrong with the answer: not UTF-8, not one JSON object,
   *     too deeply nested, or about another crash
   */
  public static byte[] fetchDataBytes(CrashId id, byte[] body) throws IOException {
    JsonNode raw = read(id, body);
    return PythonJson.dumpSortedIndented(raw).getBytes(StandardCharsets.US_ASCII);
  }

  /** A raw crash document, API answer or cache entry, checked as {@link #fetchDataBytes} checks it. */
  public static JsonNode read(CrashId id, byte[] body) throws IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("response is not UTF-8");
    }
    checkShape(body);
    JsonNode raw;
    try {
      raw = PythonJson.loads(text);
    } catch (IOException e) {
      throw new IOException("response is not a JSON object");
    }
    if (!raw.isObject()) {
      throw new IOException("response is not a JSON object");
    }
    JsonNode uuid = raw.get("uuid");
    if (uuid != null && uuid.isTextual() && !uuid.textValue().equals(id.value())) {
      throw new IOException("the answer is the raw crash of another crash");
    }
    // The API's error object, as a processed crash is checked for it: never cached as a raw crash.
    if (uuid == null && raw.has("error")) {
      throw new IOException("the answer is an error, not a raw crash" + ProcessedCrashCheck.quoted(raw.get("error")));
    }
    return raw;
  }

  /** One well-formed JSON object, nested at most {@link #MAX_DEPTH} deep; checked without building it. */
  private static void checkShape(byte[] body) throws IOException {
    try (JsonParser parser = CrashJson.mapper().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("response is not a JSON object");
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          throw new IOException("response is not a JSON object");
        }
        if (token.isStructStart() && ++depth > MAX_DEPTH) {
          throw new IOException("response is nested more than " + MAX_DEPTH + " deep");
        }
        if (token.isStructEnd()) {
          depth--;
        }
      }
      if (parser.nextToken() != null) {
        throw new IOException("response is not a JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new IOException("response is not a JSON object");
    }
  }
}
