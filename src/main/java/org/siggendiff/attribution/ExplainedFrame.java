package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * One normalized frame of a walk, with the lines that gave it its role.
 *
 * @param index 0-based index among the normalized frames
 * @param text the normalized text
 * @param role what the walk did with it
 * @param start whether the walk started here, at a sentinel
 * @param withLineNumbers whether the line-number list matched, so the text ends with {@code :line}
 * @param lines the first matching line of each list that decided the frame's role, in the order
 *     sentinel, line numbers, irrelevant or prefix
 */
public record ExplainedFrame(
    int index, String text, FrameRole role, boolean start, boolean withLineNumbers, List<ListLine> lines) {
  public ExplainedFrame {
    lines = List.copyOf(lines);
  }

  /** The role in words, such as {@code sentinel, line numbers, prefix}. */
  public String roleText() {
    List<String> parts = new ArrayList<>();
    if (start) {
      parts.add("sentinel");
    }
    if (withLineNumbers) {
      parts.add("line numbers");
    }
    parts.add(role.text());
    return String.join(", ", parts);
  }
}
