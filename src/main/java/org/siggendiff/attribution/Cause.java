package org.siggendiff.attribution;

import java.util.List;

/**
 * Why a crash's signature differs between baseline and candidate: the siglist lines
 * responsible, or, when no line is, what differs instead.
 *
 * @param lines the responsible lines, in the order the walks met them; empty when none
 * @param notALine when no line is responsible, why the signatures still differ (starts with
 *     {@code "not a siglist line: "}); null when lines are
 */
public record Cause(List<LineCause> lines, String notALine) {
  public Cause {
    lines = List.copyOf(lines);
    if (lines.isEmpty() == (notALine == null)) {
      throw new IllegalArgumentException("a cause is lines or a reason, not both or neither");
    }
  }

  static Cause of(List<LineCause> lines) {
    return new Cause(lines, null);
  }

  static Cause notALine(String what) {
    return new Cause(List.of(), "not a siglist line: " + what);
  }

  public boolean isLine() {
    return notALine == null;
  }
}
