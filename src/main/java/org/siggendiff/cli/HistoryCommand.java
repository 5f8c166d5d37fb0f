package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.diff.CorpusReader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.history.GitHubSiglistRange;
import org.siggendiff.history.GitSiglistRange;
import org.siggendiff.history.HistoryCrashes;
import org.siggendiff.history.HistoryException;
import org.siggendiff.history.SiglistRange;
import org.siggendiff.history.SignatureHistory;
import org.siggendiff.report.HistoryWriter;
import org.siggendiff.report.Progress;
import org.siggendiff.report.ReportLinks;
import org.siggendiff.report.ReportOptions;
import org.siggendiff.report.SummaryText;
import org.siggendiff.report.TerminalText;
import org.siggendiff.sources.GitHubSiglistHistory;
import org.siggendiff.sources.SiglistResolver;
import org.siggendiff.sources.SiglistSourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code siggen-diff history}: which commit of a siglist range moved each crash's signature, and with which lines. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "For each commit of a git range that changes a siglist file, oldest first: the crashes whose"
          + " signature it moves, from what to what, and the siglist lines responsible, with the"
          + " commit's hash, date, subject and bug numbers; then each moved crash's timeline.",
      "--siglists PATH@A..B: PATH a Socorro checkout or any git repository holding the four siglist"
          + " files; A..B as git means it, the commits reachable from B and not from A. github:A..B:"
          + " the same range of Socorro on GitHub (--github-repo), each siglist version fetched once into the cache.",
      "Crashes come from the arguments, else stdin (unless --corpus is given), and/or corpora, as"
          + " for the diff.",
      "Exit status: 0 done, 2 usage or configuration error, 3 some crashes could not be processed,"
          + " 130 interrupted."
    })
