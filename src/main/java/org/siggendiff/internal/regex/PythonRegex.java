package org.siggendiff.internal.regex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyUnicode;

/**
 * Translates a pattern in Python's {@code re} dialect (a {@code str} pattern, Python 3.11) into
 * an equivalent {@code java.util.regex} pattern.
 *
 * <p>The parser follows {@code sre_parse}: it accepts what Python accepts, including what Java
 * would reject or read differently ({@code {{closure}}} is literal, {@code {,3}} is a
 * quantifier, {@code [[]} is a one-character class), and it rejects what Python rejects, with
 * Python's wording. Every construct is emitted explicitly, so the Java pattern needs no flags:
 * {@code \d}, {@code \w}, {@code \s} and {@code \b} use Python's Unicode definitions, {@code .}
 * excludes only {@code \n}, and {@code $} matches at the end or before a final {@code \n}.
 *
 * <p>Conditional groups ({@code (?(1)a|b)}) have no Java equivalent and are refused.
 */
public final class PythonRegex {
  private static final int FLAG_I = 1;
  private static final int FLAG_M = 2;
  private static final int FLAG_S = 4;
  private static final int FLAG_X = 8;
  private static final int FLAG_A = 16;
  private static final int FLAG_U = 32;
  private static final int FLAG_T = 64;
  private static final int TYPE_FLAGS = FLAG_A | FLAG_U;
  private static final long MAXREPEAT = 4294967295L;
  private static final long UNBOUNDED = Long.MAX_VALUE / 4;
  /** A repeat whose count may vary this much or more counts as wide ({@code *} and {@code +} are). */
  private static final long WIDE_REPEAT = 16;

  private static final String ASCII_WORD = "a-zA-Z0-9_";
  /**
   * The non-ASCII members of Python's {@code \\w}, written when a pattern first needs them: the
   * JDK's letters and numbers with the code points where its Unicode version differs from
   * Python's added or taken out. Python's own ranges written out would be 17,000 characters,
   * compiled again for each {@code \\w} and four times for each {@code \\b}.
   */
  private static final class WordClass {
    static final String BEYOND_ASCII = beyondAscii();

    private static String beyondAscii() {
      int[] python = PyUnicode.wordRangesBeyondAscii();
      List<Integer> add = new ArrayList<>();
      List<Integer> remove = new ArrayList<>();
      int at = 0;
      for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
        while (at < python.length && python[at + 1] < cp) {
          at += 2;
        }
        boolean inPython = at < python.length && cp >= python[at];
        boolean inJdk = PyUnicode.isLetterOrNumber(Character.getType(cp));
        if (inPython != inJdk) {
          (inPython ? add : remove).add(cp);
        }
      }
      String text = "\\p{L}\\p{N}" + JavaClassText.ofCodePoints(toArray(add));
      return remove.isEmpty()
          ? text
          : text + "&&[^" + JavaClassText.ofCodePoints(toArray(remove)) + "]";
    }

