package org.siggendiff.crashdata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON reader for crash documents, accepting what Python's {@code json.loads} accepts:
 * NaN and Infinity, integers of any size, and large documents. Objects keep their members in a
 * {@link CompactObjectMap}.
 */
public final class CrashJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNumberLength(100_000)
                          .maxNestingDepth(10_000)
                          .build())
                  .build())
          .nodeFactory(CompactNodeFactory.INSTANCE)
          .build();

  private CrashJson() {}

  /** The shared mapper; configured once, safe to use from any thread. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses one JSON document. */
  public static JsonNode parse(String text) throws IOException {
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null) {
        throw new IOException("no JSON value");
      }
      if (parser.nextToken() != null) {
        throw new IOException("extra data after the JSON value");
      }
      return node;
    }
  }

  /**
   * Checks that the bytes are one well-formed JSON document, token by token, without building
   * it: for documents that will then be read only in part.
   *
   * @throws IOException saying what is wrong and where
   */
  public static void requireWellFormed(byte[] json) throws IOException {
    try (JsonParser parser = MAPPER.createParser(json)) {
      if (parser.nextToken() == null) {
        throw new IOException("no JSON value");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IOException("extra data after the JSON value");
      }
    }
  }
}
