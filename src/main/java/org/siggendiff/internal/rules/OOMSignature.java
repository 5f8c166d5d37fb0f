package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyInt;
import org.siggendiff.internal.py.PyValues;

/** Prepends {@code OOM | small}, {@code OOM | large} or {@code OOM | unknown} for out-of-memory crashes. */
final class OOMSignature extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "OOMSignature";

  OOMSignature() {
    super(NAME);
  }
  private static final List<String> SIGNATURE_FRAGMENTS =
      List.of(
          "NS_ABORT_OOM",
          "mozalloc_handle_oom",
          "CrashAtUnhandlableOOM",
          "AutoEnterOOMUnsafeRegion",
          "alloc::oom::oom");
  private static final List<String> OOM_REASONS =
      List.of("STATUS_FATAL_MEMORY_EXHAUSTION", "STATUS_NO_MEMORY");
  private static final List<String> OOM_LAST_ERRORS =
      List.of("ERROR_COMMITMENT_LIMIT", "ERROR_NOT_ENOUGH_MEMORY");
  private static final BigInteger SMALL = BigInteger.valueOf(262144);

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    if (PyValues.truthy(crashData.get("oom_allocation_size"))) {
      return true;
    }
    String signature = result.signature();
    if (signature.isEmpty()) {
      return false;
    }
    for (String fragment : SIGNATURE_FRAGMENTS) {
      if (signature.contains(fragment)) {
        return true;
      }
    }
    BigInteger crashingThread = crashData.crashingThread();
    JsonNode thread = PyValues.glomIndex(crashData.get("threads"), crashingThread);
    if (PyValues.truthy(thread)) {
      JsonNode lastError = PyValues.get(thread, "last_error_value");
      if (isOneOf(lastError, OOM_LAST_ERRORS)) {
        return true;
      }
    }
    // In Socorro's order: an empty signature, or a thread that raises, is decided before this.
    return isOneOf(crashData.get("reason"), OOM_REASONS) || isLargeJsAllocation(crashData);
  }

  private static boolean isOneOf(JsonNode value, List<String> candidates) {
    return value != null && value.isTextual() && candidates.contains(value.textValue());
  }

  /** A failed large JS allocation that the engine reported as fatal. */
  private static boolean isLargeJsAllocation(CrashData crashData) {
    JsonNode failure = crashData.get("js_large_allocation_failure");
    return failure != null && failure.isTextual() && failure.textValue().equals("Reporting");
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    if (isLargeJsAllocation(crashData)) {
      result.setSignature(name(), "OOM | large | " + result.signature());
      return;
    }
    BigInteger size;
    try {
      size = PyInt.of(crashData.get("oom_allocation_size"));
    } catch (PyException e) {
      if (e.kind() != PyException.Kind.TYPE_ERROR) {
        throw e;
      }
      result.setSignature(name(), "OOM | unknown | " + result.signature());
      return;
    }
    if (size.compareTo(SMALL) <= 0) {
      result.setSignature(name(), "OOM | small");
    } else {
      result.setSignature(name(), "OOM | large | " + result.signature());
    }
  }
}
