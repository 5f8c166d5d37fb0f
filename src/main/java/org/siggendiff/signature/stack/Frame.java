package org.siggendiff.signature.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.siggendiff.py.PyException;
import org.siggendiff.py.PyValues;

/**
 * One frame as Socorro's frame generator yields it: an inline function or a real frame, with
 * the fields normalization reads. Values are raw JSON (null when absent) because their types
 * decide what happens. Inline frames have no unloaded modules and no inlines of their own.
 */
public record Frame(
    JsonNode module,
    JsonNode function,
    JsonNode file,
    JsonNode line,
    JsonNode offset,
    JsonNode unloadedModules,
    JsonNode inlines) {

  /** Reads a stack frame; like Python's {@code frame.get}, anything but a dict raises. */
  public static Frame of(JsonNode frame) {
    if (frame == null || !frame.isObject()) {
      throw PyException.attributeError(PyValues.typeName(frame), "get");
    }
    JsonNode module = null;
    JsonNode function = null;
    JsonNode file = null;
    JsonNode line = null;
    JsonNode offset = null;
    JsonNode unloadedModules = null;
    JsonNode inlines = null;
    // One pass over the fields costs less than a map lookup per field.
    Iterator<Map.Entry<String, JsonNode>> fields = frame.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      switch (field.getKey()) {
        case "module" -> module = field.getValue();
        case "function" -> function = field.getValue();
        case "file" -> file = field.getValue();
        case "line" -> line = field.getValue();
        case "offset" -> offset = field.getValue();
        case "unloaded_modules" -> unloadedModules = field.getValue();
        case "inlines" -> inlines = field.getValue();
        default -> {
          // other fields play no part in signatures
        }
      }
    }
    return new Frame(module, function, file, line, offset, unloadedModules, inlines);
  }

  /** The frame for one of this frame's inline functions: its own name, file and line. */
  public Frame inline(JsonNode inline) {
    JsonNode inlineFunction = PyValues.get(inline, "function");
    return new Frame(module, inlineFunction, inline.get("file"), inline.get("line"), offset, null, null);
  }

  public Frame withFunction(JsonNode newFunction) {
    return new Frame(module, newFunction, file, line, offset, unloadedModules, inlines);
  }

  public Frame withModule(JsonNode newModule) {
    return new Frame(newModule, function, file, line, offset, unloadedModules, inlines);
  }
}
