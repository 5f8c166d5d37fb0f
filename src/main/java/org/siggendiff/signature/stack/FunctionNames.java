package org.siggendiff.signature.stack;

import org.siggendiff.py.PyException;

/**
 * Text operations on C++ and Rust function names, as in Socorro's signature utilities. They
 * look only at ASCII delimiters, so UTF-16 indices serve where Python counts code points.
 */
public final class FunctionNames {
  private FunctionNames() {}

  /**
   * Keeps the last space-separated token of a function name, where spaces inside
   * {@code () {} [] <>} and {@code `'} do not separate, then re-attaches a trailing
   * parenthesised or {@code [clone ...]} token that a space split off. This drops storage
   * class and return type: {@code static void * Foo<T>::bar(int)} becomes
   * {@code Foo<T>::bar(int)}.
   */
  public static String dropPrefixAndReturnType(String function) {
    java.util.List<String> tokens = new java.util.ArrayList<>();
    StringBuilder levels = new StringBuilder();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < function.length(); i++) {
      char c = function.charAt(i);
      char close = closerOf(c);
      if (close != 0) {
        levels.append(c);
        current.append(c);
      } else if (isCloser(c)) {
        if (levels.length() > 0 && closerOf(levels.charAt(levels.length() - 1)) == c) {
          levels.setLength(levels.length() - 1);
        }
        current.append(c);
      } else if (levels.length() > 0) {
        current.append(c);
      } else if (c == ' ') {
        tokens.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    if (tokens.isEmpty()) {
      throw PyException.indexError("list index out of range");
    }
    while (tokens.size() > 1) {
      String last = tokens.get(tokens.size() - 1);
      if (!(last.startsWith("(") || last.startsWith("[clone"))) {
        break;
      }
      String joined = tokens.get(tokens.size() - 2) + " " + last;
      tokens.remove(tokens.size() - 1);
      tokens.set(tokens.size() - 1, joined);
    }
    return tokens.get(tokens.size() - 1);
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

  /**
   * Socorro's parse_source_file: the path part of a {@code vcs:root:path:revision} or
   * {@code c:path} source reference, an absolute path as it is, otherwise null.
   */
  public static String parseSourceFile(String sourceFile) {
    if (sourceFile.isEmpty()) {
      return null;
    }
    String[] parts = sourceFile.split(":", -1);
    if (parts.length == 4) {
      return parts[2];
    }
    if (parts.length == 2) {
      return parts[1];
    }
    if (sourceFile.startsWith("/")) {
      return sourceFile;
    }
    return null;
  }
}
