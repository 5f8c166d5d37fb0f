package org.siggendiff.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.siggendiff.cache.RawCrashTally;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.InvalidCrashIdException;
import org.siggendiff.crashstats.SignatureCounts;
import org.siggendiff.diff.CorpusReader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSession;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;
import org.siggendiff.diff.Shard;
import org.siggendiff.files.OutputFile;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.report.Progress;
import org.siggendiff.report.ReportFormat;
import org.siggendiff.report.ReportOptions;
import org.siggendiff.report.RowWriter;
import org.siggendiff.report.SummaryJson;
import org.siggendiff.report.SummaryText;
import org.siggendiff.report.TerminalText;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.sources.SiglistResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
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
          + " configuration error, 3 some crashes could not be processed (or an internal error, or"
          + " the --summary file could not be written), 130 interrupted."
    })
final class SiggenDiffCommand implements Callable<Integer>, Validated {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "SOURCE", defaultValue = SiglistResolver.PRODUCTION,
      description = "baseline siglists (default: ${DEFAULT-VALUE})")
  String baseline;

  @Option(names = "--candidate", paramLabel = "SOURCE", defaultValue = "github:main",
      description = "candidate siglists (default: ${DEFAULT-VALUE})")
  String candidate;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, csv, markdown (a report for a GitHub comment), jsonl, ids (the changed crashes' IDs, for"
          + " reprocess) or html (a page to open from disk) (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "write the report to FILE (whole or not at all: written beside it, then renamed) instead of stdout")
  Path output;

  @Option(names = "--report-url", paramLabel = "URL",
      description = "where crash IDs link to, the crash ID appended (default: the report page of the --api-url host,"
          + " https://crash-stats.mozilla.org/report/index/ for the default API)")
  String reportUrl;

  @Option(names = "--max-chars", paramLabel = "N", defaultValue = "" + ReportOptions.DEFAULT_MAX_CHARS,
      description = "longest markdown report, in characters; rows that do not fit are left out and counted"
          + " (default: ${DEFAULT-VALUE}, within a GitHub comment)")
  int maxChars;

  @Option(names = "--different-only", description = "only the crashes whose baseline and candidate differ")
  boolean differentOnly;

  @Option(names = "--corpus", paramLabel = "PATH",
      description = "a folder or JSON Lines file of processed crashes or crash data; repeatable")
  List<Path> corpora = new ArrayList<>();

  @Option(names = "--exit-code", description = "exit 1 when some signature differs")
  boolean exitCode;

  @Option(names = {"-v", "--verbose"}, description = "notes and debug lines of both sides, in text, csv, markdown and jsonl")
  boolean verbose;

  @Option(names = "--summary", paramLabel = "FILE", description = "also write the summary as JSON")
  Path summaryFile;

  @Option(names = "--shard", paramLabel = "i/N",
      description = "only the inputs whose crash ID (or file:line) hashes to i of N (CRC-32 mod N), for N copies run in parallel")
  String shard;

  @Option(names = "--csv-raw",
      description = "CSV cells exactly as the signatures are, without the apostrophe that keeps spreadsheets from running"
          + " cells starting with = + - @ as formulas; for programs")
  boolean csvRaw;

  @Mixin GitHubOptions github;

  @Mixin CrashStatsOptions crashStats;

  // Raw crashes and production impact, reported after the summary.
  @Mixin RawOption raw;

  @Option(names = "--impact",
      description = "also ask Crash Stats how many crashes have each baseline signature the candidate moves (Super Search"
          + " requests, one per 50 signatures)")
  boolean impact;

  @Option(names = "--days", paramLabel = "N", defaultValue = "7",
      description = "the window of --impact, in days up to now (default: ${DEFAULT-VALUE})")
  int impactDays;

  @Parameters(paramLabel = "CRASHID", description = "crash IDs (default: read stdin, unless --corpus is given)")
  List<String> crashIds = new ArrayList<>();

  SiggenDiffCommand(CliContext context) {
    this.context = context;
  }

  /**
   * The options and arguments, checked before anything is read. Crash IDs given as arguments
   * must be crash IDs: a mistyped command name must not become one.
   */
  @Override
  public void validate() throws UsageError {
    shard();
    OptionBounds.check("--days", impactDays, 1, 365);
    OptionBounds.check("--max-chars", maxChars, ReportOptions.MIN_MAX_CHARS, 100_000_000);
    crashStats.api.reportLinks(reportUrl);
    if (impact && crashStats.offline) {
      throw new UsageError("--impact asks Crash Stats and cannot be used with --offline");
    }
    if (!impact && spec.commandLine().getParseResult().hasMatchedOption("--days")) {
      throw new UsageError("--days is only used with --impact");
    }
    checkFormatOptions(reportFormat());
    checkOutputFiles();
    for (int i = 0; i < crashIds.size(); i++) {
      try {
        CrashId.parse(crashIds.get(i));
      } catch (InvalidCrashIdException e) {
        throw new UsageError(OptionHints.forBadArgument(i + 1, crashIds.get(i), e.getMessage()));
      }
    }
  }

  /** An option the format does not use is a mistake to say, as --days without --impact is. */
  private void checkFormatOptions(ReportFormat reportFormat) throws UsageError {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--max-chars") && reportFormat != ReportFormat.MARKDOWN) {
      throw new UsageError("--max-chars is only used with --format markdown");
    }
    if (csvRaw && reportFormat != ReportFormat.CSV) {
      throw new UsageError("--csv-raw is only used with --format csv");
    }
    if (reportUrl != null && reportFormat != ReportFormat.MARKDOWN && reportFormat != ReportFormat.HTML) {
      throw new UsageError("--report-url is only used with --format markdown or html");
    }
    if (verbose && (reportFormat == ReportFormat.IDS || reportFormat == ReportFormat.HTML)) {
      throw new UsageError("-v is only used with --format text, csv, markdown or jsonl");
    }
  }

  /** What would fail only after the run, known before any crash is read. */
  private void checkOutputFiles() throws UsageError {
    for (Path file : new Path[] {output, summaryFile}) {
      if (file != null && Files.isDirectory(file.toAbsolutePath())) {
        throw new UsageError((file == output ? "--output " : "--summary ") + TerminalText.clean(file.toString()) + " is a folder; name a file");
      }
    }
    if (output != null && summaryFile != null && sameFile(output, summaryFile)) {
      throw new UsageError("--output and --summary name the same file; the summary would replace the report");
    }
    for (Path file : new Path[] {output, summaryFile}) {
      if (file == null) {
        continue;
      }
      String option = file == output ? "--output " : "--summary ";
      for (String source : new String[] {baseline, candidate}) {
        if (isListOf(file, source)) {
          throw new UsageError(option + TerminalText.clean(file.toString())
              + " is a siglist file of " + (source == baseline ? "--baseline" : "--candidate") + "; writing it would replace the list");
        }
      }
    }
  }

  /** Whether {@code file} is one of the four lists a folder source loads (in a Socorro checkout, under its siglists folder). */
  private static boolean isListOf(Path file, String source) {
    Optional<Path> folder = source == null ? Optional.empty() : SiglistResolver.listFolder(source);
    for (SiglistKind kind : SiglistKind.values()) {
      if (folder.isPresent() && sameFile(file, folder.get().resolve(kind.fileName()))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() throws IOException, InterruptedException, UsageError {
    return diff();
  }

  private int diff() throws UsageError, IOException, InterruptedException {
    ReportFormat reportFormat = reportFormat();
    Shard share = shard();
    boolean fromStdin = crashIds.isEmpty() && corpora.isEmpty();
    if (fromStdin && context.inIsTerminal()) {
      throw new UsageError("no crashes given: name crash IDs, give --corpus PATH, or pipe crash IDs in (see --help)");
    }
    List<CrashIdInput.Entry> entries = CrashIdInput.fromArguments(crashIds);
    // The siglists are resolved while whatever writes stdin (crashids) is still at work.
    SiglistResolver resolver = resolver();
    SiglistResolver.Pair sources = GitHubOptions.resolvePair(resolver, baseline, candidate);
    ResolvedSiglists baselineSource = sources.baseline();
    ResolvedSiglists candidateSource = sources.candidate();
    BooleanSupplier interrupted = context.interruption().watch();
    // A reader of stdout that went away (| head) stops the run as Ctrl-C does: crashes would be
    // fetched and signed for nobody.
    AtomicBoolean outputClosed = new AtomicBoolean();
    BooleanSupplier stop = () -> interrupted.getAsBoolean() || outputClosed.get();
    StdinCrashIds<DiffInput> stdin = null;
    if (fromStdin) {
      stdin = new StdinCrashIds<>(new InputStreamReader(context.in(), StandardCharsets.UTF_8), DiffInput::of, stop);
      if (stdin.isEmpty()) {
        // What a search that found nothing (or failed, saying so itself) pipes in: a run over
        // no crashes, said in one line, and not the usage, which would bury the search's message.
        context.err().println("siggen-diff: no crash IDs on stdin");
      }
    }

    CorpusReader corpus;
    try {
      corpus = new CorpusReader(corpora, (int) crashStats.maxCrashBytes());
    } catch (IOException e) {
      throw new UsageError(e.getMessage());
    }
    for (Path file : new Path[] {output, summaryFile}) {
      if (file != null && corpus.files().stream().anyMatch(read -> sameFile(file, read))) {
        corpus.close();
        throw new UsageError((file == output ? "--output " : "--summary ") + TerminalText.clean(file.toString())
            + " is also a --corpus input; writing it would replace the crashes being read");
      }
    }
    corpus.passedOverNote().ifPresent(note -> context.err().println("siggen-diff: " + TerminalText.clean(note)));
    try (corpus; CrashStatsOptions.Opened opened = crashStats.open(context)) {
      // A share's count is not known before its inputs are hashed.
      long inputCount = share.isAll() ? inputCount(stdin, entries) : -1;
      // Crashes of corpora alone are counted as read: a share of the files' bytes tells how far along.
      Progress progress = stdin == null && entries.isEmpty() && !corpora.isEmpty()
          ? new Progress(context.err(), "siggen-diff", context.errIsTerminal(), corpus::fractionRead)
          : new Progress(context.err(), "siggen-diff", inputCount, context.errIsTerminal());
      RawCrashTally rawCrashes = new RawCrashTally();
      ObjectNode extra = JsonNodeFactory.instance.objectNode();
      // Only --impact reads it: a run without it keeps no table of every baseline signature.
      ProductionImpact sample = impact ? new ProductionImpact() : null;
      ReportOptions options = new ReportOptions(
          verbose, csvRaw, differentOnly, crashStats.api.reportLinks(reportUrl), maxChars, ReportOptions.DEFAULT_EXPLANATIONS);
      boolean looksUp = stdin != null || !crashIds.isEmpty() || corpus.namesCrashIds();
      DiffSession session = new DiffSession(baselineSource, candidateSource, raw.source(crashStats, opened, rawCrashes),
          crashStats.jobsFor(looksUp), reportFormat.explanations(options), share);
      RowWriter[] writer = {null};
      DiffSummary summary;
      boolean broken;
      boolean summaryWritten;
      try (OutputFile file = output == null ? null : outputFile("--output", output);
          OutputFile summaryOut = summaryFile == null ? null : outputFile("--summary", summaryFile)) {
        DiffSession.Outcome outcome = session.run(
            stdin != null ? stdin : corpus.after(entries),
            inputCount,
            () -> {
              writer[0] = reportFormat.open(file != null ? file.writer() : context.out(), baselineSource, candidateSource, options);
              return output(writer[0], progress, sample, file == null ? outputClosed : null);
            },
            stop);
        summary = outcome.summary();
        if (stdin != null && stdin.stoppedBeforeEnd()) {
          // Stopped while waiting on stdin: what was taken is counted, the rest of stdin is unknown.
          summary.interrupted(summary.isInterrupted() ? summary.notProcessed() : 0, true);
        }
        broken = outcome.broken();
        progress.finish();
        context.out().flush();
        if (outputClosed.get()) {
          context.err().println("siggen-diff: the output was closed, so the run stopped taking crashes");
        }
        for (String line : SummaryText.lines(summary)) {
          context.err().println(TerminalText.clean(line));
        }
        // Raw crashes and impact: lines and JSON sections after the summary's own.
        if (raw.raw) {
          rawCrashes.lines().forEach(line -> context.err().println(TerminalText.clean(line)));
          extra.set("raw_crashes", rawCrashes.toJson());
        }
        ProductionImpact.Report measured = null;
        if (impact && !summary.isInterrupted() && !broken) {
          measured = sample.measure(new SignatureCounts(opened.client()), Instant.now(), impactDays);
          measured.lines().forEach(line -> context.err().println(TerminalText.clean(line)));
          extra.set("impact", measured.toJson());
        }
        context.err().flush();
        // The reports that carry a summary write it, with the impact, after the rows.
        if (writer[0] != null) {
          try {
            writer[0].finish(summary, measured);
            if (file != null) {
              file.commit();
            }
          } catch (IOException | RuntimeException e) {
            context.err().println("siggen-diff: could not write the report" + (output != null ? " to "
                + TerminalText.clean(output.toString()) : "") + ": " + TerminalText.clean(e instanceof IOException io ? describe(io) : e.toString()));
            broken = true;
          }
        }
        context.out().flush();
        summaryWritten = summaryOut == null || writeSummary(summaryOut, summary, extra);
      }
      if (outputClosed.get()) {
        return ExitCodes.UNPROCESSED;
      }
      if (summary.isInterrupted()) {
        return ExitCodes.INTERRUPTED;
      }
      if (broken || summary.failed() > 0 || !summaryWritten) {
        return ExitCodes.UNPROCESSED;
      }
      return exitCode && summary.changed() > 0 ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }
  }

  /** How many inputs there are: the arguments' count, or -1 when corpora or stdin are read as the run goes. */
  private long inputCount(StdinCrashIds<DiffInput> stdin, List<CrashIdInput.Entry> entries) {
    return stdin == null && corpora.isEmpty() ? entries.size() : -1;
  }

  /**
   * The rows to stdout, each whole: where stdout is read as it comes, flushed, with the progress
   * bar out of its way.
   *
   * @param sample where each row's baseline signature is counted for --impact; null without it
   * @param closed set when stdout turns out closed, or null when the rows go to a file
   */
  private DiffSession.Output output(RowWriter writer, Progress progress, ProductionImpact sample, AtomicBoolean closed) {
    if (context.outIsLive()) {
      context.out().flush();
    }
    return new DiffSession.Output() {
      @Override
      public void repeat(DiffRow row) {
        progress.advance();
      }

      @Override
      public void row(DiffRow row) throws IOException {
        if (sample != null) {
          sample.add(row);
        }
        progress.advance();
        if (differentOnly && !row.changed()) {
          return;
        }
        if (context.outIsTerminal()) {
          progress.clear();
        }
        writer.row(row);
        if (context.outIsLive()) {
          context.out().flush();
          if (closed != null && context.out().checkError()) {
            closed.set(true);
          }
        }
      }

      @Override
      public void finish() {
        // The writer finishes once the summary and the impact are known.
        context.out().flush();
      }
    };
  }

  /** Writes the JSON summary, whole or not at all ({@link OutputFile}); a failure is one line on stderr. */
  private boolean writeSummary(OutputFile file, DiffSummary summary, ObjectNode extra) {
    try {
      ObjectNode document = SummaryJson.toJson(summary);
      document.setAll(extra);
      file.writer().write(AsciiJson.PRETTY.writeValueAsString(document) + "\n");
      file.commit();
      return true;
    } catch (IOException e) {
      context.err().println("siggen-diff: could not write the summary to " + TerminalText.clean(summaryFile.toString()) + ": "
          + TerminalText.clean(describe(e)));
      return false;
    }
  }

  /** Whether two paths name one regular file (or one not yet there); /dev/null twice is fine. */
  private static boolean sameFile(Path a, Path b) {
    Path first = a.toAbsolutePath().normalize();
    Path second = b.toAbsolutePath().normalize();
    if (OutputFile.isSpecial(first) || OutputFile.isSpecial(second)) {
      return false;
    }
    try {
      return first.equals(second) || Files.exists(first) && Files.exists(second) && Files.isSameFile(first, second);
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** The file opened before any crash is read, so that a path that cannot be written costs no run. */
  private static OutputFile outputFile(String option, Path path) throws UsageError {
    try {
      return OutputFile.open(path);
    } catch (IOException e) {
      throw new UsageError("cannot write " + option + " " + TerminalText.clean(path.toString()) + ": " + TerminalText.clean(describe(e)));
    }
  }

  private Shard shard() throws UsageError {
    if (shard == null) {
      return Shard.ALL;
    }
    try {
      return Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--shard: " + TerminalText.clean(e.getMessage()));
    }
  }

  private ReportFormat reportFormat() throws UsageError {
    try {
      return ReportFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageError("--format must be text, csv, markdown, jsonl, ids or html, not " + UsageError.given(format));
    }
  }

  private SiglistResolver resolver() throws UsageError {
    return github.resolver(
        crashStats.cacheDir(context), crashStats.offline, warning -> context.err().println("siggen-diff: " + TerminalText.clean(warning)));
  }
}
