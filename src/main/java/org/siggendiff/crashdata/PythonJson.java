package org.siggendiff.crashdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyJson;
import org.siggendiff.internal.py.PyJsonDump;
import org.siggendiff.internal.py.PyRepr;

/**
 * Crash JSON read, written and quoted exactly as Python does it, for tools whose output must
 * match Python's byte for byte: Python's crashstats-tools (the raw crash files it writes) and
 * Socorro's messages (values shown with {@code repr}, which also keeps control characters of
 * untrusted text off a terminal).
 */
public final class PythonJson {
  private PythonJson() {}

  /**
   * Python's {@code json.loads}: the same documents accepted (NaN, Infinity, integers of any
   * size) and the same ones refused.
   *
   * @throws IOException with Python's ValueError message when Python would refuse the text
   */
  public static JsonNode loads(String text) throws IOException {
    try {
      return PyJson.loads(text);
    } catch (PyException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Python's {@code json.dumps(value, indent=2, sort_keys=True)} with its other defaults (ASCII
   * only, no final newline): what crashstats-tools' {@code fetch-data} writes for a raw crash.
   */
  public static String dumpSortedIndented(JsonNode value) {
    return PyJsonDump.sortedIndented(value);
  }

  /** Python's {@code json.dumps(value, indent=2)}: members in their order, ASCII only, no final newline. */
  public static String dumpIndented(JsonNode value) {
    return PyJsonDump.indented(value);
  }

  /** Python's {@code repr} of a JSON value; a Java null or missing node is {@code None}. */
  public static String repr(JsonNode value) {
    return PyRepr.repr(value);
  }

  /** Python's {@code repr} of a string: its choice of quotes, every control character escaped. */
  public static String repr(String text) {
    return PyRepr.reprString(text);
  }
}
