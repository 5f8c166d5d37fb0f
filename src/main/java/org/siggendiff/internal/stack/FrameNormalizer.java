package org.siggendiff.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;
import org.siggendiff.internal.py.Memo;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyInt;
import org.siggendiff.internal.py.PyRepr;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.py.PyValues;
import org.siggendiff.internal.regex.PythonRegex;
import org.siggendiff.internal.regex.SiglistMatcher;
import org.siggendiff.internal.regex.SiglistTimeoutException;

/**
 * Turns one frame into the text Socorro compares with the siglists (normalize_frame). It reads
 * the line-number list only, so the siglist sets that share that list share a normalizer.
 */
final class FrameNormalizer {
  private static final Pattern SPACE_BEFORE_PUNCTUATION = PythonRegex.compile(" (?=[\\*&,])");
  private static final Pattern COMMA_WITHOUT_SPACE = PythonRegex.compile(",(?! )");
  private static final Pattern RUST_HASH = PythonRegex.compile("::h[0-9a-fA-F]+$");
  private static final Pattern LAMBDA_NUMBER = PythonRegex.compile("::\\$_\\d+::");
  /** Member function cv/ref qualifiers, each dropped once, in this order. */
  private static final String[] QUALIFIERS = {"const", "const&", "const &", "&&", "&"};

  /** How many distinct frames each memo keeps; shared by the frame memos of a normalizer. */
  static final int MEMO_SIZE = 200_000;

  private final SiglistMatcher lineNumbers;
  // Normalization is a pure function of the name, and crashes share most of their frames.
  private final Memo<String, NormalizedFrame> cppMemo = new Memo<>(this::cpp, MEMO_SIZE, MEMO_SIZE);
  private final Memo<String, NormalizedFrame> rustMemo = new Memo<>(this::rust, MEMO_SIZE);

  FrameNormalizer(SiglistMatcher lineNumbers) {
    this.lineNumbers = lineNumbers;
  }

  /** Whether this normalizer normalizes as one for {@code lineNumbers} would (a timeout aside, worded by {@link #timeoutOf}). */
  boolean normalizesAs(SiglistMatcher lineNumbers) {
    return this.lineNumbers.sameLines(lineNumbers);
  }

  /** A timeout this normalizer's line-number list threw, as {@code lineNumbers} (the same lines, {@link #normalizesAs}) words it. */
  SiglistTimeoutException timeoutOf(SiglistMatcher lineNumbers, SiglistTimeoutException e) {
    return lineNumbers.asThrownHere(e, this.lineNumbers);
  }

  /**
   * Looks up the C++ memo entries of a stack's first frames, in a loop whose lookups do not
   * wait for one another. Generation over many crashes is bound by memory latency, not
   * computation (the same code runs three times faster when the crashes fit in the cache), and
   * most of the wait is for memo entries; looking them all up first lets their cache misses
   * overlap, and {@link #normalize} takes what was found instead of looking again. Only the
   * function names of a list's frames are looked up: inline frames, Rust frames (deciding which
   * needs the file name, which costs more than it saves) and anything unusual are left to
   * {@link #normalize}.
   *
   * @return what was found, for {@link #normalize}; null when {@code frames} is not a list
   */
  Found lookUp(JsonNode frames) {
    if (!frames.isArray()) {
      return null;
    }
    int count = Math.min(frames.size(), CSignatureTool.MAXIMUM_FRAMES_TO_CONSIDER);
    Found found = new Found(count);
    for (int i = 0; i < count; i++) {
      // Not a dict: get() gives null, and normalize raises in its turn.
      JsonNode function = frames.get(i).get("function");
      if (function != null && function.isTextual()) {
        String name = function.textValue();
        found.names[i] = name;
        found.frames[i] = cppMemo.getIfPresent(name);
      }
    }
    return found;
  }

  /** The C++ memo entries found for the first frames of a list, by their function names. */
  static final class Found {
    private final String[] names;
    private final NormalizedFrame[] frames;

    private Found(int count) {
      names = new String[count];
      frames = new NormalizedFrame[count];
    }

    /** Whether frame {@code index} was looked up by this very string; {@link #frames} then holds what was found. */
    private boolean lookedUp(int index, String name) {
      return index >= 0 && index < names.length && names[index] == name;
    }
  }

  /**
   * @param rustSource whether the frame's file, as Socorro's parse_source_file reads it, is a
   *     Rust source
   */
  NormalizedFrame normalize(Frame frame, boolean rustSource) {
    return normalize(frame, rustSource, null, -1);
  }