    private static int[] toArray(List<Integer> codePoints) {
      return codePoints.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The non-ASCII members of Python's {@code \\d}, written when a pattern first needs them. */
  private static final class DigitClass {
    static final String BEYOND_ASCII = JavaClassText.ofRanges(PyUnicode.digitRangesBeyondAscii());
  }

  /** Matches the empty string, and puts U+10000 in the pattern's text. */
  private static final String SURROGATE_AWARE = "(?:\uD800\uDC00){0}";
  private static final String UNICODE_SPACE =
      "\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{1F} \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
          + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
  private static final String ASCII_SPACE = " \\t\\n\\r\\f\\x{0B}";

  /**
   * The outcome of a translation.
   *
   * @param pattern {@code javaRegex} compiled: translating compiles it to know that Java takes
   *     it, and a compile costs as much as the translation, so it is kept
   * @param namesGroups whether it has a named group, whose name another line joined with it
   *     could define again
   * @param mayBacktrackBadly whether it is matched under a time bound
   * @param nestsRepeats whether it repeats a group that itself repeats or alternates ({@code
   *     (a+)+}, {@code (a|aa)*}) and may split a text among the repeats more than one way:
   *     Python's re can take exponential time on a text it nearly matches, though Java's may
   *     not. Not for a group that plainly splits a text one way, as {@code ([A-Za-z]+::)+} does
   */
  public record Translation(
      String javaRegex,
      Pattern pattern,
      String literalPrefix,
      boolean pureLiteral,
      boolean usesBackreferences,
      boolean usesGlobalFlags,
      boolean namesGroups,
      boolean mayBacktrackBadly,
      boolean nestsRepeats) {

    /**
     * Whether the pattern may mean something else, or fail, once joined with others by
     * {@code |}: its group references and names, and its global flags, reach across the join.
     */
    public boolean reachesAcrossJoins() {
      return usesBackreferences || usesGlobalFlags || namesGroups;
    }
  }

  private enum Kind {
    LITERAL,
    AT,
    REPEAT,
    OTHER
  }

  /** One parsed element with its Java text and Python width bounds. */
  private record Item(String java, Kind kind, long min, long max, int codePoint, boolean caseless) {}

  /**
   * A parsed sequence or alternation: its Java text, width bounds and literal-prefix facts, and
   * whether it {@link #splitsOneWay splits one way}.
   */
  private record Sub(String java, long min, long max, String literalPrefix, boolean pureLiteral, boolean splitsOneWay) {}

  private final String pattern;
  private int pos;
  private int globalFlags;
  private int groups = 1;
  private final Set<Integer> openGroups = new HashSet<>();
  private final Map<String, Integer> groupNames = new HashMap<>();
  private final Map<Integer, long[]> groupWidths = new HashMap<>();
  private boolean usesBackreferences;
  private boolean usesGlobalFlags;
  /** A repeat of a group that itself repeats or alternates: (a+)+, (a|ab)*, (a?){25}. */
  private boolean nestedRepeat;
  /** Repeats of a wide range ({@code *}, {@code +}, {@code {0,100}}): each multiplies the ways to split a text. */
  private int wideRepeats;
  /**
   * Repeats of any range ({@code ?} too), and alternations of branches of different lengths: a
   * run of them backtracks exponentially ({@code a?a?a?...aaa}).
   */
  private int variableRepeats;
  /** Repeats and alternations parsed so far, to tell which groups hold one. */
  private int repeatsAndAlternations;
  /** The groups that hold a repeat or an alternation, by identity. */
  private final Set<Item> complexGroups = Collections.newSetFromMap(new IdentityHashMap<>());
  /** A nested repeat whose group does not {@link #splitsOneWay split one way}. */
  private boolean ambiguousNestedRepeat;
  /** Of the complex groups, those whose body splits one way. */
  private final Set<Item> oneWayGroups = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Whether the body of the group closed last splits one way; read as the group is made. */
  private boolean lastClosedOneWay;
  /** The item each repeat repeats, when it is one character wide and case matters. */
  private final Map<Item, Item> repeatedCharacters = new IdentityHashMap<>();

  private PythonRegex(String pattern) {
    this.pattern = pattern;
  }

  /** Translates a Python pattern, or explains why Python (or Java) cannot compile it. */
  public static Translation translate(String pythonPattern) throws PythonRegexException {
    PythonRegex parser = new PythonRegex(pythonPattern);
    Sub sub = parser.parseSub(0, true, 0);
    if (parser.pos < pythonPattern.length()) {
      char c = pythonPattern.charAt(parser.pos);
      throw parser.error(c == ')' ? "unbalanced parenthesis" : "unexpected end of pattern", parser.pos);
    }
    // Case-insensitive literals and classes carry their own matching: no Java flag is needed.
    String java = sub.java();
    if (java.contains("(?<") && java.codePoints().noneMatch(Character::isSupplementaryCodePoint)) {
      // Java steps back over code points in a look-behind only when the pattern's own text has
      // a character beyond the BMP; otherwise it steps onto the low half of one in the text.
      java += SURROGATE_AWARE;
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new PythonRegexException("cannot be expressed in Java: " + e.getDescription(), 0);
    }
    boolean caseless = (parser.globalFlags & FLAG_I) != 0;
    return new Translation(
        java,
        compiled,
        caseless ? "" : sub.literalPrefix(),
        !caseless && sub.pureLiteral(),
        parser.usesBackreferences,
        parser.usesGlobalFlags,
        !parser.groupNames.isEmpty(),
        // Backtracking is exponential only with nested repeats, backreferences or a long run of
        // repeats (a?a?a?...aaa), and a high polynomial only with several wide ones (.*a.*b.*c);
        // only these lines are matched under a time bound. The test is loose: a false alarm
        // costs a little speed. Socorro's lines have at most four repeats.
        parser.nestedRepeat || parser.usesBackreferences || parser.wideRepeats >= 3 || parser.variableRepeats >= 6,
        parser.ambiguousNestedRepeat);
  }

  /** Translates and compiles; a convenience for fixed patterns known to be valid. */
  public static Pattern compile(String pythonPattern) {
    try {
      return translate(pythonPattern).pattern();
    } catch (PythonRegexException e) {
      throw new IllegalArgumentException("invalid pattern " + pythonPattern + ": " + e.getMessage(), e);
    }
  }

  private PythonRegexException error(String message, int at) {
    return new PythonRegexException(message, at);
  }

  private boolean atEnd() {
    return pos >= pattern.length();
  }

  private int peek() {
    return atEnd() ? -1 : pattern.codePointAt(pos);
  }

  private boolean match(char c) {
    if (!atEnd() && pattern.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private int next() {
    int cp = pattern.codePointAt(pos);
    pos += Character.charCount(cp);
    return cp;
  }

  // ---- alternation and sequence ----

  private Sub parseSub(int flags, boolean topLevel, int nested) throws PythonRegexException {
    List<Sub> branches = new ArrayList<>();
    boolean first = topLevel;
    while (true) {
      branches.add(parseSequence(flags, first, nested));
      first = false;
      if (!match('|')) {
        break;
      }
    }
    if (branches.size() == 1) {
      return branches.get(0);
    }
    repeatsAndAlternations++;
    StringBuilder java = new StringBuilder();
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < branches.size(); i++) {
      if (i > 0) {
        java.append('|');
      }
      java.append(branches.get(i).java());
      min = Math.min(min, branches.get(i).min());
      max = Math.max(max, branches.get(i).max());
    }
    if (min != max) {
      // Branches of different lengths split a text more than one way, as a ? does: (a|)(a|)...aa.
      variableRepeats++;
    }
    return new Sub(java.toString(), min, max, "", false, false);
  }

  private Sub parseSequence(int flags, boolean first, int nested) throws PythonRegexException {
    List<Item> items = new ArrayList<>();
    while (!atEnd()) {
      int start = pos;
      char c = pattern.charAt(pos);
      if (c == '|' || c == ')') {
        break;
      }
      int effective = effectiveFlags(flags);
      if ((effective & FLAG_X) != 0) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f') {
          pos++;
          continue;
        }
        if (c == '#') {
          while (!atEnd() && pattern.charAt(pos) != '\n') {
            pos++;
          }
          continue;
        }
      }
      if (c == '*' || c == '+' || c == '?' || (c == '{' && isQuantifier())) {
        applyRepeat(items, start, (effective & FLAG_I) != 0);
        continue;
      }
      pos++;
      switch (c) {
        case '\\' -> items.add(escape(effective));
        case '[' -> items.add(characterClass(effective, start));
        case '.' -> items.add(new Item((effective & FLAG_S) != 0 ? "(?s:.)" : "[^\\n]", Kind.OTHER, 1, 1, -1, false));
        case '^' -> items.add(new Item((effective & FLAG_M) != 0 ? "(?:\\A|(?<=\\n))" : "\\A", Kind.AT, 0, 0, -1, false));
        case '$' -> items.add(new Item((effective & FLAG_M) != 0 ? "(?=\\n|\\z)" : "(?=\\n?\\z)", Kind.AT, 0, 0, -1, false));
        case '(' -> {
          int before = repeatsAndAlternations;
          Item group = group(flags, first && items.isEmpty(), start, nested);
          if (group != null) {
            items.add(group);
            if (repeatsAndAlternations > before) {
              complexGroups.add(group);
              if (lastClosedOneWay) {
                oneWayGroups.add(group);
              }
            }
          }
        }
        default -> {
          pos = start;
          int cp = next();
          items.add(literal(cp, effective));
        }
      }
    }
    // Only a group's body is ever repeated; a whole pattern need not be asked.
    return sequence(items, nested > 0 && splitsOneWay(items));
  }

