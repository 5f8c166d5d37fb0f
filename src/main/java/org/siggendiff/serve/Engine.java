package org.siggendiff.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.engine.SignatureEngine;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureResult;
import org.siggendiff.signify.SignifyRunner;

/**
 * The one place the server touches the signature engine: signing goes through the engine's
 * facade, {@link SignatureEngine}; the JSON reader, the adapter of a parsed processed crash and
 * the {@code signify --jsonl} line contract (byte for byte that of {@code signify}) are what the
 * facade does not cover. Immutable and safe to use from many threads at once.
 */
final class Engine {
  /**
   * One job's outcome.
   *
   * @param protoSignature null when the engine gave no extra (not a C/C++/Rust stack)
   * @param error null when the job was signed, else why not, for people
   */
  record Signed(String signature, List<String> notes, String protoSignature, List<String> normalizedFrames, String error) {
    static Signed failed(String error) {
      return new Signed("", List.of(error), null, List.of(), error);
    }
  }

  private final SignatureEngine engine;
  private final SignifyRunner crashDataLines;
  private final SignifyRunner processedLines;

  Engine(SiglistSet siglists) {
    this.engine = SignatureEngine.of(siglists);
    this.crashDataLines = new SignifyRunner(engine.generator(), false, false);
    this.processedLines = new SignifyRunner(engine.generator(), true, false);
  }

  /** Parses a JSON document as Python's {@code json.loads} would (NaN, big integers, bounded nesting). */
  static JsonNode parse(String text) throws IOException {
    return CrashJson.parse(text);
  }

  /**
   * Signs one job of a CrashSignature request: crash data, or a processed crash (a document with
   * a {@code json_dump} key, as {@code signify} tells them apart) adapted as Socorro adapts it.
   *
   * @param label names the job in an error, such as {@code job 3}
   */
  Signed sign(JsonNode job, String label) {
    if (!job.isObject()) {
      return Signed.failed(label + ": not a JSON object but " + kind(job) + "; a job is crash data");
    }
    try {
      CrashData crashData = CrashDocument.isProcessedCrash(job) ? CrashDataAdapter.fromProcessedCrash(job) : CrashData.of(job);
      SignatureResult result = engine.sign(crashData);
      SignatureResult.Extra extra = result.extra();
      return extra == null
          ? new Signed(result.signature(), result.notes(), null, List.of(), null)
          : new Signed(result.signature(), result.notes(), extra.protoSignature(), extra.normalizedFrames(), null);
    } catch (UnsignableCrashException e) {
      return Signed.failed(label + ": " + e.getMessage());
    }
  }

  /**
   * Writes the {@code signify --jsonl} output line for one input line.
   *
   * @param processed whether lines are processed crashes ({@code --processed})
   * @return whether the line failed
   */
  boolean signLine(long lineNumber, byte[] line, boolean processed, Writer out) throws IOException {
    SignifyRunner.LineOutput output = (processed ? processedLines : crashDataLines).signLine(lineNumber, line);
    SignifyRunner.write(output, out);
    return output.failed();
  }

  /** Writes the {@code signify --jsonl} error line for a line that could not be read. */
  static void failLine(long lineNumber, String problem, Writer out) throws IOException {
    SignifyRunner.write(SignifyRunner.failedLine(lineNumber, problem), out);
  }

  private static String kind(JsonNode value) {
    if (value.isArray()) {
      return "an array";
    }
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
