package org.siggendiff.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.report.TerminalText;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signify.SignifyRunner;
import org.siggendiff.sources.SiglistResolver;
import org.siggendiff.sources.SiglistSourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code siggen-diff signify}: the signature of crash data or processed crashes in JSON. */
@Command(
    name = "signify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Generates the signature of one JSON document (crash data, or a processed crash when it has"
          + " a json_dump key or --processed is given), or of each line with --jsonl.",
      "Siglists come from --siglists (a source as for the diff: DIR, a Socorro checkout,"
          + " PATH@REF or github:REF), --signature-list-dir (a folder, as in Socorro's own"
          + " command), else from the SIGGEN_DIFF_SIGLISTS environment variable (a source)."
    })
final class SignifyCommand implements Callable<Integer>, Validated {
  static final String SIGLISTS_ENV = "SIGGEN_DIFF_SIGLISTS";

  private final CliContext context;

  @Option(
      names = "--signature-list-dir",
      paramLabel = "DIR",
      description = "folder holding the siglist files")
  String signatureListDir;

  @Option(names = "--siglists", paramLabel = "SOURCE",
      description = "siglist source: DIR (siglist folder or Socorro checkout), PATH@REF, github:REF or github:pull/N")
  String siglists;

  @Mixin GitHubOptions github;

  @Option(names = "--processed", description = "inputs are processed crashes from Crash Stats")
  boolean processed;

  @Option(names = "--jsonl", description = "one JSON object per line in, one result per line out")
  boolean jsonl;

  @Option(names = {"-v", "--verbose"}, description = "include the debug log")
  boolean verbose;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "input file (default: stdin)")
  Path file;

  SignifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void validate() throws UsageError {
    if (signatureListDir != null && siglists != null) {
      throw new UsageError("give --siglists or --signature-list-dir, not both");
    }
  }

  @Override
  public Integer call() throws UsageError {
    SignatureGenerator generator = new SignatureGenerator(loadSiglists());
    SignifyRunner runner = new SignifyRunner(generator, processed, verbose);
    if (file == null && context.inIsTerminal() && context.errIsTerminal()) {
      // Someone at a terminal who gave no FILE may not know the command is waiting for them.
      context.err().println("signify: reading " + (jsonl ? "JSON Lines" : "one document") + " from the terminal; end with Ctrl-D");
    }
    if (jsonl) {
      try (InputStream in = openStream()) {
        int threads = Runtime.getRuntime().availableProcessors();
        long errors = context.out() instanceof StdoutWriter stdout
            ? runner.signLines(in, stdout.bytes(), threads, DiffInput.DEFAULT_MAX_DOCUMENT_BYTES)
            : runner.signLines(in, context.out(), threads, DiffInput.DEFAULT_MAX_DOCUMENT_BYTES);
        return errors == 0 ? ExitCodes.OK : ExitCodes.UNPROCESSED;
      } catch (IOException e) {
        throw cannotRead(e);
      }
    }
    try (BufferedReader reader = new BufferedReader(openInput(), 1 << 16)) {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[1 << 16];
      int read;
      while ((read = reader.read(buffer)) >= 0) {
        text.append(buffer, 0, read);
      }
      runner.signDocument(text.toString(), context.out());
      return ExitCodes.OK;
    } catch (SignifyRunner.BadDocumentException e) {
      // The parser's message quotes the bad token: crash text, escaped like any other.
      String where = file == null ? "" : TerminalText.clean(file.toString()) + ": ";
      context.err().println("signify: " + where + TerminalText.clean(e.getMessage()));
      return ExitCodes.UNPROCESSED;
    } catch (IOException e) {
      throw cannotRead(e);
    }
  }

  private UsageError cannotRead(IOException e) {
    String what = file == null ? "stdin" : file.toString();
    if (e instanceof NoSuchFileException) {
      return new UsageError("no such file: " + what);
    }
    // The JDK's file exceptions name the file as their message; the reason, when there is one, is apart.
    String why = e instanceof AccessDeniedException ? "permission denied"
        : file != null && Files.isDirectory(file) ? "it is a folder"
        : e instanceof FileSystemException fileSystem ? fileSystem.getReason()
        : e.getMessage();
    return new UsageError("cannot read " + what + (why != null ? ": " + why : ""));
  }

  private SiglistSet loadSiglists() throws UsageError {
    if (signatureListDir != null) {
      try {
        return SiglistLoader.load(Path.of(signatureListDir), signatureListDir);
      } catch (SiglistException e) {
        throw new UsageError(e.problems().stream().map(problem -> "--signature-list-dir " + TerminalText.clean(problem)).toList());
      }
    }
    // Named as the diff names its sources: by the option, or the variable, it came from.
    String from = siglists != null ? "--siglists " : SIGLISTS_ENV + " ";
    String source = siglists != null ? siglists : context.env().get(SIGLISTS_ENV);
    if (source == null || source.isEmpty()) {
      throw new UsageError("no siglists given: pass --siglists SOURCE, --signature-list-dir DIR or set " + SIGLISTS_ENV);
    }
    if (source.equals(SiglistResolver.PRODUCTION)) {
      throw new UsageError("production is the signatures stored in processed crashes, not a siglist set; give DIR, PATH@REF or github:REF");
    }
    SiglistResolver resolver =
        github.resolver(
            CrashStatsOptions.defaultCacheDir(context), false, warning -> context.err().println("signify: " + TerminalText.clean(warning)));
    try {
      return resolver.resolve(source, false).siglists().orElseThrow();
    } catch (SiglistSourceException e) {
      throw new UsageError(e.problems().stream().map(problem -> from + TerminalText.clean(problem)).toList());
    }
  }

  private InputStream openStream() throws IOException {
    return file == null ? context.in() : Files.newInputStream(file);
  }

  private Reader openInput() throws IOException {
    if (file == null) {
      return new InputStreamReader(context.in(), StandardCharsets.UTF_8);
    }
    // As stdin is read: bytes that are not UTF-8 become U+FFFD, as under --jsonl.
    return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
  }
}
