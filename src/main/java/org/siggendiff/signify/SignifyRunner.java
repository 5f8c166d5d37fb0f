package org.siggendiff.signify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;

/**
 * Generates signatures for JSON input: one document, or JSON Lines with exactly one output line
 * per input line, streamed so that memory does not grow with the input. Output is ASCII-only
 * JSON, as Python's {@code json.dumps} writes it, so crash text cannot reach a terminal as
 * control sequences.
 */
public final class SignifyRunner {
  private static final ObjectWriter PRETTY = AsciiJson.PRETTY;
  private static final ObjectWriter COMPACT = AsciiJson.COMPACT;

  private final SignatureGenerator generator;
  private final boolean processed;
  private final boolean verbose;

  /**
   * @param processed treat every input as a processed crash; otherwise a single document is a
   *     processed crash when it has a {@code json_dump} key
   */
  public SignifyRunner(SignatureGenerator generator, boolean processed, boolean verbose) {
    this.generator = generator;
    this.processed = processed;
    this.verbose = verbose;
  }

  /** Thrown when the single input document is not a JSON object. */
  public static final class BadDocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    BadDocumentException(String message) {
      super(message);
    }
  }

  /** Signs one document and writes pretty JSON. */
  public void signDocument(String text, Writer out) throws IOException, BadDocumentException {
    JsonNode document;
    try {
      document = CrashJson.parse(text);
    } catch (JsonProcessingException e) {
      throw new BadDocumentException("input is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadDocumentException("input is not valid JSON: " + e.getMessage());
    }
    if (!document.isObject()) {
      throw new BadDocumentException("input is not a JSON object");
    }
    boolean isProcessed = processed || CrashDocument.isProcessedCrash(document);
    SignatureResult result;
    try {
      CrashData crashData =
          isProcessed ? CrashDataAdapter.fromProcessedCrash(document) : CrashData.of(document);
      result = generator.generate(crashData);
    } catch (UnsignableCrashException e) {
      throw new BadDocumentException(e.getMessage());
    }
    out.write(PRETTY.writeValueAsString(ResultJson.summary(result, verbose)));
    out.write('\n');
    out.flush();
  }

  /**
   * One input line's output: its result, or {@code {"error": "line N: ..."}}.
   *
   * @param failed whether the line could not be signed
   */
  public record LineOutput(ObjectNode json, boolean failed) {}

  /**
   * Signs each line; a line that is not a JSON object gives an {@code error} object.
   *
   * @return the number of lines that could not be signed
   */
  public long signLines(BufferedReader in, Writer out) throws IOException {
    long lineNumber = 0;
    long errors = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      LineOutput output = signLine(lineNumber, line);
      if (output.failed()) {
        errors++;
      }
      write(output, out);
      if ((lineNumber & 0xFF) == 0) {
        out.flush();
      }
    }
    out.flush();
    return errors;
  }

  /** The output for input line {@code lineNumber} (counted from 1), as {@link #signLines} gives it. */
  public LineOutput signLine(long lineNumber, String line) {
    try {
      return new LineOutput(sign(line), false);
    } catch (IOException e) {
      return failedLine(lineNumber, describe(e));
    } catch (UnsignableCrashException e) {
      return failedLine(lineNumber, e.getMessage());
    }
  }

  /** The output for a line that could not even be read, such as one over a length limit. */
  public static LineOutput failedLine(long lineNumber, String problem) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("error", "line " + lineNumber + ": " + problem);
    return new LineOutput(output, true);
  }

  /** Writes one output line: compact ASCII-only JSON and a newline. */
  public static void write(LineOutput output, Writer out) throws IOException {
    out.write(COMPACT.writeValueAsString(output.json()));
    out.write('\n');
  }

  private ObjectNode sign(String line) throws IOException {
    JsonNode document = CrashJson.parse(line);
    if (!document.isObject()) {
      throw new IOException("not a JSON object");
    }
    if (processed) {
      CrashData crashData = CrashDataAdapter.fromProcessedCrash(document);
      ObjectNode output = ResultJson.full(generator.generate(crashData));
      output.set("crash_data", crashData.json());
      return output;
    }
    return ResultJson.full(generator.generate(CrashData.of(document)));
  }

  private static String describe(IOException e) {
    if (e instanceof JsonProcessingException jsonError) {
      return "invalid JSON: " + jsonError.getOriginalMessage();
    }
    return e.getMessage();
  }
}
