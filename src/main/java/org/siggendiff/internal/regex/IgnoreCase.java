package org.siggendiff.internal.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.py.PyUnicode;

/**
 * Python's IGNORECASE for {@code str} patterns, as its {@code re} compiles it, written out as the
 * code points a literal or class matches: Java's own case folding pairs other characters
 * ({@code ß} and {@code ẞ} are equal to Python, not to Java).
 *
 * <p>Python lowers the text's character to the first code point of its lowercase and compares
 * that: with the literal's lowercase and the extra cases {@code re} adds to it ({@code ſ} for
 * {@code s}); or with a class's members, lowered the same way, except that a member beyond the
 * BMP stays as written, and a range reaching beyond the BMP also takes a character whose
 * uppercase it holds. A class without a cased member is compared as written.
 */
final class IgnoreCase {
  private IgnoreCase() {}

  /**
   * A class as Python parsed it.
   *
   * @param categories the {@code d s w D S W} of its category members
   * @param categoryJava their Java class bodies, in the same order
   * @param ascii whether the ASCII flag is on: Python then lowers ASCII letters alone, with no
   *     extra cases, but still takes a range beyond the BMP by Unicode uppercase
   */
  record Members(List<Integer> literals, List<int[]> ranges, List<Character> categories, List<String> categoryJava,
      boolean negated, boolean ascii) {}

  /** The code points whose lowercase, or uppercase, is another, and those folding to each; read once. */
  private static final class Folds {
    static final int[] LOWER_CHANGING = PyUnicode.lowerChanging();
    static final int[] UPPER_CHANGING = PyUnicode.upperChanging();
    static final int[] ASCII_CAPITALS = {'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M',
        'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'};
    static final Map<Integer, List<Integer>> FOLDING_TO = foldingTo();

    private static Map<Integer, List<Integer>> foldingTo() {
      Map<Integer, List<Integer>> folding = new HashMap<>();
      for (int changing : LOWER_CHANGING) {
        folding.computeIfAbsent(PyUnicode.lowerCodePoint(changing), lower -> new ArrayList<>()).add(changing);
      }
      folding.replaceAll((lower, from) -> List.copyOf(from));
      return Map.copyOf(folding);
    }
  }

  /** Whether Python's re counts {@code cp} as cased: its lowercase or uppercase is another. */
  static boolean isCased(int cp) {
    return PyUnicode.lowerCodePoint(cp) != cp || PyUnicode.upperCodePoint(cp) != cp;
  }

  /** The Java class (with its brackets) of the code points a cased literal matches, or does not. */
  static String literal(int cp, boolean negated) {
    TreeSet<Integer> targets = new TreeSet<>();
    int lower = PyUnicode.lowerCodePoint(cp);
    targets.add(lower);
    for (int extra : PyUnicode.extraCases(lower)) {
      targets.add(extra);
    }
    TreeSet<Integer> matched = new TreeSet<>();
    for (int target : targets) {
      if (PyUnicode.lowerCodePoint(target) == target) {
        matched.add(target);
      }
      matched.addAll(Folds.FOLDING_TO.getOrDefault(target, List.of()));
    }
    return "[" + (negated ? "^" : "") + JavaClassText.ofCodePoints(sorted(matched)) + "]";
  }

  /** Whether any member of the class is cased: only then does Python compare lowercase. */
  static boolean hasCased(Members members) {
    for (int literal : members.literals()) {
      if (literal > 0xFFFF || isCased(literal)) {
        return true;
      }
    }
    for (int[] range : members.ranges()) {
      if (range[1] > 0xFFFF || containsAny(range, Folds.LOWER_CHANGING) || containsAny(range, Folds.UPPER_CHANGING)) {
        return true;
      }
    }
    return false;
  }

