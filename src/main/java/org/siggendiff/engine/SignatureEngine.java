package org.siggendiff.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;

/**
 * Socorro crash signatures, generated exactly as Socorro generates them: the front door of the
 * engine. Load the four siglists once, then sign as many crashes as you like, from any number
 * of threads; see the {@linkplain org.siggendiff.engine package documentation} for an example.
 *
 * <p>Thread-safe. The siglists and rules never change after loading; bounded memos fill as
 * crashes are signed and never change a result.
 */
public final class SignatureEngine {
  private final SignatureGenerator generator;

  private SignatureEngine(SignatureGenerator generator) {
    this.generator = generator;
  }

  /**
   * Loads a siglist folder: Socorro's {@code socorro/signature/siglists}, or any folder with the
   * four files {@code irrelevant_signature_re.txt}, {@code prefix_signature_re.txt},
   * {@code signature_sentinels.txt} and {@code signatures_with_line_numbers_re.txt}. A line
   * that may backtrack badly gets a time bound on each frame (1 s, or the milliseconds in the
   * system property {@value SiglistLoader#MATCH_TIMEOUT_PROPERTY}); a crash on which one runs out
   * fails with {@link org.siggendiff.crashdata.UnsignableCrashException}.
   *
   * @throws SiglistException naming every broken line as {@code file:line: problem}
   */
  public static SignatureEngine load(Path siglistFolder) throws SiglistException {
    return new SignatureEngine(new SignatureGenerator(SiglistLoader.load(siglistFolder, siglistFolder.toString())));
  }

  /** An engine over a siglist set already loaded (from a git ref, a pull request, a folder). */
  public static SignatureEngine of(SiglistSet siglists) {
    return new SignatureEngine(new SignatureGenerator(Objects.requireNonNull(siglists, "siglists")));
  }

  /**
   * Builds an engine from the lines of the four siglists, read as the files would be (each line
   * stripped, blank lines and {@code #} comments skipped), with the time bound {@link #load} has.
   * An empty list is Socorro's empty file: its joined pattern matches every frame.
   *
   * @throws SiglistException naming every broken line as {@code inline/file:line: problem}
   */
  public static SignatureEngine fromLines(
      List<String> irrelevant, List<String> prefix, List<String> sentinels, List<String> linesWithLineNumbers)
      throws SiglistException {
    Map<SiglistKind, List<String>> lines = new EnumMap<>(SiglistKind.class);
    lines.put(SiglistKind.IRRELEVANT, List.copyOf(irrelevant));
    lines.put(SiglistKind.PREFIX, List.copyOf(prefix));
    lines.put(SiglistKind.SENTINELS, List.copyOf(sentinels));
    lines.put(SiglistKind.LINE_NUMBERS, List.copyOf(linesWithLineNumbers));
    return new SignatureEngine(
        new SignatureGenerator(SiglistLoader.fromLines(lines, "inline")));
  }

  /**
   * Signs crash data in Socorro's signature schema ({@code crashing_thread}, {@code threads},
   * {@code java_stack_trace}, {@code reason}, ...) given as JSON text.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   * @throws UnsignableCrashException when a siglist line took too long on one of its frames
   */
  public SignatureResult signCrashData(String json) {
    return sign(CrashData.of(object(json)));
  }

  /**
   * Signs crash data given as a map of JSON values (maps, lists, strings, numbers, booleans,
   * null), as a JSON library would decode it.
   *
   * @throws IllegalArgumentException when a value is not a JSON value
   * @throws UnsignableCrashException when a siglist line took too long on one of its frames
   */
  public SignatureResult signCrashData(Map<String, ?> crashData) {
    return sign(CrashData.of(CrashJson.mapper().valueToTree(Objects.requireNonNull(crashData, "crashData"))));
  }

  /**
   * Signs a processed crash as Crash Stats serves it ({@code GET /api/ProcessedCrash/}), adapted
   * to crash data first as Socorro's processor does.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   * @throws UnsignableCrashException when the crash cannot be adapted or a siglist line took
   *     too long on one of its frames
   */
  public SignatureResult signProcessedCrash(String json) {
    return sign(CrashDataAdapter.fromProcessedCrash(object(json)));
  }

  /** Signs crash data already wrapped. */
  public SignatureResult sign(CrashData crashData) {
    return generator.generate(crashData);
  }

  /** The generator behind this engine, for tracing how a signature came about. */
  public SignatureGenerator generator() {
    return generator;
  }

  private static JsonNode object(String json) {
    JsonNode node;
    try {
      node = CrashJson.parse(Objects.requireNonNull(json, "json"));
    } catch (IOException e) {
      String what = e instanceof JsonProcessingException parse ? CrashJson.problem(parse) : e.getMessage();
      throw new IllegalArgumentException("not valid JSON: " + what, e);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return node;
  }
}
