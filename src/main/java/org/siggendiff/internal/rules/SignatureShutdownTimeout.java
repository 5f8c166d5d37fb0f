package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyJson;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.py.PyValues;

/** Replaces the signature with {@code AsyncShutdownTimeout | <phase> | <conditions>}. */
final class SignatureShutdownTimeout extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SignatureShutdownTimeout";

  SignatureShutdownTimeout() {
    super(NAME);
  }

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return PyValues.truthy(crashData.get("async_shutdown_timeout"));
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    List<String> parts = new ArrayList<>();
    parts.add("AsyncShutdownTimeout");
    JsonNode raw = crashData.get("async_shutdown_timeout");
    if (!raw.isTextual()) {
      throw PyException.typeError(
          "the JSON object must be str, bytes or bytearray, not " + PyValues.typeName(raw));
    }
    try {
      JsonNode data = PyJson.loads(raw.textValue());
      JsonNode phase = PyValues.get(data, "phase");
      parts.add(phase != null && phase.isTextual() ? phase.textValue() : "(unknown)");
      List<String> conditions = conditionNames(PyValues.get(data, "conditions"));
      if (conditions.isEmpty()) {
        parts.add("(none)");
      } else {
        conditions.sort(PyStrings::compareCodePoints);
        parts.add(String.join(",", conditions));
      }
    } catch (PyException e) {
      if (e.kind() != PyException.Kind.VALUE_ERROR && e.kind() != PyException.Kind.KEY_ERROR) {
        throw e;
      }
      parts.add("UNKNOWN");
      result.info(name(), "Error parsing AsyncShutdownTimeout: " + e.getMessage());
    }
    result.info(
        name(),
        "Signature replaced with a Shutdown Timeout signature, was: \"" + result.signature() + "\"");
    result.setSignature(name(), String.join(" | ", parts));
  }

  /** The condition names, each as {@code str()}: a condition is a name, or a dict holding one. */
  private static List<String> conditionNames(JsonNode conditions) {
    List<String> names = new ArrayList<>();
    if (PyValues.truthy(conditions)) {
      Iterator<JsonNode> it = PyValues.iterate(conditions);
      while (it.hasNext()) {
        JsonNode condition = it.next();
        if (condition.isObject()) {
          if (!condition.has("name")) {
            throw PyException.keyError("name");
          }
          names.add(PyRepr.str(condition.get("name")));
        } else {
          names.add(PyRepr.str(condition));
        }
      }
    }
    return names;
  }
}
