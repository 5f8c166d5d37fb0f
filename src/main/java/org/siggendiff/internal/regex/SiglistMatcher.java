package org.siggendiff.internal.regex;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code re.compile("|".join(lines)).match(text)} as a yes-or-no question, answered fast.
 *
 * <p>Socorro joins a list's lines into one alternation. Its match succeeds exactly when one of
 * the lines matches at the start, unless lines interact (a numbered backreference, or global
 * flags, which apply to the whole joined pattern). Lines that do not interact are indexed by
 * their literal prefix in a trie, so a frame is tried only against the lines whose prefix it
 * starts with, and a line that is entirely literal needs no regex at all. When lines interact,
 * the joined pattern itself is used.
 *
 * <p>A line that could backtrack without end ({@link PythonRegex.Translation#mayBacktrackBadly})
 * is matched by itself under a time bound, and past it {@link #matches} throws {@link
 * SiglistTimeoutException} naming the line: siglists can come from an untrusted pull request.
 * The other lines, all of Socorro's, match without that cost, except on a frame of more than
 * {@value #LONG_FRAME} characters, where any regex can take time quadratic in its length.
 */
public final class SiglistMatcher {
  /** The default bound for one bounded line on one frame. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  /** Python's global flags, which only the start of a pattern may set (3.11 refuses them elsewhere). */
  private static final Pattern GLOBAL_FLAGS = Pattern.compile("(?:\\(\\?[aiLmsux]+\\))+");

  /**
   * A match that reads more characters than this backtracks: a frame is a few hundred
   * characters, and a line that does not backtrack reads each a few times at most.
   */
  static final long BACKTRACKING_READS = 1 << 16;

  /** About how many characters a backtracking match reads in a millisecond under the launcher's compiler. */
  private static final long READS_PER_MILLISECOND = 100_000;

  /** How many time bounds' worth of backtracking a bounded line may do in a run. */
  static final int BUDGET_BOUNDS = 10;

  /** Frames longer than this are matched under the time bound by every line that is a regex. */
  static final int LONG_FRAME = 4096;

  private final Pattern joined;
  /** When the joined pattern is used and may backtrack badly: the line it is reported as. */
  private final Guarded joinedGuard;
  /** How the joined pattern is named when it runs out of time on a long frame. */
  private final String joinedWhere;
  private final Pattern unprefixed;
  /** The lines {@link #unprefixed} joins, as a timeout on a long frame names them. */
  private final String unprefixedWhere;
  /**
   * The literals of each line {@code .*A.*B...} of literals alone, null when none: found by
   * searches, not a regex.
   */
  private final String[][] contained;
  private final Guarded[] unprefixedGuarded;
  private final Node root;
  private final Duration timeout;
  /** The lines, their translations and names, for {@link #lines(int, int)}. */
  private final List<String> lines;
  private final List<PythonRegex.Translation> translations;
  private final List<String> where;

  /**
   * A line matched under the time bound, how it is named when it runs out, and the characters
   * its backtracking matches have read so far: past {@link #backtrackingBudget()}, it is not run
   * again.
   */
  private static final class Guarded {
    private final Pattern pattern;
    private final String where;
    private final AtomicLong backtracked = new AtomicLong();

    Guarded(Pattern pattern, String where) {
      this.pattern = pattern;
      this.where = where;
    }
  }

  private static final class Node {
    private static final char[] NO_KEYS = {};
    private static final Node[] NO_CHILDREN = {};

    // A list's trie has thousands of nodes, nearly all with one child and no lines of their
    // own: children are kept in arrays from the start, and the lines' lists made when needed.
    private char[] keys = NO_KEYS;
    private Node[] children = NO_CHILDREN;
    /** Only while building, and dropped once frozen. */
    private List<String> lineRegexes;
    private List<String> lineWhere;
    private List<Guarded> guardedLines;
    private boolean literalEnd;
    private Pattern pattern;
    /** The lines {@link #pattern} joins, as a timeout on a long frame names them. */
    private String patternWhere;
    private Guarded[] guarded;

    Node child(char c) {
      char[] k = keys;
      for (int i = 0; i < k.length; i++) {
        if (k[i] == c) {
          return children[i];
        }
      }
      return null;
    }

    /** The child for {@code c}, made if there is none yet. */
    Node childToBuild(char c) {
      Node found = child(c);
      if (found == null) {
        int n = keys.length;
        keys = Arrays.copyOf(keys, n + 1);
        children = Arrays.copyOf(children, n + 1);
        keys[n] = c;
        found = new Node();
        children[n] = found;
      }
      return found;
    }

    void addRegex(String javaRegex, String where) {
      if (lineRegexes == null) {
        lineRegexes = new ArrayList<>();
        lineWhere = new ArrayList<>();
      }
      lineRegexes.add(javaRegex);
      lineWhere.add(where);
    }

    void addGuarded(Guarded line) {
      if (guardedLines == null) {
        guardedLines = new ArrayList<>();
      }
      guardedLines.add(line);
    }

    /** Compiles the lines of this node and of every node under it; a loop, since a trie is as deep as its longest prefix. */
    void freeze() {
      ArrayDeque<Node> toFreeze = new ArrayDeque<>();
      toFreeze.push(this);
      while (!toFreeze.isEmpty()) {
        Node node = toFreeze.pop();
        node.freezeOwnLines();
        for (Node child : node.children) {
          toFreeze.push(child);
        }
      }
    }

    private void freezeOwnLines() {
      if (lineRegexes != null) {
        pattern = Pattern.compile(String.join("|", lineRegexes));
        patternWhere = String.join(" or ", lineWhere);
        lineRegexes = null;
        lineWhere = null;
      }
      if (guardedLines != null) {
        guarded = guardedLines.toArray(Guarded[]::new);
        guardedLines = null;
      }
    }
  }

  private SiglistMatcher(
      List<String> lines,
      List<PythonRegex.Translation> translations,
      List<String> where,
      Pattern joined,
      Guarded joinedGuard,
      Pattern unprefixed,
      String unprefixedWhere,
      String[][] contained,
      Guarded[] unprefixedGuarded,
      Node root,
      Duration timeout) {
    this.lines = lines;
    this.translations = translations;
    this.where = where;
    this.joined = joined;
    this.joinedGuard = joinedGuard;
    this.joinedWhere = where.isEmpty() ? "the empty list" : joinedName(where.get(0));
    this.unprefixed = unprefixed;
    this.unprefixedWhere = unprefixedWhere;
    this.contained = contained;
    this.unprefixedGuarded = unprefixedGuarded;
    this.root = root;
    this.timeout = timeout;
  }

  /** {@link #of(List, List, Duration)} with lines named {@code line N} and the default bound. */
  public static SiglistMatcher of(List<String> lines) throws JoinException {
    List<String> where = new ArrayList<>(lines.size());
    for (int i = 1; i <= lines.size(); i++) {
      where.add("line " + i);
    }
    return of(lines, where, DEFAULT_TIMEOUT);
  }

  /**
   * Builds the matcher for lines already known to compile one by one. Fails when the joined
   * pattern does not compile (for example global flags after the first line), with the
   * 0-based index of the line at fault.
   *
   * @param where how each line is named when its match times out, such as {@code file:line}
   * @param timeout the bound for one line that may backtrack badly on one frame
   */
  public static SiglistMatcher of(List<String> lines, List<String> where, Duration timeout) throws JoinException {
    return of(lines, null, where, timeout);
  }

  /**
   * As {@link #of(List, List, Duration)}, for lines already translated one by one (as loading
   * checks them): a translation costs a parse and a compile, and so the lines of a set are
   * translated once, whatever is built of them.
   *
   * @param translations each line's translation, or null to translate lines as needed (lines
   *     that refer to one another's groups have none of their own)
   */
  public static SiglistMatcher of(
      List<String> lines, List<PythonRegex.Translation> translations, List<String> where, Duration timeout)
      throws JoinException {
    if (where.size() != lines.size() || (translations != null && translations.size() != lines.size())
        || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("one name (and translation) per line and a positive timeout are needed");
    }
    lines = List.copyOf(lines);
    translations = translations == null ? null : List.copyOf(translations);
    where = List.copyOf(where);
    PythonRegex.Translation whole = null;
    if (translations != null && lines.size() == 1) {
      whole = translations.get(0);
    } else if (translations == null || lines.isEmpty() || translations.stream().anyMatch(PythonRegex.Translation::reachesAcrossJoins)) {
      // Lines that each translate, and reach nothing across the join, join into a pattern
      // that translates too and means their alternation: that needs no translating (a parse
      // and a compile of the whole list).
      try {
        whole = PythonRegex.translate(String.join("|", lines));
      } catch (PythonRegexException e) {
        throw new JoinException(e.getMessage(), lineAt(lines, e.position()));
      }
    }
    if (whole != null && (lines.isEmpty() || whole.usesBackreferences() || whole.usesGlobalFlags())) {
      Guarded guard = null;
      if (whole.mayBacktrackBadly()) {
        // The lines match as one pattern here, so the first line that could backtrack badly
        // by itself is named, or the first line when only their joining could.
        int named = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
          if (mayBacktrackBadlyAlone(lines.get(i))) {
            named = i;
          }
        }
        guard = new Guarded(whole.pattern(), joinedName(where.get(named)));
      }
      return new SiglistMatcher(lines, translations, where, whole.pattern(), guard, null, null, null, null, null, timeout);
    }
    Node root = new Node();
    List<String> unprefixedRegexes = new ArrayList<>();
    List<String> unprefixedWhere = new ArrayList<>();
    List<String[]> contained = new ArrayList<>();
    List<Guarded> unprefixedGuarded = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      PythonRegex.Translation translation = translations != null ? translations.get(index) : translate(lines, index);
      String prefix = translation.literalPrefix();
      Node node = root;
      for (int i = 0; i < prefix.length(); i++) {
        node = node.childToBuild(prefix.charAt(i));
      }
      if (translation.mayBacktrackBadly()) {
        Guarded guarded = new Guarded(translation.pattern(), where.get(index));
        if (prefix.isEmpty()) {
          unprefixedGuarded.add(guarded);
        } else {
          node.addGuarded(guarded);
        }
      } else if (prefix.isEmpty()) {
        String[] literals = containedLiterals(lines.get(index));
        if (literals != null) {
          contained.add(literals);
        } else {
          unprefixedRegexes.add(translation.javaRegex());
          unprefixedWhere.add(where.get(index));
        }
      } else if (translation.pureLiteral()) {
        node.literalEnd = true;
      } else {
        node.addRegex(translation.javaRegex(), where.get(index));
      }
    }
    root.freeze();
    Pattern unprefixed =
        unprefixedRegexes.isEmpty() ? null : Pattern.compile(String.join("|", unprefixedRegexes));
    return new SiglistMatcher(
        lines,
        translations,
        where,
        null,
        null,
        unprefixed,
        String.join(" or ", unprefixedWhere),
        contained.isEmpty() ? null : contained.toArray(String[][]::new),
        unprefixedGuarded.isEmpty() ? null : unprefixedGuarded.toArray(Guarded[]::new),
        root,
        timeout);
  }

  /**
   * The literals of a line {@code .*A.*B...} made of literals alone (Socorro has dozens:
   * {@code .*abort}, {@code .*\\.dll}, {@code .*framework.*\\.oat}), or null for any other line.
   * Such a line matches at the start of a text exactly when the literals occur in order, without
   * overlapping, before the text's first line feed ({@code .} is anything but a line feed), and
   * the leftmost occurrence of each leaves the most room for the rest: searches answer that in
   * linear time, where a regex backtracks once per occurrence (quadratic on a long frame).
   */
  private static String[] containedLiterals(String line) {
    List<String> literals = new ArrayList<>();
    int from = 0;
    while (from < line.length()) {
      if (!line.startsWith(".*", from) || from + 2 < line.length() && "?+*{".indexOf(line.charAt(from + 2)) >= 0) {
        return null;
      }
      int next = unescapedDotStar(line, from + 2);
      String piece = line.substring(from + 2, next);
      if (!piece.isEmpty()) {
        String literal = pureLiteral(piece);
        if (literal == null) {
          return null;
        }
        literals.add(literal);
      }
      from = next;
    }
    // A literal with a line feed in it ends the first line itself: fine alone, not in a chain.
    if (literals.isEmpty() || literals.size() > 1 && literals.stream().anyMatch(literal -> literal.indexOf('\n') >= 0)) {
      return null;
    }
    return literals.toArray(String[]::new);
  }

  /** Where the next {@code .*} that no backslash escapes starts at or after {@code from}, or the line's end. */
  private static int unescapedDotStar(String line, int from) {
    for (int i = from; i + 1 < line.length(); i++) {
      if (line.charAt(i) == '\\') {
        i++;
      } else if (line.charAt(i) == '.' && line.charAt(i + 1) == '*') {
        return i;
      }
    }
    return line.length();
  }

  /** The text a pattern matches when it is a literal alone, or null. */
  private static String pureLiteral(String pattern) {
    try {
      PythonRegex.Translation translation = PythonRegex.translate(pattern);
      return translation.pureLiteral() && !translation.literalPrefix().isEmpty() ? translation.literalPrefix() : null;
    } catch (PythonRegexException e) {
      return null;
    }
  }

  /**
   * Whether the lines act on one another when joined (a numbered backreference, global flags),
   * so that no line answers alone and the joined pattern is matched.
   */
  public boolean linesInteract() {
    return joined != null && !lines.isEmpty();
  }

  /**
   * Whether {@code other} answers every text as this matcher does: the same lines under the
   * same bound. Their names may differ, and with them the wording of a timeout ({@link
   * #asThrownHere}).
   */
  public boolean sameLines(SiglistMatcher other) {
    return lines.equals(other.lines) && timeout.equals(other.timeout);
  }

  /** A timeout that {@code other}, a matcher of the {@link #sameLines same lines}, threw, as this one throws it: its line named as here. */
  public SiglistTimeoutException asThrownHere(SiglistTimeoutException e, SiglistMatcher other) {
    int index = other.where.indexOf(e.where());
    return index < 0 ? e : e.named(where.get(index));
  }

  /** The translation of line {@code index}, or null when the lines were not translated one by one. */
  public PythonRegex.Translation translation(int index) {
    return translations == null ? null : translations.get(index);
  }

  /**
   * The lines {@code from} (inclusive) to {@code to} (exclusive) of this matcher's, as a matcher
   * of their own, named and bounded as here: how attribution asks which line of a list matches a
   * frame, with the same guard on the lines that may backtrack badly as generation has.
   *
   * @throws JoinException when those lines do not compile joined (a backreference to a group
   *     of a line left out)
   */
  public SiglistMatcher lines(int from, int to) throws JoinException {
    return of(lines.subList(from, to), translations == null ? null : translations.subList(from, to), where.subList(from, to), timeout);
  }

  /**
   * Line {@code index} as it matches within this matcher's joined lines: with the first line's
   * global flags and, for a line that refers to groups, its groups numbered as in the list (the
   * lines before it stay in the pattern, made unable to match: {@code (?!)(?:...)}; the lines
   * after it cannot change it, as Python refuses a reference to a group not yet defined). For
   * lines that {@link #linesInteract interact}, where a line alone can match other frames, or
   * none. Only the few lines that refer to groups carry the lines before them, so that a list of
   * hundreds of lines does not hold hundreds of copies of itself.
   *
   * @throws JoinException when that pattern does not compile (a verbose list's comment runs
   *     over the line)
   */
  public SiglistMatcher lineInContext(int index) throws JoinException {
    Matcher flags = GLOBAL_FLAGS.matcher(lines.get(0));
    String global = flags.lookingAt() ? flags.group() : "";
    boolean carries = refersToGroups(index);
    List<String> unflagged = new ArrayList<>(lines.subList(0, carries ? index + 1 : 1));
    unflagged.set(0, unflagged.get(0).substring(global.length()));
    String line = index == 0 ? unflagged.get(0) : lines.get(index);
    String before = carries ? "(?!)(?:" + String.join("|", unflagged.subList(0, index)) + ")|" : "";
    return of(List.of(global + before + line), List.of(where.get(index)), timeout);
  }

  /** How many characters of the lines before it {@link #lineInContext} gives line {@code index}: none unless it refers to groups. */
  public long contextChars(int index) {
    if (!refersToGroups(index)) {
      return 0;
    }
    long chars = 0;
    for (String line : lines.subList(0, index)) {
      chars += line.length() + 1;
    }
    return chars;
  }

  /** Whether a line after the first refers to groups, whose numbers then depend on the lines before it. */
  private boolean refersToGroups(int index) {
    PythonRegex.Translation own = translation(index);
    return index > 0 && (own == null || own.usesBackreferences());
  }

  /** A line named as the one a joined list's failure is reported as. */
  private static String joinedName(String where) {
    return where + " (matched joined with its list)";
  }

  /** Whether a line may backtrack badly; a line that refers to a group of another does. */
  private static boolean mayBacktrackBadlyAlone(String line) {
    try {
      return PythonRegex.translate(line).mayBacktrackBadly();
    } catch (PythonRegexException e) {
      return true;
    }
  }

  private static PythonRegex.Translation translate(List<String> lines, int index) throws JoinException {
    try {
      return PythonRegex.translate(lines.get(index));
    } catch (PythonRegexException e) {
      throw new JoinException(e.getMessage(), index);
    }
  }

  private static int lineAt(List<String> lines, int position) {
    int offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      offset += lines.get(i).length() + 1;
      if (position < offset) {
        return i;
      }
    }
    return Math.max(0, lines.size() - 1);
  }

  /** How line {@code index} is named when it runs out of time, such as {@code folder/file:line}. */
  public String where(int index) {
    return where.get(index);
  }

  /**
   * Whether the joined pattern matches at the start of {@code text}.
   *
   * @throws SiglistTimeoutException when a line that may backtrack badly runs past its bound,
   *     or a line repeats a group on {@code text} more times than {@link DeepStack} holds
   */
  public boolean matches(String text) {
    try {
      return matchesOnThisStack(text);
    } catch (StackOverflowError e) {
      // Java's regex engine recurses once per repetition of a group, Python's loops: a long
      // frame can need a deeper stack than a thread has. Rare, so the match is made again on a
      // thread of its own with a deep stack, not every match on one.
      return DeepStack.matches(() -> matchesOrNameTooDeep(text));
    }
  }

  private boolean matchesOrNameTooDeep(String text) {
    try {
      return matchesOnThisStack(text);
    } catch (StackOverflowError e) {
      throw SiglistTimeoutException.tooDeep(lineTooDeep(text), text);
    }
  }

  /**
   * Which line runs out of stack on {@code text}, tried alone (the joined pattern too may), each
   * under the time bound: a line before it may backtrack without end on this frame.
   */
  private String lineTooDeep(String text) {
    for (int i = 0; i < lines.size(); i++) {
      try {
        Pattern alone = translations != null ? translations.get(i).pattern() : PythonRegex.translate(lines.get(i)).pattern();
        alone.matcher(new DeadlineText(text, System.nanoTime() + timeout.toNanos())).lookingAt();
      } catch (StackOverflowError e) {
        return where.get(i);
      } catch (PythonRegexException | RuntimeException e) {
        // Out of time, or a line that needs its list (a reference to another line's group):
        // not the one.
      }
    }
    return joinedGuard != null ? joinedGuard.where : joinedWhere;
  }

  private boolean matchesOnThisStack(String text) {
    if (joined != null) {
      return joinedGuard == null ? lookingAt(joined, text, joinedWhere) : matchesBounded(joinedGuard, text);
    }
    Node node = root;
    for (int i = 0; i < text.length(); i++) {
      node = node.child(text.charAt(i));
      if (node == null) {
        break;
      }
      if (node.literalEnd
          || (node.pattern != null && lookingAt(node.pattern, text, node.patternWhere))
          || (node.guarded != null && matchesAnyBounded(node.guarded, text))) {
        return true;
      }
    }
    return (contained != null && containsBeforeLineFeed(text))
        || (unprefixed != null && lookingAt(unprefixed, text, unprefixedWhere))
        || (unprefixedGuarded != null && matchesAnyBounded(unprefixedGuarded, text));
  }

  /**
   * A line that cannot backtrack badly still backtracks once per position on some texts
   * ({@code a*a*c}): harmless on a frame of usual length, quadratic on a frame of many
   * thousand characters. Past {@value #LONG_FRAME} characters it runs under the time bound too.
   */
  private boolean lookingAt(Pattern pattern, String text, String lines) {
    return text.length() <= LONG_FRAME ? pattern.matcher(text).lookingAt() : matchesBounded(new Guarded(pattern, lines), text);
  }

  private boolean containsBeforeLineFeed(String text) {
    int lineFeed = text.indexOf('\n');
    int firstLineEnd = lineFeed < 0 ? text.length() : lineFeed;
    for (String[] literals : contained) {
      if (literals.length == 1) {
        // It may hold the line feed itself, and so start at it.
        int at = text.indexOf(literals[0]);
        if (at >= 0 && at <= firstLineEnd) {
          return true;
        }
        continue;
      }
      int from = 0;
      boolean all = true;
      for (String literal : literals) {
        int at = text.indexOf(literal, from);
        if (at < 0 || at + literal.length() > firstLineEnd) {
          all = false;
          break;
        }
        from = at + literal.length();
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAnyBounded(Guarded[] lines, String text) {
    for (Guarded line : lines) {
      if (matchesBounded(line, text)) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many characters a bounded line's backtracking matches may read in all, over every frame
   * it is tried on (about ten bounds of matching): a line that stays just under the time bound on
   * each frame would otherwise cost that much on each of a run's distinct frames. Counted in
   * characters, not time, so that neither the collector nor a busy machine spends it, and a line
   * that never backtracks never does.
   */
  private long backtrackingBudget() {
    return timeout.toMillis() * READS_PER_MILLISECOND * BUDGET_BOUNDS;
  }

  private boolean matchesBounded(Guarded line, String text) {
    if (line.backtracked.get() >= backtrackingBudget()) {
      throw SiglistTimeoutException.spent(line.where, text, backtrackingBudget());
    }
    DeadlineText deadlined = new DeadlineText(text, System.nanoTime() + timeout.toNanos());
    try {
      return line.pattern.matcher(deadlined).lookingAt();
    } catch (DeadlineText.Expired e) {
      throw new SiglistTimeoutException(line.where, text, timeout);
    } finally {
      if (deadlined.reads() > BACKTRACKING_READS) {
        line.backtracked.addAndGet(deadlined.reads());
      }
    }
  }

  /** The joined lines do not compile together; {@link #lineIndex()} is the line at fault. */
  public static final class JoinException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int lineIndex;

    JoinException(String message, int lineIndex) {
      super(message);
      this.lineIndex = lineIndex;
    }

    public int lineIndex() {
      return lineIndex;
    }
  }
}