  /**
   * Scoped flags carry the flags a scope removes in their high byte, so that {@code (?-i:...)}
   * can switch off a global {@code (?i)}.
   */
  private int effectiveFlags(int scoped) {
    return (scoped | globalFlags) & ~(scoped >>> 8) & 0xFF;
  }

  private Sub sequence(List<Item> items, boolean splitsOneWay) {
    StringBuilder java = new StringBuilder();
    StringBuilder prefix = new StringBuilder();
    boolean inPrefix = true;
    long min = 0;
    long max = 0;
    for (Item item : items) {
      java.append(item.java());
      min = Math.min(UNBOUNDED, min + item.min());
      max = Math.min(UNBOUNDED, max + item.max());
      if (inPrefix && item.kind() == Kind.LITERAL && !item.caseless()) {
        prefix.appendCodePoint(item.codePoint());
      } else {
        inPrefix = false;
      }
    }
    return new Sub(java.toString(), min, max, prefix.toString(), inPrefix, splitsOneWay);
  }

  /**
   * Whether a sequence matches a text in at most one way, and ends where it must, so that
   * repeating it splits a text among the repeats one way only, in linear time: it ends with a
   * literal, and each repeat in it repeats one character that cannot be the literal right after
   * it ({@code ([A-Za-z]+::)+}). Case must matter, and no group in it may repeat or alternate.
   * A sequence this cannot show splits one way is taken to split more ways.
   */
  private boolean splitsOneWay(List<Item> items) {
    if (items.isEmpty() || !isPlainLiteral(items.get(items.size() - 1))) {
      return false;
    }
    for (int i = 0; i < items.size() - 1; i++) {
      Item item = items.get(i);
      if (item.kind() == Kind.REPEAT) {
        Item character = repeatedCharacters.get(item);
        Item next = items.get(i + 1);
        // A repeated alternation of one-character branches may match a character two ways: (a|a)+.
        if (character == null || complexGroups.contains(character) || !isPlainLiteral(next) || mayMatch(character, next.codePoint())) {
          return false;
        }
      } else if (complexGroups.contains(item) || item.min() != item.max()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainLiteral(Item item) {
    return item.kind() == Kind.LITERAL && !item.caseless();
  }

  /** Whether a one-character item may match {@code codePoint}; when its Java text cannot tell, it may. */
  private static boolean mayMatch(Item character, int codePoint) {
    try {
      return Pattern.compile(character.java()).matcher(new String(Character.toChars(codePoint))).matches();
    } catch (PatternSyntaxException e) {
      return true;
    }
  }

  // ---- literals, escapes and classes ----

  private static String javaLiteral(int cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      return Character.toString(cp);
    }
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private static Item literal(int cp, int flags) {
    boolean caseless = (flags & FLAG_I) != 0;
    String java = javaLiteral(cp);
    if (caseless && (flags & FLAG_A) != 0) {
      java = asciiCaseless(java);
    } else if (caseless && IgnoreCase.isCased(cp)) {
      java = IgnoreCase.literal(cp, false);
    }
    return new Item(java, Kind.LITERAL, 1, 1, cp, caseless);
  }

  private String wordClass(int flags) {
    // Python's Unicode tables, not the JDK's: Python 3.11 has Unicode 14.0, JDK 17 13.0.
    return (flags & FLAG_A) != 0 ? ASCII_WORD : ASCII_WORD + WordClass.BEYOND_ASCII;
  }

  private Item category(char c, int flags) {
    String body =
        switch (Character.toLowerCase(c)) {
          case 'd' -> (flags & FLAG_A) != 0 ? "0-9" : "0-9" + DigitClass.BEYOND_ASCII;
          case 's' -> (flags & FLAG_A) != 0 ? ASCII_SPACE : UNICODE_SPACE;
          default -> wordClass(flags);
        };
    String java = Character.isUpperCase(c) ? "[^" + body + "]" : "[" + body + "]";
    return new Item(java, Kind.OTHER, 1, 1, -1, false);
  }

  private Item escape(int flags) throws PythonRegexException {
    int start = pos - 1;
    if (atEnd()) {
      throw error("bad escape (end of pattern)", start);
    }
    char c = pattern.charAt(pos);
    switch (c) {
      case 'A' -> {
        pos++;
        return new Item("\\A", Kind.AT, 0, 0, -1, false);
      }
      case 'Z' -> {
        pos++;
        return new Item("\\z", Kind.AT, 0, 0, -1, false);
      }
      case 'b', 'B' -> {
        pos++;
        String w = "[" + wordClass(flags) + "]";
        String boundary = "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))";
        // Python 3.11's \B never matches in an empty string.
        String java = c == 'b' ? boundary : "(?!\\A\\z)(?!" + boundary + ")";
        return new Item(java, Kind.AT, 0, 0, -1, false);
      }
      case 'd', 'D', 's', 'S', 'w', 'W' -> {
        pos++;
        return category(c, flags);
      }
      default -> {
        // fall through to the shared literal escapes, then group references
      }
    }
    if (c >= '1' && c <= '9') {
      return numericEscape(flags, start);
    }
    int cp = literalEscape(false, start);
    return literal(cp, flags);
  }

  /** {@code \1}..{@code \99} as a group reference, or a three-digit octal escape. */
  private Item numericEscape(int flags, int start) throws PythonRegexException {
    int digitsStart = pos;
    pos++;
    if (!atEnd() && isDigit(pattern.charAt(pos))) {
      if (isOctal(pattern.charAt(digitsStart))
          && isOctal(pattern.charAt(pos))
          && pos + 1 < pattern.length()
          && isOctal(pattern.charAt(pos + 1))) {
        pos += 2;
        int value = Integer.parseInt(pattern.substring(digitsStart, pos), 8);
        if (value > 0377) {
          throw error("octal escape value \\" + pattern.substring(digitsStart, pos) + " outside of range 0-0o377", start);
        }
        return literal(value, flags);
      }
      pos++;
    }
    int group = Integer.parseInt(pattern.substring(digitsStart, pos));
    return groupReference(group, start, flags);
  }

  private Item groupReference(int group, int start, int flags) throws PythonRegexException {
    if (group >= groups) {
      throw error("invalid group reference " + group, start + 1);
    }
    if (openGroups.contains(group)) {
      throw error("cannot refer to an open group", start);
    }
    if ((flags & FLAG_I) != 0) {
      // Python compares lowercase only; Java also compares uppercase, and fails on astral text.
      throw error("cannot be expressed in Java: a backreference under IGNORECASE", start);
    }
    usesBackreferences = true;
    long[] width = groupWidths.getOrDefault(group, new long[] {0, UNBOUNDED});
    return new Item("(?:\\" + group + ")", Kind.OTHER, width[0], width[1], -1, false);
  }

  /**
   * The escapes that stand for one character, shared by patterns and classes: control escapes,
   * hexadecimal escapes (x, u and U), named {@code \N{...}}, {@code \0} octal, and escaped
   * punctuation. {@link #pos} is on the character after the backslash.
   */
  private int literalEscape(boolean inClass, int start) throws PythonRegexException {
    int c = next();
    switch (c) {
      case 'a':
        return 0x07;
      case 'f':
        return 0x0C;
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return 0x0B;
      case '\\':
        return '\\';
      case 'x':
        return (int) hexEscape(2, "\\x", start);
      case 'u':
        return (int) hexEscape(4, "\\u", start);
      case 'U':
        {
          long value = hexEscape(8, "\\U", start);
          if (value > Character.MAX_CODE_POINT) {
            throw error("bad escape \\U" + pattern.substring(start + 2, pos), start);
          }
          return (int) value;
        }
      case 'N':
        return namedEscape(start);
      case '0':
        {
          int end = pos;
          while (end < pattern.length() && end < pos + 2 && isOctal(pattern.charAt(end))) {
            end++;
          }
          int value = Integer.parseInt("0" + pattern.substring(pos, end), 8);
          pos = end;
          return value;
        }
      default:
        break;
    }
    if (inClass && c >= '1' && c <= '7') {
      int end = pos;
      while (end < pattern.length() && end < pos + 2 && isOctal(pattern.charAt(end))) {
        end++;
      }
      String digits = pattern.substring(pos - 1, end);
      pos = end;
      int value = Integer.parseInt(digits, 8);
      if (value > 0377) {
        throw error("octal escape value \\" + digits + " outside of range 0-0o377", start);
      }
      return value;
    }
    if (c < 0x80 && (Character.isLetterOrDigit(c))) {
      throw error("bad escape \\" + Character.toString(c), start);
    }
    return c;
  }

  /** Eight hex digits can exceed an int: the value is a long, for the caller to check. */
  private long hexEscape(int digits, String name, int start) throws PythonRegexException {
    int end = pos;
    while (end < pattern.length() && end < pos + digits && isHex(pattern.charAt(end))) {
      end++;
    }
    if (end - pos != digits) {
      throw error("incomplete escape " + name + pattern.substring(pos, end), start);
    }
    long value = Long.parseLong(pattern.substring(pos, end), 16);
    pos = end;
    return value;
  }

  private int namedEscape(int start) throws PythonRegexException {
    if (!match('{')) {
      throw error("missing {", pos);
    }
    String name = getUntil('}', "character name");
    // Python neither trims a name nor accepts the JDK's "<block> <hex>" form for unnamed ones.
    if (name.equals(name.strip())) {
      try {
        int cp = Character.codePointOf(name);
        String jdkName = Character.getName(cp);
        if (jdkName != null && !jdkName.endsWith(" " + Integer.toHexString(cp).toUpperCase(Locale.ROOT))) {
          return cp;
        }
      } catch (IllegalArgumentException e) {
        // not a name: said below
      }
    }
    throw error("undefined character name " + PyRepr.reprString(name), start);
  }

  /**
   * Python's {@code Tokenizer.getuntil}: the text up to {@code terminator}, read token by token
   * (a backslash and what follows it are one), with Python's messages when it is missing.
   */
  private String getUntil(char terminator, String what) throws PythonRegexException {
    int start = pos;
    while (true) {
      if (atEnd()) {
        throw pos == start ? error("missing " + what, pos) : error("missing " + terminator + ", unterminated name", start);
      }
      int c = pattern.codePointAt(pos);
      if (c == '\\') {
        if (pos + 1 >= pattern.length()) {
          throw error("bad escape (end of pattern)", pos);
        }
        pos += 1 + Character.charCount(pattern.codePointAt(pos + 1));
        continue;
      }
      pos += Character.charCount(c);
      if (c == terminator) {
        if (pos - 1 == start) {
          throw error("missing " + what, start);
        }
        return pattern.substring(start, pos - 1);
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** One member of a class: a code point, or (codePoint == -1) a category's Java text. */
  private record ClassMember(int codePoint, String java, char category) {}

  private Item characterClass(int flags, int start) throws PythonRegexException {
    boolean negate = match('^');
    StringBuilder body = new StringBuilder();
    List<Integer> literals = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    List<Character> categories = new ArrayList<>();
    List<String> categoryJava = new ArrayList<>();
    boolean empty = true;
    while (true) {
      if (atEnd()) {
        throw error("unterminated character set", start);
      }
      int tokenStart = pos;
      if (pattern.charAt(pos) == ']' && !empty) {
        pos++;
        break;
      }
      ClassMember first = classMember(flags);
      if (match('-')) {
        if (atEnd()) {
          throw error("unterminated character set", start);
        }
        if (pattern.charAt(pos) == ']') {
          pos++;
          body.append(classText(first)).append("\\x{2d}");
          collect(first, literals, categories, categoryJava);
          literals.add((int) '-');
          break;
        }
        int secondStart = pos;
        ClassMember second = classMember(flags);
        if (first.codePoint() < 0 || second.codePoint() < 0) {
          throw error("bad character range " + pattern.substring(tokenStart, secondStart - 1)
              + "-" + pattern.substring(secondStart, pos), tokenStart);
        }
        if (second.codePoint() < first.codePoint()) {
          throw error("bad character range " + pattern.substring(tokenStart, secondStart - 1)
              + "-" + pattern.substring(secondStart, pos), tokenStart);
        }
        body.append(javaLiteral(first.codePoint())).append('-').append(javaLiteral(second.codePoint()));
        ranges.add(new int[] {first.codePoint(), second.codePoint()});
      } else {
        body.append(classText(first));
        collect(first, literals, categories, categoryJava);
      }
      empty = false;
    }
    String java = "[" + (negate ? "^" : "") + body + "]";
    boolean caseless = (flags & FLAG_I) != 0;
    if (caseless && (flags & FLAG_A) != 0) {
      // A range beyond the BMP is compared by Unicode uppercase even under the ASCII flag.
      java = ranges.stream().anyMatch(range -> range[1] > 0xFFFF)
          ? IgnoreCase.caseless(new IgnoreCase.Members(literals, ranges, categories, categoryJava, negate, true))
          : asciiCaseless(java);
    } else if (caseless && ranges.isEmpty() && categories.isEmpty() && literals.size() == 1) {
      // Python's parser makes a class of one literal that literal, or its negation.
      int cp = literals.get(0);
      if (IgnoreCase.isCased(cp)) {
        java = IgnoreCase.literal(cp, negate);
      }
    } else if (caseless) {
      IgnoreCase.Members members = new IgnoreCase.Members(literals, ranges, categories, categoryJava, negate, false);
      if (IgnoreCase.hasCased(members)) {
        java = IgnoreCase.caseless(members);
      }
    }
    return new Item(java, Kind.OTHER, 1, 1, -1, caseless);
  }

  private static void collect(ClassMember member, List<Integer> literals, List<Character> categories, List<String> categoryJava) {
    if (member.codePoint() >= 0) {
      literals.add(member.codePoint());
    } else {
      categories.add(member.category());
      categoryJava.add(member.java());
    }
  }

  private static String classText(ClassMember member) {
    return member.codePoint() >= 0 ? javaLiteral(member.codePoint()) : member.java();
  }

  private ClassMember classMember(int flags) throws PythonRegexException {
    int start = pos;
    int c = next();
    if (c != '\\') {
      return new ClassMember(c, null, '\0');
    }
    if (atEnd()) {
      throw error("bad escape (end of pattern)", start);
    }
    char e = pattern.charAt(pos);
    switch (e) {
      case 'd', 'D', 's', 'S', 'w', 'W' -> {
        pos++;
        return new ClassMember(-1, category(e, flags).java(), e);
      }
      case 'b' -> {
        pos++;
        return new ClassMember(0x08, null, '\0');
      }
      default -> {
        if (e == '8' || e == '9') {
          throw error("bad escape \\" + e, start);
        }
        return new ClassMember(literalEscape(true, start), null, '\0');
      }
    }
  }

  // ---- quantifiers ----

  /** Whether the {@code {} at {@link #pos} starts a valid quantifier; otherwise it is literal. */
  private boolean isQuantifier() {
    int i = pos + 1;
    if (i < pattern.length() && pattern.charAt(i) == '}') {
      return false;
    }
    while (i < pattern.length() && isDigit(pattern.charAt(i))) {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ',') {
      i++;
      while (i < pattern.length() && isDigit(pattern.charAt(i))) {
        i++;
      }
    }
    return i < pattern.length() && pattern.charAt(i) == '}';
  }

  private void applyRepeat(List<Item> items, int start, boolean caseless) throws PythonRegexException {
    char c = pattern.charAt(pos++);
    long min;
    long max;
    String java;
    if (c == '*') {
      min = 0;
      max = UNBOUNDED;
      java = "*";
    } else if (c == '+') {
      min = 1;
      max = UNBOUNDED;
      java = "+";
    } else if (c == '?') {
      min = 0;
      max = 1;
      java = "?";
    } else {
      int close = pattern.indexOf('}', pos);
      String inside = pattern.substring(pos, close);
      pos = close + 1;
      int comma = inside.indexOf(',');
      String lo = comma < 0 ? inside : inside.substring(0, comma);
      String hi = comma < 0 ? inside : inside.substring(comma + 1);
      min = lo.isEmpty() ? 0 : parseRepeat(lo, start);
      max = hi.isEmpty() ? UNBOUNDED : parseRepeat(hi, start);
      if (max < min) {
        throw error("min repeat greater than max repeat", start + 1);
      }
      java = "{" + min + (comma < 0 ? "" : "," + (hi.isEmpty() ? "" : String.valueOf(max))) + "}";
    }
    if (items.isEmpty() || items.get(items.size() - 1).kind() == Kind.AT) {
      throw error("nothing to repeat", start);
    }
    Item item = items.get(items.size() - 1);
    if (item.kind() == Kind.REPEAT) {
      throw error("multiple repeat", start);
    }
    if (match('?')) {
      java += "?";
    } else if (match('+')) {
      java += "+";
    }
    repeatsAndAlternations++;
    if (max > 1 && complexGroups.contains(item)) {
      nestedRepeat = true;
      ambiguousNestedRepeat |= !oneWayGroups.contains(item);
    }
    if (max - min >= WIDE_REPEAT) {
      wideRepeats++;
    }
    if (max != min) {
      variableRepeats++;
    }
    long itemMax = item.max();
    long newMin = Math.min(UNBOUNDED, item.min() * min);
    long newMax = max == 0 || itemMax == 0
        ? 0
        : max >= UNBOUNDED || itemMax >= UNBOUNDED ? UNBOUNDED : Math.min(UNBOUNDED, itemMax * max);
    String base = "(?:" + item.java() + ")";
    Item repeat = new Item(base + java, Kind.REPEAT, newMin, newMax, -1, false);
    if (item.min() == 1 && item.max() == 1 && !caseless) {
      repeatedCharacters.put(repeat, item);
    }
    items.set(items.size() - 1, repeat);
  }

  private long parseRepeat(String digits, int start) throws PythonRegexException {
    // Python reads the count with int(), so leading zeros do not count towards its size.
    int first = 0;
    while (first < digits.length() - 1 && digits.charAt(first) == '0') {
      first++;
    }
    String significant = digits.substring(first);
    if (significant.length() > 10 || Long.parseLong(significant) >= MAXREPEAT) {
      throw error("the repetition number is too large", start);
    }
    long value = Long.parseLong(significant);
    if (value > Integer.MAX_VALUE) {
      throw error("the repetition number is too large for Java", start);
    }
    return value;
  }

  // ---- groups ----

  private Item group(int flags, boolean atStart, int start, int nested) throws PythonRegexException {
    if (!match('?')) {
      return capturingGroup(flags, null, start, nested);
    }
    if (atEnd()) {
      throw error("unexpected end of pattern", pos);
    }
    char c = pattern.charAt(pos++);
    switch (c) {
      case ':' -> {
        Sub sub = closeGroup(flags, start, nested);
        return new Item("(?:" + sub.java() + ")", Kind.OTHER, sub.min(), sub.max(), -1, false);
      }
      case '>' -> {
        Sub sub = closeGroup(flags, start, nested);
        return new Item("(?>" + sub.java() + ")", Kind.OTHER, sub.min(), sub.max(), -1, false);
      }
      case '#' -> {
        while (true) {
          if (atEnd()) {
            throw error("missing ), unterminated comment", start);
          }
          if (pattern.charAt(pos++) == ')') {
            return null;
          }
        }
      }
      case '=', '!' -> {
        Sub sub = closeGroup(flags, start, nested);
        return new Item("(?" + c + sub.java() + ")", Kind.OTHER, 0, 0, -1, false);
      }
      case '<' -> {
        if (match('=') || match('!')) {
          char kind = pattern.charAt(pos - 1);
          Sub sub = closeGroup(flags, start, nested);
          if (sub.min() != sub.max()) {
            throw error("look-behind requires fixed-width pattern", start);
          }
          return new Item("(?<" + kind + sub.java() + ")", Kind.OTHER, 0, 0, -1, false);
        }
        if (atEnd()) {
          throw error("unexpected end of pattern", pos);
        }
        throw error("unknown extension ?<" + pattern.charAt(pos), start + 1);
      }
      case 'P' -> {
        return namedGroupOrReference(flags, start, nested);
      }
      case '(' -> throw error("conditional groups are not supported", start);
      default -> {
        if ("aiLmstux-".indexOf(c) < 0) {
          throw error("unknown extension ?" + c, start + 1);
        }
        pos--;
        return flagGroup(flags, atStart, start, nested);
      }
    }
  }

  private Item capturingGroup(int flags, String name, int start, int nested) throws PythonRegexException {
    int number = groups++;
    if (name != null) {
      groupNames.put(name, number);
    }
    openGroups.add(number);
    Sub sub = closeGroup(flags, start, nested);
    openGroups.remove(number);
    groupWidths.put(number, new long[] {sub.min(), sub.max()});
    return new Item("(" + sub.java() + ")", Kind.OTHER, sub.min(), sub.max(), -1, false);
  }

  private Sub closeGroup(int flags, int start, int nested) throws PythonRegexException {
    if (nested > 200) {
      throw error("too many nested groups", start);
    }
    Sub sub = parseSub(flags, false, nested + 1);
    if (!match(')')) {
      throw error("missing ), unterminated subpattern", start);
    }
    lastClosedOneWay = sub.splitsOneWay();
    return sub;
  }

  private Item namedGroupOrReference(int flags, int start, int nested) throws PythonRegexException {
    if (match('<')) {
      int nameStart = pos;
      String name = groupName('>');
      if (groupNames.containsKey(name)) {
        throw error("redefinition of group name " + PyRepr.reprString(name) + " as group " + groups
            + "; was group " + groupNames.get(name), nameStart);
      }
      return capturingGroup(flags, name, start, nested);
    }
    if (match('=')) {
      int nameStart = pos;
      String name = groupName(')');
      Integer group = groupNames.get(name);
      if (group == null) {
        throw error("unknown group name " + PyRepr.reprString(name), nameStart);
      }
      return groupReference(group, start - 1, effectiveFlags(flags));
    }
    if (atEnd()) {
      throw error("unexpected end of pattern", pos);
    }
    throw error("unknown extension ?P" + pattern.charAt(pos), start + 1);
  }

  private String groupName(char terminator) throws PythonRegexException {
    int nameStart = pos;
    String name = getUntil(terminator, "group name");
    if (!isIdentifier(name)) {
      throw error("bad character in group name " + PyRepr.reprString(name), nameStart);
    }
    return name;
  }

  private static boolean isIdentifier(String name) {
    int first = name.codePointAt(0);
    if (!(Character.isUnicodeIdentifierStart(first) || first == '_')) {
      return false;
    }
    return name.codePoints().skip(1).allMatch(cp -> Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp));
  }

  /** Python's {@code _parse_flags}, step by step, with its messages and positions. */
  private Item flagGroup(int flags, boolean atStart, int start, int nested) throws PythonRegexException {
    int add = 0;
    int remove = 0;
    int c = next();
    if (c != '-') {
      while (true) {
        if (c == 'L') {
          throw error("bad inline flags: cannot use 'L' flag with a str pattern", pos);
        }
        int flag = flagOf(c);
        add |= flag;
        if ((flag & TYPE_FLAGS) != 0 && (add & TYPE_FLAGS) != flag) {
          throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", pos);
        }
        if (atEnd()) {
          throw error("missing -, : or )", pos);
        }
        c = next();
        if (c == ')' || c == '-' || c == ':') {
          break;
        }
        if (!isFlag(c)) {
          throw error(isAlpha(c) ? "unknown flag" : "missing -, : or )", pos - 1);
        }
      }
    }
    if (c == ')') {
      if (!atStart) {
        throw error("global flags not at the start of the expression", start);
      }
      if ((add & FLAG_T) != 0) {
        throw error("the deprecated TEMPLATE flag (?t) cannot be expressed in Java", start);
      }
      usesGlobalFlags = true;
      globalFlags |= add;
      if ((globalFlags & TYPE_FLAGS) == TYPE_FLAGS) {
        throw PythonRegexException.valueError("ASCII and UNICODE flags are incompatible", start);
      }
      return null;
    }
    if ((add & FLAG_T) != 0) {
      throw error("bad inline flags: cannot turn on global flag", pos - 1);
    }
    if (c == '-') {
      if (atEnd()) {
        throw error("missing flag", pos);
      }
      c = next();
      if (!isFlag(c)) {
        throw error(isAlpha(c) ? "unknown flag" : "missing flag", pos - 1);
      }
      while (true) {
        int flag = flagOf(c);
        if ((flag & TYPE_FLAGS) != 0 || c == 'L') {
          throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", pos);
        }
        remove |= flag;
        if (atEnd()) {
          throw error("missing :", pos);
        }
        c = next();
        if (c == ':') {
          break;
        }
        if (!isFlag(c)) {
          throw error(isAlpha(c) ? "unknown flag" : "missing :", pos - 1);
        }
      }
    }
    if ((remove & FLAG_T) != 0) {
      throw error("bad inline flags: cannot turn off global flag", pos - 1);
    }
    if ((add & remove) != 0) {
      throw error("bad inline flags: flag turned on and off", pos - 1);
    }
    int added = ((flags & 0xFF) | add) & ~remove;
    int removed = ((flags >>> 8) | remove) & ~add;
    if ((add & TYPE_FLAGS) != 0) {
      // As Python's _combine_flags: a scope's a or u replaces the type, a global one included.
      added = (added & ~TYPE_FLAGS) | (add & TYPE_FLAGS);
      removed |= TYPE_FLAGS & ~add;
    }
    int scoped = added | (removed << 8);
    Sub sub = closeGroup(scoped, start, nested);
    return new Item("(?:" + sub.java() + ")", Kind.OTHER, sub.min(), sub.max(), -1, false);
  }

  /** Under the ASCII flag, Python folds ASCII letters alone, as Java's own case-insensitive flag does. */
  private static String asciiCaseless(String java) {
    return "(?i-u:" + java + ")";
  }

  private static boolean isFlag(int c) {
    return c == 'L' || flagOf(c) != 0;
  }

  private static int flagOf(int c) {
    return switch (c) {
      case 'i' -> FLAG_I;
      case 'm' -> FLAG_M;
      case 's' -> FLAG_S;
      case 'x' -> FLAG_X;
      case 'a' -> FLAG_A;
      case 'u' -> FLAG_U;
      case 't' -> FLAG_T;
      default -> 0;
    };
  }

  /** {@code str.isalpha()} of one code point: a letter to Python's Unicode tables. */
  private static boolean isAlpha(int c) {
    return PyUnicode.isLetter(PyUnicode.category(c));
  }
}
