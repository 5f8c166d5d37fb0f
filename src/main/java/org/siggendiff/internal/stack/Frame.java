package org.siggendiff.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyUnicode;
import org.siggendiff.internal.py.PyValues;

/**
 * One frame as Socorro's frame generator yields it: an inline function or a real frame. Values
 * are raw JSON (null when absent) because their types decide what happens. The function and
 * file, which every frame needs and several steps ask for, are read once; the other fields are
 * read from the JSON when asked for, since most frames never need them. Inline
 * frames take their function, file and line from the inline entry and the rest from their
 * frame, and have no unloaded modules and no inlines of their own. It reads the fields of
 * {@code crashdata.CrashFields.FRAME} and no other: cached crashes keep only those.
 */
final class Frame {
  private final JsonNode frame;
  /** The inline entry this frame stands for, or null for a real frame. */
  private final JsonNode inline;
  private final JsonNode function;
  private final JsonNode file;
  private final boolean lowercaseModule;

  private Frame(JsonNode frame, JsonNode inline, JsonNode function, JsonNode file, boolean lowercaseModule) {
    this.frame = frame;
    this.inline = inline;
    this.function = function;
    this.file = file;
    this.lowercaseModule = lowercaseModule;
  }

  /** Reads a stack frame; like Python's {@code frame.get}, anything but a dict raises. */
  public static Frame of(JsonNode frame) {
    if (frame == null || !frame.isObject()) {
      throw PyException.attributeError(PyValues.typeName(frame), "get");
    }
    return new Frame(frame, null, frame.get("function"), frame.get("file"), false);
  }

  /** The frame for one of this frame's inline functions; an inline entry that is not a dict raises. */
  public Frame inline(JsonNode inline) {
    JsonNode function = PyValues.get(inline, "function");
    return new Frame(frame, inline, function, inline.get("file"), lowercaseModule);
  }

  /** This frame with another function, as Socorro's fixes of symbols write it back. */
  public Frame withFunction(JsonNode newFunction) {
    return new Frame(frame, inline, newFunction, file, lowercaseModule);
  }

  /**
   * This frame with its module lowercased, as Socorro does for Windows, when the module is
   * read: most frames never read it. The caller has checked that the module is a string.
   */
  public Frame withLowercaseModule() {
    return new Frame(frame, inline, function, file, true);
  }

  public JsonNode module() {
    JsonNode module = frame.get("module");
    return lowercaseModule && module != null && module.isTextual()
        ? TextNode.valueOf(PyUnicode.lower(module.textValue()))
        : module;
  }

  public JsonNode function() {
    return function;
  }

  public JsonNode file() {
    return file;
  }

  public JsonNode line() {
    return (inline != null ? inline : frame).get("line");
  }

  public JsonNode offset() {
    return frame.get("offset");
  }

  public JsonNode unloadedModules() {
    return inline != null ? null : frame.get("unloaded_modules");
  }

  public JsonNode inlines() {
    return inline != null ? null : frame.get("inlines");
  }
}
