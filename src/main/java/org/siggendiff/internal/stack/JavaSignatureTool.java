package org.siggendiff.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.regex.PythonRegex;

/**
 * Socorro's JavaSignatureTool: a signature from the first two lines of a Java stack trace, the
 * exception class, its description, and the top method without its line number.
 */
public final class JavaSignatureTool {
  private static final int DESCRIPTION_MAX_LENGTH = 255;
  private static final Pattern LINE_NUMBER = PythonRegex.compile("\\.java\\:\\d+\\)$");
  private static final Pattern HEX_ADDRESS = PythonRegex.compile("@[0-9a-f]{8}");
  private static final String DELIMITER = ": ";

  public CSignatureTool.Generated generate(JsonNode source) {
    if (source == null || !source.isTextual()) {
      return notInExpectedFormat();
    }
    // Only the first two lines are used; a trace has dozens.
    List<String> lines = new ArrayList<>(2);
    for (String line : PyStrings.splitLines(source.textValue(), 2)) {
      lines.add(PyStrings.strip(line));
    }
    if (lines.isEmpty()) {
      return notInExpectedFormat();
    }
    List<String> notes = new ArrayList<>();
    String exceptionClass;
    String description;
    int colon = lines.get(0).indexOf(':');
    if (colon >= 0) {
      exceptionClass = PyStrings.strip(lines.get(0).substring(0, colon));
      description = lines.get(0).substring(colon + 1);
      if (description.indexOf('@') >= 0) {
        description = HEX_ADDRESS.matcher(description).replaceAll("@<addr>");
      }
      description = PyStrings.strip(description);
    } else {
      exceptionClass = lines.get(0);
      description = "";
      notes.add("JavaSignatureTool: stack trace line 1 is not in the expected format");
    }
    String method;
    if (lines.size() > 1) {
      method = lines.get(1);
      if (method.contains(".java:")) {
        method = LINE_NUMBER.matcher(method).replaceAll(".java)");
      }
      if (method.isEmpty()) {
        notes.add("JavaSignatureTool: stack trace line 2 is empty");
      }
    } else {
      notes.add("JavaSignatureTool: stack trace line 2 is missing");
      method = "";
    }
    String signature;
    if (description.endsWith("<addr>")) {
      signature = joinNonEmpty(DELIMITER, exceptionClass, description, method);
    } else {
      signature = joinNonEmpty(DELIMITER, exceptionClass, joinNonEmpty(" ", description, method));
    }
    if (PyStrings.length(signature) > DESCRIPTION_MAX_LENGTH) {
      signature = exceptionClass + DELIMITER + method;
      notes.add("JavaSignatureTool: dropped Java exception description due to length");
    }
    return new CSignatureTool.Generated(signature, notes, List.of());
  }

  private static CSignatureTool.Generated notInExpectedFormat() {
    return new CSignatureTool.Generated(
        "EMPTY: Java stack trace not in expected format",
        List.of("JavaSignatureTool: stack trace not in expected format"),
        List.of());
  }

  private static String joinNonEmpty(String delimiter, String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(delimiter);
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
