package org.siggendiff.signify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.siggendiff.signature.SignatureResult;

/** Renders signature results as JSON objects in Socorro's field names. */
public final class ResultJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResultJson() {}

  /**
   * {@code {"signature", "notes", "debug_log", "extra"}}, as Socorro's Result.to_dict(), written
   * as {@code AsciiJson.COMPACT} writes it, without the closing brace: a caller may add fields.
   */
  static AsciiJsonLine fullFields(SignatureResult result) {
    AsciiJsonLine line = new AsciiJsonLine()
        .raw("{\"signature\":").string(result.signature())
        .raw(",\"notes\":").strings(result.notes())
        .raw(",\"debug_log\":").strings(result.debugLog())
        .raw(",\"extra\":{");
    SignatureResult.Extra extra = result.extra();
    if (extra != null) {
      line.raw("\"proto_signature\":").string(extra.protoSignature())
          .raw(",\"normalized_frames\":").strings(extra.normalizedFrames());
    }
    return line.raw("}");
  }

  /** {@code {"signature", "proto_signature", "notes"}}, plus {@code "debug_log"} when verbose. */
  public static ObjectNode summary(SignatureResult result, boolean verbose) {
    ObjectNode node = NODES.objectNode();
    node.put("signature", result.signature());
    // siggen's signify: result.extra.get("proto_signature", ""), so "" when no stack was walked.
    node.put("proto_signature", result.extra() == null ? "" : result.extra().protoSignature());
    node.set("notes", strings(result.notes()));
    if (verbose) {
      node.set("debug_log", strings(result.debugLog()));
    }
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }
}
