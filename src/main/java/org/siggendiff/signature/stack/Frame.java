package org.siggendiff.signature.stack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One frame as Socorro's frame generator yields it: an inline function or a real frame, with
 * the fields normalization reads. Values are raw JSON (null when absent) because their types
 * decide what happens.
 */
public record Frame(
    JsonNode module, JsonNode function, JsonNode file, JsonNode line, JsonNode offset,
    JsonNode unloadedModules) {

  public Frame withFunction(JsonNode newFunction) {
    return new Frame(module, newFunction, file, line, offset, unloadedModules);
  }

  public Frame withModule(JsonNode newModule) {
    return new Frame(newModule, function, file, line, offset, unloadedModules);
  }
}
