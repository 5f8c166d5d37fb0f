package org.siggendiff.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.siggendiff.cache.RawCrashes;

/**
 * The raw annotations behind the fields the signature rules read, for one crash explained: those
 * its cached raw crash has, or none when the raw crash is not cached.
 *
 * @param annotations in {@link RawCrashes#ruleAnnotations}'s order; null when not cached
 */
public record RawAnnotations(List<RawCrashes.Annotation> annotations) {
  public RawAnnotations {
    annotations = annotations == null ? null : List.copyOf(annotations);
  }

  public static RawAnnotations notCached() {
    return new RawAnnotations(null);
  }

  public boolean cached() {
    return annotations != null;
  }

  /** {@code [{name, field, value}]}, the value as the raw crash has it; JSON null when not cached. */
  public JsonNode json() {
    if (annotations == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (RawCrashes.Annotation annotation : annotations) {
      ObjectNode item = array.addObject();
      item.put("name", annotation.name());
      item.put("field", annotation.processedField());
      item.set("value", annotation.value());
    }
    return array;
  }
}
