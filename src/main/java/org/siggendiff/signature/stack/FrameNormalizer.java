package org.siggendiff.signature.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;
import org.siggendiff.py.PyException;
import org.siggendiff.py.Memo;
import org.siggendiff.py.PyInt;
import org.siggendiff.py.PyRepr;
import org.siggendiff.py.PyStrings;
import org.siggendiff.py.PyValues;
import org.siggendiff.siglist.PythonRegex;
import org.siggendiff.siglist.SiglistMatcher;

/** Turns one frame into the text Socorro compares with the siglists (normalize_frame). */
final class FrameNormalizer {
  private static final Pattern SPACE_BEFORE_PUNCTUATION = PythonRegex.compile(" (?=[\\*&,])");
  private static final Pattern COMMA_WITHOUT_SPACE = PythonRegex.compile(",(?! )");
  private static final Pattern RUST_HASH = PythonRegex.compile("::h[0-9a-fA-F]+$");
  private static final Pattern LAMBDA_NUMBER = PythonRegex.compile("::\\$_\\d+::");
  /** Member function cv/ref qualifiers, each dropped once, in this order. */
  private static final String[] QUALIFIERS = {"const", "const&", "const &", "&&", "&"};

  /** How many distinct frames each memo keeps; shared by the frame memos of a generator. */
  static final int MEMO_SIZE = 200_000;

  /**
   * A normalized function name; when {@code withLine}, the line number still has to be
   * appended, and spacing fixed after it, since the line is part of the text that is fixed.
   */
  private record Normalized(String text, boolean withLine, boolean rust) {}

  private final SiglistMatcher lineNumbers;
  // Normalization is a pure function of the name, and crashes share most of their frames.
  private final Memo<String, Normalized> cppMemo = new Memo<>(this::cpp, MEMO_SIZE);
  private final Memo<String, Normalized> rustMemo = new Memo<>(this::rust, MEMO_SIZE);

  FrameNormalizer(SiglistMatcher lineNumbers) {
    this.lineNumbers = lineNumbers;
  }

  /**
   * @param sourcePath the frame's file as Socorro's parse_source_file reads it, or null
   */
  String normalize(Frame frame, String sourcePath) {
    JsonNode function = frame.function();
    JsonNode file = frame.file();
    if (PyValues.truthy(function)) {
      if (sourcePath != null && sourcePath.endsWith(".rs")) {
        return withLine(rustMemo.get(requireText(function)), frame.line());
      }
      return withLine(cppMemo.get(requireText(function, "endswith")), frame.line());
    }
    if (PyValues.truthy(file) && PyValues.truthy(frame.line())) {
      String fileName = PyStrings.rstrip(requireText(file, "rstrip"), "/\\");
      String base =
          fileName.indexOf('\\') >= 0
              ? fileName.substring(fileName.lastIndexOf('\\') + 1)
              : fileName.substring(fileName.lastIndexOf('/') + 1);
      return base + "#" + PyRepr.str(frame.line());
    }
    if (PyValues.truthy(frame.module())) {
      return PyStrings.strip(requireText(frame.module(), "strip"), "[]");
    }
    if (PyValues.truthy(frame.unloadedModules())) {
      JsonNode first = firstItem(frame.unloadedModules());
      return "(unloaded " + PyRepr.str(PyValues.get(first, "module")) + ")";
    }
    if (PyValues.truthy(frame.offset())) {
      return "@" + PyInt.stripLeadingZeros(frame.offset());
    }
    return "";
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

  private static String withLine(Normalized normalized, JsonNode line) {
    if (!normalized.withLine()) {
      return normalized.text();
    }
    String function = fixSpacing(normalized.text() + ":" + PyRepr.str(line));
    return normalized.rust() ? dropRustHash(function) : function;
  }

  private static String dropRustHash(String function) {
    return function.contains("::h") ? RUST_HASH.matcher(function).replaceAll("") : function;
  }

  private Normalized rust(String function) {
    function = FunctionNames.dropPrefixAndReturnType(function);
    function = FunctionNames.collapseRustTypes(function);
    function = FunctionNames.dropParenthesised(function);
    if (lineNumbers.matches(function)) {
      return new Normalized(function, true, true);
    }
    return new Normalized(dropRustHash(fixSpacing(function)), false, true);
  }

  private Normalized cpp(String function) {
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
    if (lineNumbers.matches(function)) {
      return new Normalized(function, true, false);
    }
    return new Normalized(fixSpacing(function), false, false);
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
