package org.siggendiff.siglist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class SiglistMatcher {
  private final Pattern joined;
  private final Pattern unprefixed;
  private final Node root;

  private static final class Node {
    // Only while building: a set keeps thousands of nodes, so the builders are dropped once frozen.
    private Map<Character, Node> building = new HashMap<>();
    private List<String> lineRegexes = new ArrayList<>();
    private boolean literalEnd;
    private Pattern pattern;
    private char[] keys;
    private Node[] children;

    Node child(char c) {
      char[] k = keys;
      for (int i = 0; i < k.length; i++) {
        if (k[i] == c) {
          return children[i];
        }
      }
      return null;
    }

    /** Compiles each node's lines and turns the child map into arrays, which scan faster. */
    void freeze() {
      if (!lineRegexes.isEmpty()) {
        pattern = Pattern.compile(String.join("|", lineRegexes));
      }
      keys = new char[building.size()];
      children = new Node[building.size()];
      int i = 0;
      for (Map.Entry<Character, Node> entry : building.entrySet()) {
        keys[i] = entry.getKey();
        children[i++] = entry.getValue();
      }
      building = null;
      lineRegexes = null;
      for (Node child : children) {
        child.freeze();
      }
    }
  }

  private SiglistMatcher(Pattern joined, Pattern unprefixed, Node root) {
    this.joined = joined;
    this.unprefixed = unprefixed;
    this.root = root;
  }

  /**
   * Builds the matcher for lines already known to compile one by one. Fails when the joined
   * pattern does not compile (for example global flags after the first line), with the
   * 0-based index of the line at fault.
   */
  public static SiglistMatcher of(List<String> lines) throws JoinException {
    String joinedText = String.join("|", lines);
    PythonRegex.Translation whole;
    try {
      whole = PythonRegex.translate(joinedText);
    } catch (PythonRegexException e) {
      throw new JoinException(e.getMessage(), lineAt(lines, e.position()));
    }
    if (lines.isEmpty() || whole.usesBackreferences() || whole.usesGlobalFlags()) {
      return new SiglistMatcher(whole.compile(), null, null);
    }
    Node root = new Node();
    List<String> unprefixedRegexes = new ArrayList<>();
    for (String line : lines) {
      PythonRegex.Translation translation;
      try {
        translation = PythonRegex.translate(line);
      } catch (PythonRegexException e) {
        throw new JoinException(e.getMessage(), lines.indexOf(line));
      }
      String prefix = translation.literalPrefix();
      if (prefix.isEmpty()) {
        unprefixedRegexes.add(translation.javaRegex());
        continue;
      }
      Node node = root;
      for (int i = 0; i < prefix.length(); i++) {
        node = node.building.computeIfAbsent(prefix.charAt(i), c -> new Node());
      }
      if (translation.pureLiteral()) {
        node.literalEnd = true;
      } else {
        node.lineRegexes.add(translation.javaRegex());
      }
    }
    root.freeze();
    Pattern unprefixed =
        unprefixedRegexes.isEmpty() ? null : Pattern.compile(String.join("|", unprefixedRegexes));
    return new SiglistMatcher(null, unprefixed, root);
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

  /** Whether the joined pattern matches at the start of {@code text}. */
  public boolean matches(String text) {
    if (joined != null) {
      return joined.matcher(text).lookingAt();
    }
    Node node = root;
    for (int i = 0; i < text.length(); i++) {
      node = node.child(text.charAt(i));
      if (node == null) {
        break;
      }
      if (node.literalEnd || (node.pattern != null && node.pattern.matcher(text).lookingAt())) {
        return true;
      }
    }
    return unprefixed != null && unprefixed.matcher(text).lookingAt();
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
