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

  /** {@code {"signature", "notes", "debug_log", "extra"}}, as Socorro's Result.to_dict(). */
  public static ObjectNode full(SignatureResult result) {
    ObjectNode node = NODES.objectNode();
    node.put("signature", result.signature());
    node.set("notes", strings(result.notes()));
    node.set("debug_log", strings(result.debugLog()));
    node.set("extra", extra(result.extra()));
    return node;
  }

  /** {@code {"signature", "proto_signature", "notes"}}, plus {@code "debug_log"} when verbose. */
  public static ObjectNode summary(SignatureResult result, boolean verbose) {
    ObjectNode node = NODES.objectNode();
    node.put("signature", result.signature());
    if (result.extra() == null) {
      node.putNull("proto_signature");
    } else {
      node.put("proto_signature", result.extra().protoSignature());
    }
    node.set("notes", strings(result.notes()));
    if (verbose) {
      node.set("debug_log", strings(result.debugLog()));
    }
    return node;
  }

  private static ObjectNode extra(SignatureResult.Extra extra) {
    ObjectNode node = NODES.objectNode();
    if (extra != null) {
      node.put("proto_signature", extra.protoSignature());
      node.set("normalized_frames", strings(extra.normalizedFrames()));
    }
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }
}
