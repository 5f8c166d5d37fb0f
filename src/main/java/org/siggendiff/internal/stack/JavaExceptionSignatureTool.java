package org.siggendiff.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyValues;

/**
 * Socorro's JavaExceptionSignatureTool: a signature from a structured JavaException
 * annotation, the exception type of its first value and the frame that raised it, shaped like
 * a JavaSignatureTool signature.
 */
public final class JavaExceptionSignatureTool {
  private static final JsonNode UNKNOWN_TYPE = TextNode.valueOf("Unknown");

  public CSignatureTool.Generated generate(JsonNode source) {
    if (source == null || !source.isObject()) {
      return notInExpectedFormat();
    }
    JsonNode stacktrace =
        glom(glom(glom(glom(source, "exception"), "values"), "0"), "stacktrace");
    if (!PyValues.truthy(stacktrace)) {
      return notInExpectedFormat();
    }
    JsonNode type =
        stacktrace.isObject() && !stacktrace.has("type")
            ? UNKNOWN_TYPE
            : PyValues.get(stacktrace, "type");
    JsonNode module = PyValues.get(stacktrace, "module");
    String name =
        PyValues.truthy(module) && PyValues.truthy(type)
            ? PyRepr.str(module) + "." + PyRepr.str(type)
            : PyRepr.str(type);
    JsonNode frames = PyValues.get(stacktrace, "frames");
    if (!PyValues.truthy(frames)) {
      return new CSignatureTool.Generated(name, List.of(), List.of());
    }
    List<String> described = new ArrayList<>();
    Iterator<JsonNode> it = PyValues.iterate(frames);
    while (it.hasNext()) {
      described.add(describe(it.next()));
    }
    return new CSignatureTool.Generated(name + ": at " + described.get(0), List.of(), List.of());
  }

  private static String describe(JsonNode frame) {
    JsonNode module = PyValues.get(frame, "module");
    JsonNode function = PyValues.get(frame, "function");
    JsonNode fileName = PyValues.get(frame, "filename");
    String text;
    if (PyValues.truthy(module) && PyValues.truthy(function)) {
      text = joined(module, 0) + "." + joined(function, 1);
    } else if (PyValues.truthy(module)) {
      text = PyRepr.str(module);
    } else if (PyValues.truthy(function)) {
      text = PyRepr.str(function);
    } else {
      return "unknown";
    }
    if (PyValues.truthy(fileName)) {
      text += "(" + PyRepr.str(fileName) + ")";
    }
    return text;
  }

  /** An item of Python's {@code ".".join([module, function])}, which takes strings only. */
  private static String joined(JsonNode item, int index) {
    if (!item.isTextual()) {
      throw PyException.typeError("sequence item " + index + ": expected str instance, " + PyValues.typeName(item) + " found");
    }
    return item.textValue();
  }

  /** One glom path step without a default: a miss gives null (glom's PathAccessError). */
  private static JsonNode glom(JsonNode target, String segment) {
    if (target == null) {
      return null;
    }
    if (target.isObject()) {
      return target.get(segment);
    }
    if (target.isArray()) {
      try {
        return PyValues.glomIndex(target, new BigInteger(segment));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static CSignatureTool.Generated notInExpectedFormat() {
    return new CSignatureTool.Generated(
        "EMPTY: Java exception not in expected format",
        List.of("JavaExceptionSignatureTool: value not in expected format"),
        List.of());
  }
}
