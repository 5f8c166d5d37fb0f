package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.diff.CorpusReader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.diff.DiffRunner;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.report.Progress;
import org.siggendiff.report.ReportFormat;
import org.siggendiff.report.RowWriter;
import org.siggendiff.report.TerminalText;
import org.siggendiff.siglist.ResolvedSiglists;
import org.siggendiff.siglist.SiglistResolver;
import org.siggendiff.siglist.SiglistSourceException;
import org.siggendiff.signature.SignatureGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code siggen-diff}: baseline versus candidate signatures over crash IDs and corpora. */
@Command(
    name = "siggen-diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Signatures of crashes under a baseline and a candidate siglist source, crash by crash,"
          + " with a summary of what changed on stderr.",
      "Crash IDs come from the arguments, else from stdin (unless --corpus is given), and/or"
          + " from corpora. Sources: DIR (siglist folder or Socorro checkout), PATH@REF (a git"
          + " ref of a checkout), github:REF, github:pull/N, production (baseline only).",
      "Exit status: 0 done, 1 with --exit-code when a signature differs, 2 usage or"
          + " configuration error, 3 some crashes could not be processed."
    },
    subcommands = {SignifyCommand.class, FetchCommand.class, CrashIdsCommand.class})
final class SiggenDiffCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "SOURCE", defaultValue = SiglistResolver.PRODUCTION,
      description = "baseline siglists (default: ${DEFAULT-VALUE})")
  String baseline;

  @Option(names = "--candidate", paramLabel = "SOURCE", defaultValue = "github:main",
      description = "candidate siglists (default: ${DEFAULT-VALUE})")
  String candidate;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, csv, markdown or jsonl (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--different-only", description = "only the crashes whose baseline and candidate differ")
  boolean differentOnly;

  @Option(names = "--corpus", paramLabel = "PATH",
      description = "a folder or JSON Lines file of processed crashes or crash data; repeatable")
  List<Path> corpora = new ArrayList<>();

  @Option(names = "--exit-code", description = "exit 1 when some signature differs")
  boolean exitCode;

  @Option(names = "-v", description = "notes and debug lines of both sides (text format)")
  boolean verbose;

  @Option(names = "--summary", paramLabel = "FILE", description = "also write the summary as JSON")
  Path summaryFile;

  @Option(names = "--github-repo", paramLabel = "OWNER/NAME", defaultValue = SiglistResolver.DEFAULT_GITHUB_REPO,
      description = "repository of github: sources (default: ${DEFAULT-VALUE})")
  String githubRepo;

  @Option(names = "--github-api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
      description = "GitHub API (default: ${DEFAULT-VALUE})")
  String githubApiUrl;

  @Mixin CrashStatsOptions crashStats;

  @Parameters(paramLabel = "CRASHID", description = "crash IDs (default: read stdin, unless --corpus is given)")
  List<String> crashIds = new ArrayList<>();

  SiggenDiffCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    try {
      return diff();
    } catch (UsageError e) {
      context.err().println("siggen-diff: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private int diff() throws UsageError, IOException, InterruptedException {
    ReportFormat reportFormat = reportFormat();
    List<CrashIdInput.Entry> entries = List.of();
    if (!crashIds.isEmpty()) {
      entries = CrashIdInput.fromArguments(crashIds);
    } else if (corpora.isEmpty()) {
      if (!context.inIsTerminal()) {
        entries = CrashIdInput.fromLines(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
      }
      if (entries.isEmpty()) {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
      }
    }
    SiglistResolver resolver = resolver();
    ResolvedSiglists baselineSource = resolve(resolver, baseline, true);
    ResolvedSiglists candidateSource = resolve(resolver, candidate, false);
    SignatureGenerator baselineGenerator = baselineSource.siglists().map(SignatureGenerator::new).orElse(null);
    SignatureGenerator candidateGenerator = new SignatureGenerator(candidateSource.siglists().orElseThrow());

    CorpusReader corpus;
    try {
      corpus = new CorpusReader(corpora);
    } catch (IOException e) {
      throw new UsageError(e.getMessage());
    }
    try (corpus; CrashStatsOptions.Opened opened = crashStats.open(context)) {
      DiffSummary summary = new DiffSummary(baselineSource, candidateSource);
      RowWriter writer = reportFormat.open(context.out(), baselineSource, candidateSource, verbose);
      Progress progress =
          new Progress(context.err(), "siggen-diff", corpora.isEmpty() ? entries.size() : -1, context.errIsTerminal());
      Iterator<DiffInput> inputs = concat(CorpusReader.fromEntries(entries), corpus);
      DiffRunner runner = new DiffRunner(baselineGenerator, candidateGenerator, opened.source(), crashStats.jobs);
      runner.run(
          inputs,
          row -> {
            summary.add(row);
            progress.advance();
            if (!differentOnly || row.changed()) {
              try {
                writer.row(row);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
      writer.finish();
      progress.finish();
      for (String line : summary.lines()) {
        context.err().println(TerminalText.clean(line));
      }
      context.err().flush();
      if (summaryFile != null) {
        Files.writeString(summaryFile, CrashJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary.toJson()) + "\n");
      }
      if (summary.failed() > 0) {
        return ExitCodes.UNPROCESSED;
      }
      return exitCode && summary.changed() > 0 ? ExitCodes.DIFFERENT_OR_BAD_LINES : ExitCodes.OK;
    }
  }

  private ReportFormat reportFormat() throws UsageError {
    try {
      return ReportFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageError("--format must be text, csv, markdown or jsonl, not " + TerminalText.clean(format));
    }
  }

  private SiglistResolver resolver() throws UsageError {
    HttpUrl api = HttpUrl.parse(githubApiUrl.endsWith("/") ? githubApiUrl : githubApiUrl + "/");
    if (api == null) {
      throw new UsageError("--github-api-url is not an http(s) URL");
    }
    return new SiglistResolver(
        new SiglistResolver.Settings(crashStats.cacheDir(context), api, githubRepo, crashStats.offline),
        warning -> context.err().println("siggen-diff: " + TerminalText.clean(warning)));
  }

  private static ResolvedSiglists resolve(SiglistResolver resolver, String source, boolean isBaseline) throws UsageError {
    try {
      return resolver.resolve(source, isBaseline);
    } catch (SiglistSourceException e) {
      // One line per problem, each with the option it is about.
      String option = isBaseline ? "--baseline " : "--candidate ";
      throw new UsageError(
          e.problems().stream().map(problem -> option + TerminalText.clean(problem)).collect(Collectors.joining("\nsiggen-diff: ")));
    }
  }

  private static <T> Iterator<T> concat(Iterator<? extends T> first, Iterator<? extends T> second) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || second.hasNext();
      }

      @Override
      public T next() {
        return first.hasNext() ? first.next() : second.next();
      }
    };
  }
}