  /**
   * {@link #normalize(Frame, boolean)} for frame {@code index} of a list whose memo entries
   * {@link #lookUp} found (null, or -1 for an inline frame: none).
   */
  NormalizedFrame normalize(Frame frame, boolean rustSource, Found found, int index) {
    JsonNode function = frame.function();
    JsonNode file = frame.file();
    if (PyValues.truthy(function)) {
      if (rustSource) {
        return withLine(rustMemo.get(requireText(function)), frame);
      }
      String name = requireText(function, "endswith");
      if (found != null && found.lookedUp(index, name)) {
        // Looked up already: what was not there is computed without asking the memo again.
        NormalizedFrame known = found.frames[index];
        return withLine(known != null ? known : cppMemo.compute(name), frame);
      }
      return withLine(cppMemo.get(name), frame);
    }
    if (PyValues.truthy(file) && PyValues.truthy(frame.line())) {
      String fileName = PyStrings.rstrip(requireText(file, "rstrip"), "/\\");
      String base =
          fileName.indexOf('\\') >= 0
              ? fileName.substring(fileName.lastIndexOf('\\') + 1)
              : fileName.substring(fileName.lastIndexOf('/') + 1);
      return frame(base + "#" + PyRepr.str(frame.line()));
    }
    if (PyValues.truthy(frame.module())) {
      return frame(PyStrings.strip(requireText(frame.module(), "strip"), "[]"));
    }
    if (PyValues.truthy(frame.unloadedModules())) {
      JsonNode first = firstItem(frame.unloadedModules());
      return frame("(unloaded " + PyRepr.str(PyValues.get(first, "module")) + ")");
    }
    if (PyValues.truthy(frame.offset())) {
      return frame("@" + PyInt.stripLeadingZeros(frame.offset()));
    }
    return frame("");
  }

  private static NormalizedFrame frame(String text) {
    return new NormalizedFrame(text, false, false, null);
  }

  /** {@code value[0]}, raising as Python does for each type. */
  private static JsonNode firstItem(JsonNode value) {
    if (value.isArray()) {
      return value.get(0);
    }
    if (value.isTextual()) {
      return TextNode.valueOf(
          new String(Character.toChars(value.textValue().codePointAt(0))));
    }
    if (value.isObject()) {
      throw PyException.keyError("0");
    }
    throw PyException.typeError("'" + PyValues.typeName(value) + "' object is not subscriptable");
  }

  static String requireText(JsonNode value, String method) {
    if (value == null || !value.isTextual()) {
      throw PyException.attributeError(PyValues.typeName(value), method);
    }
    return value.textValue();
  }

  /** The function text for Rust, where Python iterates the value: a str, or str items. */
  private static String requireText(JsonNode function) {
    if (function.isTextual()) {
      return function.textValue();
    }
    if (function.isArray() || function.isObject()) {
      StringBuilder sb = new StringBuilder();
      var items = PyValues.iterate(function);
      while (items.hasNext()) {
        JsonNode item = items.next();
        if (!item.isTextual() || PyStrings.length(item.textValue()) != 1) {
          throw PyException.typeError("unsupported function item " + PyRepr.repr(item));
        }
        sb.append(item.textValue());
      }
      return sb.toString();
    }
    throw PyException.typeError("'" + PyValues.typeName(function) + "' object is not iterable");
  }

  private static NormalizedFrame withLine(NormalizedFrame function, Frame frame) {
    if (!function.withLine) {
      return function;
    }
    String text = fixSpacing(function.text + ":" + PyRepr.str(frame.line()));
    String withLine = function.rust ? dropRustHash(text) : text;
    return new NormalizedFrame(withLine, false, false, function.lineNumberSubject);
  }

  private static NormalizedFrame function(String text, String lineNumberSubject, boolean withLine, boolean rust) {
    return new NormalizedFrame(text, withLine, rust, lineNumberSubject);
  }

  private static String dropRustHash(String function) {
    return function.contains("::h") ? RUST_HASH.matcher(function).replaceAll("") : function;
  }

  private static String rustName(String function) {
    function = FunctionNames.dropPrefixAndReturnType(function);
    function = FunctionNames.collapseRustTypes(function);
    return FunctionNames.dropParenthesised(function);
  }

  private NormalizedFrame rust(String function) {
    function = rustName(function);
    if (lineNumbers.matches(function)) {
      return function(function, function, true, true);
    }
    return function(dropRustHash(fixSpacing(function)), function, false, true);
  }

  private NormalizedFrame cpp(String function) {
    function = cppName(function);
    if (lineNumbers.matches(function)) {
      return function(function, function, true, false);
    }
    return function(fixSpacing(function), function, false, false);
  }

  private static String cppName(String function) {
    for (String qualifier : QUALIFIERS) {
      if (function.endsWith(qualifier)) {
        function = PyStrings.strip(function.substring(0, function.length() - qualifier.length()));
      }
    }
    if (!function.contains("::operator")) {
      function = FunctionNames.dropPrefixAndReturnType(function);
    }
    function = function.replace("`anonymous namespace'", "(anonymous namespace)");
    if (function.contains("::$_")) {
      function = LAMBDA_NUMBER.matcher(function).replaceAll("::\\$::");
    }
    function = FunctionNames.collapseTypes(function);
    function = FunctionNames.collapseArguments(function);
    if (function.contains("clone .cold")) {
      function = FunctionNames.dropBracketed(function);
    }
    return function;
  }

  private static String fixSpacing(String function) {
    if (function.indexOf(' ') >= 0) {
      function = SPACE_BEFORE_PUNCTUATION.matcher(function).replaceAll("");
    }
    if (function.indexOf(',') >= 0) {
      function = COMMA_WITHOUT_SPACE.matcher(function).replaceAll(", ");
    }
    return function;
  }
}
