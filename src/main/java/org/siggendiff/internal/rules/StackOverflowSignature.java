package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.siggendiff.crashdata.CrashData;

/** Prepends {@code stackoverflow} when the crash reason is a stack overflow. */
final class StackOverflowSignature extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "StackOverflowSignature";

  StackOverflowSignature() {
    super(NAME);
  }

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    JsonNode reason = crashData.get("reason");
    return reason != null && reason.isTextual() && reason.textValue().equals("EXCEPTION_STACK_OVERFLOW");
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    result.setSignature(name(), "stackoverflow | " + result.signature());
  }
}
