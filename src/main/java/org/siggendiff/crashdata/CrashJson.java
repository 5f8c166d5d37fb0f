package org.siggendiff.crashdata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.siggendiff.internal.py.PyInt;

/**
 * The JSON reader for crash documents, accepting what Python's {@code json.loads} accepts:
 * NaN and Infinity, integers of any size, large documents, and nesting as deep as the
 * reference decodes ({@link #MAX_DEPTH}). Objects keep their members in a {@link
 * CompactObjectMap}.
 */
public final class CrashJson {
  /**
   * The deepest nesting of arrays and objects a document may have. The reference reads each
   * document with {@code json.loads} at the top of its script, which raises RecursionError on
   * entering the 996th level there (Python 3.11, recursion limit 1000; deeper in a stack, as in
   * a rule, its budget is smaller), so a deeper document is not a crash. Bounding it also
   * bounds every recursion over a document's values.
   */
  public static final int MAX_DEPTH = 995;

  private static final Pattern EMBEDDED_SOURCE = Pattern.compile("\\[Source: [^;]*; ");
  /** Jackson's list of what may start a value, after an unexpected token: the same every time, and long. */
  private static final Pattern VALUE_KINDS = Pattern.compile("(: was expecting)? \\(JSON String, Number .*\\)$");

  /** The reader's tokens without its trees, for a single value ({@link #scalar}). */
  private static final JsonFactory TOKENS = factory();

  /**
   * The tree mapper, made on first use: databind's first mapper builds a date format, and with
   * it the JDK's calendar and locale data (about 35 ms, and then their methods compiled), which
   * a run reading its documents with the outline reader ({@link JsonSkimmer}) mostly never needs.
   */
  private static final class Trees {
    static final ObjectMapper MAPPER = JsonMapper.builder(factory()).nodeFactory(CompactNodeFactory.INSTANCE).build();
  }

  private CrashJson() {}

  private static JsonFactory factory() {
    return JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .streamReadConstraints(new PythonLimits())
        .build();
  }

  /**
   * Jackson's limits set to Python's: no limit on strings, {@link #MAX_DEPTH} on nesting, and
   * integers of at most 4300 digits, since {@code json.loads} makes them with {@code int()}, which
   * refuses longer ones, while a float may be as long as any number this reader takes.
   */
  private static final class PythonLimits extends StreamReadConstraints {
    private static final long serialVersionUID = 1L;

    PythonLimits() {
      super(MAX_DEPTH, DEFAULT_MAX_DOC_LEN, 100_000, Integer.MAX_VALUE, DEFAULT_MAX_NAME_LEN);
    }

    @Override
    public void validateIntegerLength(int digits) throws StreamConstraintsException {
      if (digits > PyInt.MAX_STR_DIGITS) {
        throw new StreamConstraintsException("an integer of " + digits + " digits, more than the " + PyInt.MAX_STR_DIGITS
            + " Python's int() reads (json.loads raises ValueError)");
      }
      super.validateIntegerLength(digits);
    }
  }

  /** The shared mapper; configured once, safe to use from any thread. */
  public static ObjectMapper mapper() {
    return Trees.MAPPER;
  }