final class HistoryCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--siglists", paramLabel = "PATH@A..B", required = true,
      description = "the range of siglist commits: PATH@A..B (a git checkout, @, and a range) or github:A..B")
  String siglists;

  @Option(names = "--first-parent", description = "follow only the first parent of merges, as git log --first-parent")
  boolean firstParent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, markdown or jsonl (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--corpus", paramLabel = "PATH",
      description = "a folder or JSON Lines file of processed crashes or crash data; repeatable")
  List<Path> corpora = new ArrayList<>();

  @Option(names = "--report-url", paramLabel = "URL",
      description = "where crash IDs link to in markdown, the crash ID appended (default: the report page of the --api-url host)")
  String reportUrl;

  @Option(names = "--max-chars", paramLabel = "N",
      description = "longest markdown history, in characters; what does not fit is left out and counted"
          + " (default: " + ReportOptions.DEFAULT_MAX_CHARS + ", within a GitHub comment)")
  Integer maxChars;

  @Mixin CrashStatsOptions crashStats;

  @Mixin GitHubOptions github;

  @Parameters(paramLabel = "CRASHID", description = "crash IDs (default: read stdin, unless --corpus is given)")
  List<String> crashIds = new ArrayList<>();

  HistoryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException, UsageError {
    return history();
  }

  private int history() throws UsageError, IOException, InterruptedException {
    HistoryWriter.Format outputFormat;
    try {
      outputFormat = HistoryWriter.Format.parse(format);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--format must be text, markdown or jsonl, not " + UsageError.given(format));
    }
    if (reportUrl != null && outputFormat != HistoryWriter.Format.MARKDOWN) {
      // As the diff refuses it: an option the format does not use is a mistake to say.
      throw new UsageError("--report-url is only used with --format markdown");
    }
    if (maxChars != null && outputFormat != HistoryWriter.Format.MARKDOWN) {
      throw new UsageError("--max-chars is only used with --format markdown");
    }
    int pageChars = maxChars != null ? maxChars : ReportOptions.DEFAULT_MAX_CHARS;
    OptionBounds.check("--max-chars", pageChars, ReportOptions.MIN_MAX_CHARS, 100_000_000);
    ReportLinks links = crashStats.api.reportLinks(reportUrl);
    List<CrashIdInput.Entry> entries = List.of();
    if (!crashIds.isEmpty()) {
      entries = CrashIdInput.fromArguments(crashIds);
      // As the diff: an argument that is no crash ID is a mistake in the command, said at once.
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i) instanceof CrashIdInput.Invalid invalid) {
          throw new UsageError(OptionHints.forBadArgument(i + 1, crashIds.get(i), invalid.reason()));
        }
      }
    } else if (corpora.isEmpty()) {
      if (context.inIsTerminal()) {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
      }
      entries = CrashIdInput.fromLines(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
    }
    SiglistRange range = range();
    if (entries.isEmpty() && crashIds.isEmpty() && corpora.isEmpty()) {
      context.err().println("history: no crash IDs on stdin");
    }
    CorpusReader corpus;
    try {
      corpus = new CorpusReader(corpora, (int) crashStats.maxCrashBytes());
    } catch (IOException e) {
      throw new UsageError(e.getMessage());
    }
    corpus.passedOverNote().ifPresent(note -> context.err().println("history: " + TerminalText.clean(note)));
    BooleanSupplier stop = context.interruption().watch();
    try (corpus; CrashStatsOptions.Opened opened = crashStats.open(context)) {
      Progress reading = new Progress(context.err(), "history: crashes", corpora.isEmpty() ? entries.size() : -1,
          context.errIsTerminal());
      Iterator<DiffInput> inputs = corpus.after(entries);
      boolean looksUp = !entries.isEmpty() || corpus.namesCrashIds();
      HistoryCrashes.Read read = new HistoryCrashes(opened.source(), crashStats.jobsFor(looksUp)).read(inputs, reading::advance, stop);
      reading.finish();
      SignatureHistory.Result result;
      if (read.stopped()) {
        result = new SignatureHistory.Result(List.of(), List.of(), List.of(), List.of(), true, new SignatureHistory.Stats(0, 0, 0));
      } else {
        Progress commits = new Progress(context.err(), "history: commits", range.steps().size(), context.errIsTerminal());
        result = new SignatureHistory(read.crashes(), true).run(range, commits::advance, stop);
        commits.finish();
      }
      HistoryWriter.of(outputFormat, context.out(), links, pageChars).write(range.description(), range.steps().size(), read, result);
      context.out().flush();
      summary(range, read, result);
      if (read.stopped() || result.stopped()) {
        return ExitCodes.INTERRUPTED;
      }
      return read.unreadable().isEmpty() && result.failures().isEmpty() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
    }
  }

  private void summary(SiglistRange range, HistoryCrashes.Read read, SignatureHistory.Result result) {
    List<String> lines = new ArrayList<>();
    lines.add("siggen-diff history: " + range.description());
    lines.add("  crashes followed: " + read.crashes().size() + ", could not be read: " + read.unreadable().size()
        + (read.repeats().isEmpty() ? "" : "; " + SummaryText.leftOut(read.repeats())));
    read.unreadable().forEach(failure -> lines.add("    " + failure.where() + ": " + failure.reason()));
    if (!read.repeats().isEmpty()) {
      lines.add("  read more than once, followed as first read:");
      SummaryText.repeats(read.repeats(), "not alike: its crash data differ").forEach(repeat -> lines.add("    " + repeat));
      if (read.repeats().notAlike() > 0) {
        lines.add("  warning: " + read.repeats().notAlike() + (read.repeats().notAlike() == 1 ? " crash" : " crashes")
            + " read more than once did not read the same each time (two documents under one crash ID?): the first reading is followed");
      }
    }
    result.failures().forEach(failure -> lines.add("    " + failure.crashId() + ": " + failure.reason()));
    result.warnings().forEach(warning -> lines.add("  warning: siglists that do not load, skipped: " + warning));
    lines.add("  commits changing the siglists: " + range.steps().size() + (result.stopped() || read.stopped()
        ? " (interrupted after " + result.commits().size() + ")" : ""));
    lines.add("  moves: " + result.moves() + ", crashes that moved: " + result.timelines().size());
    SignatureHistory.Stats stats = result.stats();
    lines.add("  siglist versions: " + stats.versions() + ", signatures generated: " + stats.signed() + ", carried over unchanged: "
        + stats.skipped());
    lines.forEach(line -> context.err().println(TerminalText.clean(line)));
    context.err().flush();
  }

  /** Parses {@code PATH@A..B} and reads the range; a bad one is a usage error. */
  private SiglistRange range() throws UsageError {
    if (siglists.startsWith("github:")) {
      return githubRange(siglists.substring("github:".length()));
    }
    SiglistResolver.CheckoutRef checkoutRef = SiglistResolver.checkoutRef(siglists).orElseThrow(() -> new UsageError(
        "--siglists: " + TerminalText.clean(siglists) + (Files.isDirectory(Path.of(siglists))
            ? ": give a range, PATH@A..B"
            : ": no such folder; give PATH@A..B with PATH a git checkout")));
    String range = checkoutRef.ref();
    int dots = range.indexOf("..");
    if (dots < 0) {
      throw new UsageError("--siglists: " + TerminalText.clean(siglists) + ": give a range, PATH@A..B");
    }
    String from = range.substring(0, dots);
    String to = range.substring(dots + 2);
    if (to.startsWith(".")) {
      throw new UsageError("--siglists: " + TerminalText.clean(siglists) + ": A...B is not a history; use A..B");
    }
    try {
      return GitSiglistRange.read(checkoutRef.checkout(), siglists, from, to, firstParent);
    } catch (HistoryException e) {
      throw new UsageError(e.problems().stream().map(problem -> "--siglists " + TerminalText.clean(problem)).toList());
    }
  }

  /** {@code github:A..B}: the range listed by GitHub, each siglist version fetched once into the cache. */
  private SiglistRange githubRange(String range) throws UsageError {
    if (firstParent) {
      throw new UsageError("--first-parent is not supported with github: ranges; clone the repository and use PATH@A..B");
    }
    int dots = range.indexOf("..");
    if (dots < 0 || range.startsWith(".", dots + 2)) {
      throw new UsageError("--siglists: " + TerminalText.clean(siglists) + ": give a range, github:A..B");
    }
    try (GitHubSiglistHistory history = new GitHubSiglistHistory(new SiglistResolver.Settings(crashStats.cacheDir(context),
        github.githubApiUrl, github.githubRepo, crashStats.offline), warning -> context.err().println("history: "
            + TerminalText.clean(warning)))) {
      return GitHubSiglistRange.read(history, siglists, range.substring(0, dots), range.substring(dots + 2));
    } catch (SiglistSourceException | HistoryException e) {
      throw new UsageError("--siglists " + TerminalText.clean(e.getMessage()));
    }
  }
}
