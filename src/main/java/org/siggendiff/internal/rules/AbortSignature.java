package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.py.PyValues;

/** Prepends {@code Abort | <message>} from the abort message, without file, line or junk. */
final class AbortSignature extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "AbortSignature";

  AbortSignature() {
    super(NAME);
  }
  private static final int MAX_MESSAGE_LENGTH = 80;

  @Override
  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return PyValues.truthy(crashData.get("abort_message"));
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    JsonNode raw = crashData.get("abort_message");
    if (PyValues.contains(raw, "###!!! ABORT: file ")) {
      result.setSignature(name(), "Abort | " + result.signature());
      return;
    }
    String message;
    if (raw.isTextual()) {
      message = raw.textValue();
      int marker = message.indexOf("###!!! ABORT:");
      if (marker >= 0) {
        message = message.substring(marker + "###!!! ABORT:".length());
      }
      int file = message.indexOf(": file ");
      if (file >= 0) {
        message = message.substring(0, file);
      }
      if (message.contains("unable to find a usable font")) {
        int open = message.indexOf('(');
        if (open >= 0) {
          int close = message.lastIndexOf(')');
          if (close >= 0) {
            message = message.substring(0, open) + message.substring(close + 1);
          }
        }
      }
      message = PyStrings.keepPrintableAscii(message);
    } else {
      // A list or dict: Python's str methods are missing, and iteration yields items or keys.
      for (String needle : new String[] {"###!!! ABORT:", ": file ", "unable to find a usable font"}) {
        if (PyValues.contains(raw, needle)) {
          throw PyException.attributeError(
              PyValues.typeName(raw), needle.equals("unable to find a usable font") ? "find" : "split");
        }
      }
      message = keepPrintableAsciiItems(raw);
    }
    message = PyStrings.strip(message);
    if (PyStrings.length(message) > MAX_MESSAGE_LENGTH) {
      message = PyStrings.head(message, MAX_MESSAGE_LENGTH - 3) + "...";
    }
    result.setSignature(name(), "Abort | " + message + " | " + result.signature());
  }

  /** drop_bad_characters on a list or dict: keeps the items that are one allowed character. */
  private static String keepPrintableAsciiItems(JsonNode value) {
    StringBuilder sb = new StringBuilder();
    Iterator<JsonNode> items = PyValues.iterate(value);
    while (items.hasNext()) {
      JsonNode item = items.next();
      if (item.isTextual()
          && item.textValue().length() == 1
          && item.textValue().charAt(0) >= 0x20
          && item.textValue().charAt(0) <= 0x7E) {
        sb.append(item.textValue());
      }
    }
    return sb.toString();
  }
}
