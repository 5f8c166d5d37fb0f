package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.py.PyValues;

/** Replaces the signature with {@code IPCError-browser} or {@code IPCError-content} and the error. */
final class SignatureIPCChannelError extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SignatureIPCChannelError";

  SignatureIPCChannelError() {
    super(NAME);
  }
  private static final int MAX_ERROR_LENGTH = 100;

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return PyValues.truthy(crashData.get("ipc_channel_error"));
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    JsonNode minidumps = crashData.get("additional_minidumps");
    boolean browser =
        PyValues.truthy(minidumps)
            && PyValues.contains(minidumps, "upload_file_minidump_browser");
    String error = firstItems(crashData.get("ipc_channel_error"));
    String signature = (browser ? "IPCError-browser | " : "IPCError-content | ") + error;
    result.info(name(), "IPC Channel Error stomped on signature");
    result.setSignature(name(), signature);
  }

  /** {@code str(value[:100])}. */
  private static String firstItems(JsonNode value) {
    if (value.isTextual()) {
      return PyStrings.head(value.textValue(), MAX_ERROR_LENGTH);
    }
    if (value.isArray()) {
      ArrayNode head = ((ArrayNode) value).arrayNode();
      for (int i = 0; i < Math.min(MAX_ERROR_LENGTH, value.size()); i++) {
        head.add(value.get(i));
      }
      return PyRepr.repr(head);
    }
    if (value.isObject()) {
      throw PyException.typeError("unhashable type: 'slice'");
    }
    throw PyException.typeError("'" + PyValues.typeName(value) + "' object is not subscriptable");
  }
}