  /** The Java class (with its brackets) of what a class with a cased member matches. */
  static String caseless(Members members) {
    Member member = new Member(members);
    int[] lowerChanging = members.ascii() ? Folds.ASCII_CAPITALS : Folds.LOWER_CHANGING;
    // A code point whose lowercase is itself matches when it is a member; one whose lowercase
    // is another, when that is.
    TreeSet<Integer> explicit = new TreeSet<>();
    for (int cp = member.lowered.nextSetBit(0); cp >= 0; cp = member.lowered.nextSetBit(cp + 1)) {
      explicit.add(cp);
    }
    explicit.addAll(member.astralLiterals);
    for (int[] range : member.astralRanges) {
      for (int changing : Folds.UPPER_CHANGING) {
        int upper = PyUnicode.upperCodePoint(changing);
        if (upper >= range[0] && upper <= range[1]) {
          explicit.add(changing);
        }
      }
    }
    explicit.removeIf(cp -> member.lower(cp) != cp);
    StringBuilder java = new StringBuilder();
    if (!explicit.isEmpty()) {
      java.append(JavaClassText.ofCodePoints(sorted(explicit)));
    }
    for (int[] range : member.astralRanges) {
      java.append(withoutFolding(JavaClassText.range(range[0], range[1]), lowerChanging, cp -> cp >= range[0] && cp <= range[1]));
    }
    for (int i = 0; i < members.categories().size(); i++) {
      char category = members.categories().get(i);
      java.append(withoutFolding(members.categoryJava().get(i), lowerChanging, cp -> inCategory(cp, category)));
    }
    List<Integer> folded = new ArrayList<>();
    for (int changing : lowerChanging) {
      if (member.contains(member.lower(changing))) {
        folded.add(changing);
      }
    }
    if (!folded.isEmpty()) {
      java.append(JavaClassText.ofCodePoints(sorted(folded)));
    }
    if (java.length() == 0) {
      return members.negated() ? "[\\x{0}-\\x{10ffff}]" : "[^\\x{0}-\\x{10ffff}]";
    }
    return "[" + (members.negated() ? "^" : "") + java + "]";
  }

  /** A predicate on code points, without boxing. */
  private interface CodePoints {
    boolean contains(int cp);
  }

  /** {@code body} less the code points in it whose lowercase is another: those are matched by their lowercase. */
  private static String withoutFolding(String body, int[] lowerChanging, CodePoints in) {
    List<Integer> excluded = new ArrayList<>();
    for (int changing : lowerChanging) {
      if (in.contains(changing)) {
        excluded.add(changing);
      }
    }
    if (excluded.isEmpty()) {
      return "[" + body + "]";
    }
    return "[[" + body + "]&&[^" + JavaClassText.ofCodePoints(sorted(excluded)) + "]]";
  }

  /** What Python compares a lowered code point with: the class's charmap, its astral members and categories. */
  private static final class Member {
    final BitSet lowered = new BitSet(0x10000);
    final List<Integer> astralLiterals = new ArrayList<>();
    final List<int[]> astralRanges = new ArrayList<>();
    private final List<Character> categories;
    private final boolean ascii;

    Member(Members members) {
      categories = members.categories();
      ascii = members.ascii();
      for (int literal : members.literals()) {
        if (literal > 0xFFFF) {
          // Beyond Python's BMP charmap the literal is kept as written.
          astralLiterals.add(literal);
        } else {
          mark(lower(literal));
        }
      }
      for (int[] range : members.ranges()) {
        for (int cp = range[0]; cp <= Math.min(range[1], 0xFFFF); cp++) {
          mark(lower(cp));
        }
        if (range[1] > 0xFFFF) {
          astralRanges.add(range);
        }
      }
    }

    /** What Python lowers a code point to: under the ASCII flag, only ASCII capitals change. */
    int lower(int cp) {
      if (ascii) {
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
      }
      return PyUnicode.lowerCodePoint(cp);
    }

    private void mark(int lower) {
      lowered.set(lower);
      if (!ascii) {
        for (int extra : PyUnicode.extraCases(lower)) {
          lowered.set(extra);
        }
      }
    }

    boolean contains(int lower) {
      if (lower <= 0xFFFF && lowered.get(lower) || astralLiterals.contains(lower)) {
        return true;
      }
      int upper = PyUnicode.upperCodePoint(lower);
      for (int[] range : astralRanges) {
        if (lower >= range[0] && lower <= range[1] || upper >= range[0] && upper <= range[1]) {
          return true;
        }
      }
      for (char category : categories) {
        if (inCategory(lower, category)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Python's Unicode {@code \d \s \w}, or with a capital their negation, for one code point. */
  private static boolean inCategory(int cp, char category) {
    int type = PyUnicode.category(cp);
    boolean in = switch (Character.toLowerCase(category)) {
      case 'd' -> type == Character.DECIMAL_DIGIT_NUMBER;
      case 's' -> PyStrings.isSpace(cp);
      default -> cp == '_' || PyUnicode.isLetterOrNumber(type);
    };
    return Character.isUpperCase(category) != in;
  }

  private static boolean containsAny(int[] range, int[] sorted) {
    int at = Arrays.binarySearch(sorted, range[0]);
    int next = at >= 0 ? at : -at - 1;
    return next < sorted.length && sorted[next] <= range[1];
  }

  private static int[] sorted(Collection<Integer> codePoints) {
    return codePoints.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
  }
}
