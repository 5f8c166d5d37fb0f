package org.siggendiff.internal.stack;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A debug-log line kept as its parts and joined when read. Signature generation writes a few
 * such lines per crash, and most callers (the diff without {@code -v}) never read them.
 */
public final class LogLine {
  private final String rule;
  private final String[] parts;

  private LogLine(String rule, String[] parts) {
    this.rule = rule;
    this.parts = parts;
  }

  /** A line made of these parts, in order. */
  public static LogLine of(String... parts) {
    return new LogLine(null, parts);
  }

  /** This line as a rule writes it: prefixed with the rule's name. */
  public LogLine forRule(String ruleName) {
    return new LogLine(ruleName, parts);
  }

  public static LogLine ofRule(String ruleName, String... parts) {
    return new LogLine(ruleName, parts);
  }

  @Override
  public String toString() {
    int length = rule == null ? 0 : rule.length() + 2;
    for (String part : parts) {
      length += part.length();
    }
    StringBuilder line = new StringBuilder(length);
    if (rule != null) {
      line.append(rule).append(": ");
    }
    for (String part : parts) {
      line.append(part);
    }
    return line.toString();
  }

  /** Whether this line, as {@link #toString} joins it, starts with {@code prefix}; without joining it. */
  boolean startsWith(String prefix) {
    int at = 0;
    if (rule != null) {
      at = matchedUpTo(rule, prefix, at);
      at = at < 0 ? -1 : matchedUpTo(": ", prefix, at);
    }
    for (int i = 0; i < parts.length && at >= 0 && at < prefix.length(); i++) {
      at = matchedUpTo(parts[i], prefix, at);
    }
    return at >= prefix.length();
  }

  /**
   * How much of {@code prefix} is matched once {@code text} follows its first {@code at}
   * characters; -1 when {@code text} departs from it.
   */
  private static int matchedUpTo(String text, String prefix, int at) {
    int length = Math.min(text.length(), prefix.length() - at);
    return text.regionMatches(0, prefix, at, length) ? at + length : -1;
  }

  /**
   * Whether any of the lines starts with {@code prefix}: of lines made by {@link #texts}, each
   * is looked at in its parts, not joined.
   */
  public static boolean anyStartsWith(List<String> lines, String prefix) {
    if (lines instanceof Texts texts) {
      for (LogLine line : texts.lines) {
        if (line.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The lines as an unmodifiable list of strings, each joined when it is read. */
  public static List<String> texts(List<LogLine> lines) {
    return new Texts(List.copyOf(lines));
  }

  /**
   * An unmodifiable copy of debug lines: those made by {@link #texts} are returned as they are,
   * since copying them would join every line.
   */
  public static List<String> unmodifiable(List<String> lines) {
    return lines instanceof Texts ? lines : List.copyOf(lines);
  }

  private static final class Texts extends AbstractList<String> implements RandomAccess {
    private final List<LogLine> lines;

    private Texts(List<LogLine> lines) {
      this.lines = lines;
    }

    @Override
    public String get(int index) {
      return lines.get(index).toString();
    }

    @Override
    public int size() {
      return lines.size();
    }
  }
}
