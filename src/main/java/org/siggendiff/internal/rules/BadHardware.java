package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyValues;

/** Prepends {@code bad hardware} when the crash reason points at failing hardware. */
final class BadHardware extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "BadHardware";

  BadHardware() {
    super(NAME);
  }

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    JsonNode reason = crashData.get("reason");
    return PyValues.truthy(reason) && PyValues.contains(reason, "STATUS_DEVICE_DATA_ERROR");
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    result.setSignature(name(), "bad hardware | " + result.signature());
  }
}
