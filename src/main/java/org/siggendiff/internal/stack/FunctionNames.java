package org.siggendiff.internal.stack;

import org.siggendiff.internal.py.PyException;

/**
 * Text operations on C++ and Rust function names, as in Socorro's signature utilities. They
 * look only at ASCII delimiters, so UTF-16 indices serve where Python counts code points.
 */
final class FunctionNames {
  private FunctionNames() {}

  /**
   * Keeps the last space-separated token of a function name, where spaces inside
   * {@code () {} [] <>} and {@code `'} do not separate, then re-attaches a trailing
   * parenthesised or {@code [clone ...]} token that a space split off. This drops storage
   * class and return type: {@code static void * Foo<T>::bar(int)} becomes
   * {@code Foo<T>::bar(int)}.
   */
  public static String dropPrefixAndReturnType(String function) {
    // Tokens are kept as [start, end) ranges: joining neighbours with their separating space
    // is then just the range from the first one's start to the last one's end.
    int[] starts = new int[8];
    int[] ends = new int[8];
    int count = 0;
    char[] levels = new char[16];
    int depth = 0;
    int tokenStart = 0;
    int n = function.length();
    for (int i = 0; i < n; i++) {
      char c = function.charAt(i);
      char close = closerOf(c);
      if (close != 0) {
        if (depth == levels.length) {
          levels = java.util.Arrays.copyOf(levels, depth * 2);
        }
        levels[depth++] = c;
      } else if (isCloser(c)) {
        if (depth > 0 && closerOf(levels[depth - 1]) == c) {
          depth--;
        }
      } else if (depth == 0 && c == ' ') {
        if (count == starts.length) {
          starts = java.util.Arrays.copyOf(starts, count * 2);
          ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = tokenStart;
        ends[count++] = i;
        tokenStart = i + 1;
      }
    }
    if (tokenStart < n) {
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count + 1);
        ends = java.util.Arrays.copyOf(ends, count + 1);
      }
      starts[count] = tokenStart;
      ends[count++] = n;
    }
    if (count == 0) {
      throw PyException.indexError("list index out of range");
    }
    int first = count - 1;
    while (first > 0 && startsJoinableToken(function, starts[first])) {
      first--;
    }
    if (first == 0 && count == 1) {
      return starts[0] == 0 && ends[0] == n ? function : function.substring(starts[0], ends[0]);
    }
    return function.substring(starts[first], ends[count - 1]);
  }

  /** A token that a space split off the function name: arguments or a clone label. */
  private static boolean startsJoinableToken(String function, int start) {
    return function.startsWith("(", start) || function.startsWith("[clone", start);
  }

  private static char closerOf(char open) {
    switch (open) {
      case '(':
        return ')';
      case '{':
        return '}';
      case '[':
        return ']';
      case '<':
        return '>';
      case '`':
        return '\'';
      default:
        return 0;
    }
  }

  private static boolean isCloser(char c) {
    return c == ')' || c == '}' || c == ']' || c == '>' || c == '\'';
  }

  /** Decides what an enclosed slice becomes, given the text since the previous slice. */
  private interface Replacement {
    String replace(String before, String inside);
  }

  /**
   * Replaces each outermost slice enclosed by {@code open} and {@code close} (an unclosed one
   * runs to the end), passing the replacement the text between the previous slice and this one.
   */
  private static String replaceEnclosed(String s, char open, char close, Replacement replacement) {
    if (s.indexOf(open) < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int depth = 0;
    int start = 0;
    int previousEnd = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == open) {
        if (depth == 0) {
          start = i;
        }
        depth++;
      } else if (c == close && depth > 0) {
        depth--;
        if (depth == 0) {
          String before = s.substring(previousEnd, start);
          out.append(before).append(replacement.replace(before, s.substring(start, i + 1)));
          previousEnd = i + 1;
        }
      }
    }
    if (depth > 0) {
      String before = s.substring(previousEnd, start);
      out.append(before).append(replacement.replace(before, s.substring(start)));
      previousEnd = s.length();
    }
    return out.append(s, previousEnd, s.length()).toString();
  }

  /**
   * Collapses template arguments to {@code <T>}, except {@code <name omitted>}, Rust's
   * {@code <X as Y>}, {@code <unknown in foo.dll>}, what follows {@code operator}, and the
   * arguments of
   * {@code IPC::ParamTraits<...>}, whose own templates are collapsed instead.
   */
  public static String collapseTypes(String function) {
    return replaceEnclosed(
        function,
        '<',
        '>',
        (before, inside) -> {
          if (inside.equals("<name omitted>")
              || inside.contains(" as ")
              || inside.contains(" in ")
              || before.endsWith("operator")) {
            return inside;
          }
          if (before.endsWith("IPC::ParamTraits")) {
            return "<" + collapseTypes(dropLastCodePoint(inside.substring(1))) + ">";
          }
          return "<T>";
        });
  }

  /** Collapses Rust generic arguments to {@code <T>}, except trait casts {@code <X as Y>}. */
  public static String collapseRustTypes(String function) {
    return replaceEnclosed(
        function, '<', '>', (before, inside) -> inside.contains(" as ") ? inside : "<T>");
  }

  /** Drops every parenthesised part, as for Rust functions. */
  public static String dropParenthesised(String function) {
    return replaceEnclosed(function, '(', ')', (before, inside) -> "");
  }

  /** Drops argument lists, except {@code (anonymous namespace)} and operator{@code ()}. */
  public static String collapseArguments(String function) {
    return replaceEnclosed(
        function,
        '(',
        ')',
        (before, inside) ->
            inside.equals("(anonymous namespace)") || before.endsWith("operator") ? inside : "");
  }

  /** Drops bracketed parts such as PGO's {@code [clone .cold.222]}. */
  public static String dropBracketed(String function) {
    return replaceEnclosed(function, '[', ']', (before, inside) -> "");
  }

  private static String dropLastCodePoint(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(s.length(), -1));
  }

  /** Whether {@link #parseSourceFile} gives a path ending in {@code .rs}. */
  static boolean isRustSource(String sourceFile) {
    // The path ends where the reference does, or at its last colon (vcs:root:path:revision): a
    // look at both rules out most C++ frames without scanning the whole reference.
    int lastColon = sourceFile.lastIndexOf(':');
    if (!sourceFile.endsWith(".rs") && !(lastColon >= 3 && sourceFile.startsWith(".rs", lastColon - 3))) {
      return false;
    }
    String path = parseSourceFile(sourceFile);
    return path != null && path.endsWith(".rs");
  }

  /**
   * Socorro's parse_source_file: the path part of a {@code vcs:root:path:revision} or
   * {@code c:path} source reference, an absolute path as it is, otherwise null.
   */
  public static String parseSourceFile(String sourceFile) {
    if (sourceFile.isEmpty()) {
      return null;
    }
    int first = sourceFile.indexOf(':');
    if (first >= 0) {
      int second = sourceFile.indexOf(':', first + 1);
      if (second < 0) {
        return sourceFile.substring(first + 1);
      }
      int third = sourceFile.indexOf(':', second + 1);
      if (third >= 0 && sourceFile.indexOf(':', third + 1) < 0) {
        return sourceFile.substring(second + 1, third);
      }
    }
    if (sourceFile.startsWith("/")) {
      return sourceFile;
    }
    return null;
  }
}
