package org.siggendiff.signature.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.Result;
import org.siggendiff.signature.Rule;

/** Prepends {@code stackoverflow} when the crash reason is a stack overflow. */
public final class StackOverflowSignature extends Rule {
  @Override
  public boolean predicate(CrashData crashData, Result result) {
    JsonNode reason = crashData.get("reason");
    return reason != null && reason.isTextual() && reason.textValue().equals("EXCEPTION_STACK_OVERFLOW");
  }

  @Override
  public void action(CrashData crashData, Result result) {
    result.setSignature(name(), "stackoverflow | " + result.signature());
  }
}
