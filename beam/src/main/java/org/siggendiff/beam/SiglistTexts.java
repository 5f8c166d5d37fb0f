package org.siggendiff.beam;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.siggendiff.engine.SignatureEngine;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;

/**
 * The four siglist files of one side, read on the machine that launches the pipeline and
 * carried inside the job's serialized functions, so every worker builds the same engine from
 * the same text whatever its filesystem: no siglist folder needs staging.
 *
 * @param source the folder as given, as the CLI's summary names it
 * @param irrelevant the lines of {@code irrelevant_signature_re.txt}, as split at {@code \n}
 */
record SiglistTexts(
    String source, List<String> irrelevant, List<String> prefix, List<String> sentinels, List<String> lineNumbers)
    implements Serializable {

  SiglistTexts {
    irrelevant = new ArrayList<>(irrelevant);
    prefix = new ArrayList<>(prefix);
    sentinels = new ArrayList<>(sentinels);
    lineNumbers = new ArrayList<>(lineNumbers);
  }

  /**
   * Reads a siglist folder, checked first as the CLI loads it, so a broken line stops the
   * launch with its {@code file:line} and never reaches a worker.
   */
  static SiglistTexts read(String folder) throws SiglistException, IOException {
    Path path = Path.of(folder);
    SignatureEngine.load(path);
    return new SiglistTexts(
        folder,
        lines(path, SiglistKind.IRRELEVANT),
        lines(path, SiglistKind.PREFIX),
        lines(path, SiglistKind.SENTINELS),
        lines(path, SiglistKind.LINE_NUMBERS));
  }

  /** Split at {@code \n} only, as the loader splits a file, so line numbers stay the file's. */
  private static List<String> lines(Path folder, SiglistKind kind) throws IOException {
    String text = new String(Files.readAllBytes(folder.resolve(kind.fileName())), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The engine; the lines were checked when read, so this does not fail. */
  SignatureEngine engine() {
    try {
      return SignatureEngine.fromLines(irrelevant, prefix, sentinels, lineNumbers);
    } catch (SiglistException e) {
      throw new IllegalStateException("siglists checked on launch do not load: " + e.getMessage(), e);
    }
  }
}
