package org.siggendiff.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signify.SignifyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code siggen-diff signify}: the signature of crash data or processed crashes in JSON. */
@Command(
    name = "signify",
    mixinStandardHelpOptions = true,
    description = {
      "Generates the signature of one JSON document (crash data, or a processed crash when it has"
          + " a json_dump key or --processed is given), or of each line with --jsonl.",
      "Siglists come from --signature-list-dir, else from the SIGGEN_DIFF_SIGLISTS environment"
          + " variable."
    })
final class SignifyCommand implements Callable<Integer> {
  static final String SIGLISTS_ENV = "SIGGEN_DIFF_SIGLISTS";

  private final CliContext context;

  @Option(
      names = "--signature-list-dir",
      paramLabel = "DIR",
      description = "folder holding the siglist files")
  String signatureListDir;

  @Option(names = "--processed", description = "inputs are processed crashes from Crash Stats")
  boolean processed;

  @Option(names = "--jsonl", description = "one JSON object per line in, one result per line out")
  boolean jsonl;

  @Option(names = "-v", description = "include the debug log")
  boolean verbose;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "input file (default: stdin)")
  Path file;

  SignifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String dir = signatureListDir != null ? signatureListDir : context.env().get(SIGLISTS_ENV);
    if (dir == null || dir.isEmpty()) {
      context.err().println(
          "signify: no siglists given: pass --signature-list-dir DIR or set " + SIGLISTS_ENV);
      return ExitCodes.USAGE;
    }
    SignatureGenerator generator;
    try {
      generator = new SignatureGenerator(SiglistLoader.load(Path.of(dir), dir));
    } catch (SiglistException e) {
      e.problems().forEach(problem -> context.err().println("signify: " + problem));
      return ExitCodes.USAGE;
    }
    SignifyRunner runner = new SignifyRunner(generator, processed, verbose);
    try (BufferedReader reader = new BufferedReader(openInput(), 1 << 16)) {
      if (jsonl) {
        long errors = runner.signLines(reader, context.out());
        return errors == 0 ? ExitCodes.OK : ExitCodes.DIFFERENT_OR_BAD_LINES;
      }
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[1 << 16];
      int read;
      while ((read = reader.read(buffer)) >= 0) {
        text.append(buffer, 0, read);
      }
      runner.signDocument(text.toString(), context.out());
      return ExitCodes.OK;
    } catch (SignifyRunner.BadDocumentException e) {
      context.err().println("signify: " + e.getMessage());
      return ExitCodes.DIFFERENT_OR_BAD_LINES;
    } catch (IOException e) {
      context.err().println("signify: cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private Reader openInput() throws IOException {
    if (file == null) {
      return new InputStreamReader(context.in(), StandardCharsets.UTF_8);
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }
}