  /**
   * The node the mapper makes of the one value in {@code length} bytes from {@code start}. Most
   * such values are numbers or strings, read as a token ({@link #scalar}) without the mapper.
   *
   * @throws IOException as the mapper says of a bad value, or when more than one value follows
   */
  static JsonNode value(byte[] json, int start, int length) throws IOException {
    JsonNode scalar = scalar(json, start, length);
    if (scalar != null) {
      return scalar;
    }
    try (JsonParser parser = Trees.MAPPER.createParser(json, start, length)) {
      JsonNode value = Trees.MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new IOException("not one JSON value");
      }
      return value;
    }
  }

  /**
   * The node the mapper makes of the one number or string in {@code length} bytes from {@code
   * start}, read as a token without the mapper (as its tree reader does: an int, long or big
   * integer node by the integer's size, a double node for any other number, NaN and the
   * infinities included); null for any other value, which is the mapper's to read.
   *
   * @throws IOException as the mapper says of a bad value, or when more than one value follows
   */
  static JsonNode scalar(byte[] json, int start, int length) throws IOException {
    try (JsonParser parser = TOKENS.createParser(json, start, length)) {
      JsonToken token = parser.nextToken();
      JsonNode node;
      if (token == JsonToken.VALUE_NUMBER_INT) {
        JsonParser.NumberType type = parser.getNumberType();
        node = type == JsonParser.NumberType.INT
            ? CompactNodeFactory.INSTANCE.numberNode(parser.getIntValue())
            : type == JsonParser.NumberType.LONG
                ? CompactNodeFactory.INSTANCE.numberNode(parser.getLongValue())
                : CompactNodeFactory.INSTANCE.numberNode(parser.getBigIntegerValue());
      } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        node = CompactNodeFactory.INSTANCE.numberNode(parser.getDoubleValue());
      } else if (token == JsonToken.VALUE_STRING) {
        node = CompactNodeFactory.INSTANCE.textNode(parser.getText());
      } else {
        return null;
      }
      if (parser.nextToken() != null) {
        throw new IOException("not one JSON value");
      }
      return node;
    }
  }

  /**
   * What is wrong with a document Jackson refused, and where it stopped: its words without the
   * note about the source it may embed ({@code [Source: REDACTED (...); line: 1, column: 13]}
   * becomes {@code [line: 1, column: 13]}) and without its list of the kinds of JSON value, then
   * {@code (line 2, column 14)}, or {@code (column 14)} on a document's first line, which is a
   * JSON Lines line's only one. Every reader of untrusted JSON says it this way.
   */
  public static String problem(JsonProcessingException e) {
    String what = VALUE_KINDS.matcher(EMBEDDED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("[")).replaceFirst("");
    JsonLocation at = e.getLocation();
    if (at == null) {
      return what;
    }
    return what + (at.getLineNr() == 1 ? " (column " : " (line " + at.getLineNr() + ", column ") + at.getColumnNr() + ")";
  }

  /** Parses one JSON document. */
  public static JsonNode parse(String text) throws IOException {
    try (JsonParser parser = Trees.MAPPER.createParser(text)) {
      return readWhole(parser);
    } catch (StreamConstraintsException e) {
      throw tooDeepOr(e);
    }
  }

  /**
   * Parses one JSON document from its UTF-8 bytes, without making a String of them first, as
   * {@link #parse(String)} parses their text. Jackson reads bytes starting with a byte-order mark
   * or with zero bytes as another encoding (UTF-16, UTF-32) or skips the mark, where the text
   * (and Python's {@code json.loads}) is not JSON: those few are parsed as text.
   */
  public static JsonNode parse(byte[] json) throws IOException {
    // Most documents are read faster from their bytes, to the same nodes; Jackson reads the
    // rest, and says what is wrong with a bad one.
    JsonNode read = JsonSkimmer.readWhole(json);
    return read != null ? read : parseWithJackson(json);
  }

  /** {@link #parse(byte[])} by Jackson alone. */
  static JsonNode parseWithJackson(byte[] json) throws IOException {
    if (maybeOtherEncoding(json)) {
      return parse(new String(json, StandardCharsets.UTF_8));
    }
    try (JsonParser parser = Trees.MAPPER.createParser(json)) {
      return readWhole(parser);
    } catch (StreamConstraintsException e) {
      throw tooDeepOr(e);
    }
  }

  /** Whether Jackson could take the bytes for something other than plain UTF-8: a BOM, or a zero byte in the first four. */
  private static boolean maybeOtherEncoding(byte[] json) {
    if (json.length >= 3 && (json[0] & 0xff) == 0xef && (json[1] & 0xff) == 0xbb && (json[2] & 0xff) == 0xbf) {
      return true;
    }
    for (int i = 0; i < Math.min(4, json.length); i++) {
      if (json[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode readWhole(JsonParser parser) throws IOException {
    JsonNode node = Trees.MAPPER.readTree(parser);
    if (node == null) {
      throw new IOException("no JSON value");
    }
    int valueEndLine = parser.currentLocation().getLineNr();
    if (parser.nextToken() != null) {
      JsonLocation at = parser.currentTokenLocation();
      throw extraData("at line " + at.getLineNr() + ", column " + at.getColumnNr(), at.getLineNr() > valueEndLine);
    }
    return node;
  }

  /** The error for a document nested deeper than {@link #MAX_DEPTH}, worded for people. */
  static IOException tooDeep() {
    return new TooDeepException();
  }

  /** The error for text after a document's one value, {@code where} it starts, and whether on a later line than the value's end. */
  static IOException extraData(String where, boolean laterLine) {
    return new ExtraDataException(where, laterLine);
  }

  /**
   * Whether {@code e} says a document has more after its one value on a later line: a second
   * document, such as JSON Lines read as one document.
   */
  public static boolean isMoreOnALaterLine(IOException e) {
    return e instanceof ExtraDataException extra && extra.laterLine;
  }

  private static final class ExtraDataException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean laterLine;

    ExtraDataException(String where, boolean laterLine) {
      super("extra data after the JSON value " + where);
      this.laterLine = laterLine;
    }
  }

  /** Whether {@code e} says a document is nested deeper than {@link #MAX_DEPTH}: a lasting fact about it, unlike a cut one. */
  public static boolean isTooDeep(IOException e) {
    return e instanceof TooDeepException;
  }

  private static final class TooDeepException extends IOException {
    private static final long serialVersionUID = 1L;

    TooDeepException() {
      super("nesting deeper than " + MAX_DEPTH + " levels (Python's json.loads raises RecursionError)");
    }
  }

  private static IOException tooDeepOr(StreamConstraintsException e) {
    return e.getMessage() != null && e.getMessage().contains("nesting depth") ? tooDeep() : e;
  }

  /**
   * Checks that the bytes are one JSON document this reader would read, UTF-8 throughout,
   * without building it: for documents that will then be read only in part ({@link JsonChecker}).
   *
   * @throws IOException saying what is wrong and where
   */
  public static void requireWellFormed(byte[] json) throws IOException {
    String utf8 = utf8Problem(json);
    if (utf8 != null) {
      throw new NotUtf8Exception(utf8);
    }
    JsonChecker.check(json);
  }

  /** Whether {@code e} says the bytes are not UTF-8 ({@link #requireWellFormed}): a fact about them, unlike a document cut short. */
  public static boolean isNotUtf8(IOException e) {
    return e instanceof NotUtf8Exception;
  }

  private static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception(String message) {
      super(message);
    }
  }

  /**
   * Null when the bytes are UTF-8 text, else {@code "not valid UTF-8"}: what Python's
   * {@code json.loads} of the bytes would raise on, wherever in the document they are. ASCII,
   * the common case, is recognised eight bytes at a time.
   */
  public static String utf8Problem(byte[] bytes) {
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      if ((Words.at(bytes, i) & Words.HIGH_BITS) != 0) {
        return strictUtf8Problem(bytes);
      }
    }
    for (; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return strictUtf8Problem(bytes);
      }
    }
    return null;
  }

  private static String strictUtf8Problem(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return null;
    } catch (CharacterCodingException e) {
      return "not valid UTF-8";
    }
  }
}
