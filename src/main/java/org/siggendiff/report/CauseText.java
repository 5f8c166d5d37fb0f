package org.siggendiff.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.LineCause;

/**
 * A cause as lines of plain text, the same in every report: {@code + file:line text (frames:
 * a, b)} per responsible line, or the reason no line is. Crash and siglist text is left as it
 * is; each format escapes it its own way.
 */
final class CauseText {
  private CauseText() {}

  static List<String> lines(Cause cause) {
    if (cause == null) {
      return List.of();
    }
    if (!cause.isLine()) {
      return List.of(cause.notALine());
    }
    // A loop, not a stream: the CSV writer asks for every moved row, on the thread that writes.
    List<String> lines = new ArrayList<>(cause.lines().size());
    for (LineCause line : cause.lines()) {
      lines.add(line(line));
    }
    return Collections.unmodifiableList(lines);
  }

  private static String line(LineCause cause) {
    return cause.line() + (cause.frames().isEmpty() ? "" : "  (frames: " + String.join(", ", cause.frames()) + ")");
  }
}
