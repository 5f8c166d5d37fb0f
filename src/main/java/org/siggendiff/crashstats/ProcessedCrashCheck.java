package org.siggendiff.crashstats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.siggendiff.crashdata.PythonJson;

/**
 * Whether a JSON object is the processed crash that was asked for, checked before it is cached
 * and again when it is read back: an API can answer 200 with an error object, or with another
 * crash, and neither may ever become a row.
 */
public final class ProcessedCrashCheck {
  private static final int QUOTED_ERROR_LIMIT = 200;

  private ProcessedCrashCheck() {}

  /**
   * What is wrong, worded to follow "the answer is" or "the cache entry is", and the same for
   * every crash wrong the same way; empty when the object is the crash {@code id}.
   *
   * @param crash as read by {@code CrashDataAdapter.readProcessedCrash}, which keeps {@code uuid}
   *     and {@code error}
   */
  public static Optional<String> problem(CrashId id, ObjectNode crash) {
    JsonNode uuid = crash.get("uuid");
    if (uuid == null) {
      // A processed crash always has its uuid; tolerating its absence keeps hand-made corpora usable.
      JsonNode error = crash.get("error");
      return error == null ? Optional.empty() : Optional.of("an error, not a crash" + quoted(error));
    }
    if (!uuid.isTextual() || !uuid.textValue().equalsIgnoreCase(id.value())) {
      return Optional.of("another crash (its uuid is not the crash ID asked for)");
    }
    return Optional.empty();
  }

  /** {@code : 'the error'}, as Python's repr, shortened; nothing when it is not text. */
  static String quoted(JsonNode error) {
    if (!error.isTextual()) {
      return "";
    }
    String text = error.textValue();
    return ": " + PythonJson.repr(text.length() > QUOTED_ERROR_LIMIT ? text.substring(0, QUOTED_ERROR_LIMIT) + "..." : text);
  }
}
