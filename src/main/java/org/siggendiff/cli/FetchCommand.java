package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.siggendiff.cache.RawCrashTally;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.fetch.FetchRunner;
import org.siggendiff.fetch.FetchSummary;
import org.siggendiff.report.Progress;
import org.siggendiff.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code siggen-diff fetch}: fills the crash cache from Crash Stats. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Fetches processed crashes from Crash Stats into the cache.",
      "Crash IDs come from the arguments, else one per line from stdin (bare, bp-<id> or a report"
          + " URL; blank lines and # comments are skipped).",
      "With --raw, raw crashes too (reported apart; they do not change the exit status).",
      "Exit status: 0 all fetched or cached, 3 some could not be had or were invalid, 2 usage error, 130 interrupted."
    })
final class FetchCommand implements Callable<Integer>, Validated {
  private final CliContext context;

  @Mixin CrashStatsOptions crashStats;

  @Mixin RawOption raw;

  @Parameters(paramLabel = "CRASHID", description = "crash IDs (default: read stdin)")
  List<String> crashIds = List.of();

  FetchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void validate() throws UsageError {
    for (CrashIdInput.Entry entry : CrashIdInput.fromArguments(crashIds)) {
      if (entry instanceof CrashIdInput.Invalid invalid) {
        throw new UsageError(invalid.where() + ": " + invalid.reason());
      }
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException, UsageError {
    if (crashIds.isEmpty() && context.inIsTerminal()) {
      context.err().println("fetch: reading crash IDs from stdin; Ctrl-D to end");
    }
    BooleanSupplier stop = context.interruption().watch();
    // Crash IDs on stdin are fetched as they come (crashids ... | siggen-diff fetch), so their
    // count is known only at the end.
    List<CrashIdInput.Entry> arguments = CrashIdInput.fromArguments(crashIds);
    StdinCrashIds<CrashIdInput.Entry> stdin = crashIds.isEmpty()
        ? new StdinCrashIds<>(new InputStreamReader(context.in(), StandardCharsets.UTF_8), entry -> entry, stop)
        : null;
    Iterator<CrashIdInput.Entry> entries = stdin != null ? stdin : arguments.iterator();
    long count = stdin != null ? -1 : arguments.size();
    try (CrashStatsOptions.Opened opened = crashStats.open(context)) {
      Progress progress = new Progress(context.err(), "fetch", count, context.errIsTerminal());
      RawCrashTally rawCrashes = new RawCrashTally();
      FetchSummary summary = new FetchRunner(raw.source(crashStats, opened, rawCrashes), crashStats.jobs()).run(entries, progress, stop);
      summary.print(context.err());
      if (raw.raw) {
        // Reported, but not part of the exit status: signatures never need a raw crash.
        rawCrashes.lines().forEach(line -> context.err().println("fetch: " + TerminalText.clean(line)));
        context.err().flush();
      }
      // A stop while waiting on stdin ends the inputs rather than the run, which then looks whole.
      if (summary.wasStopped() || (stdin != null && stdin.stoppedBeforeEnd())) {
        long total = stdin != null ? stdin.countIfRead() : count;
        long inCache = summary.inCache();
        String where = total >= 0
            ? String.format("%d of %d crashes are in the cache, %d not done", inCache, total, total - summary.answered())
            : (inCache == 1 ? "1 crash is" : inCache + " crashes are") + " in the cache, and the rest of stdin was not read";
        context.err().printf(
            "fetch: interrupted: %s; the same command again resumes"
                + " (cached crashes are not fetched again; a few in flight may be cached already)%n",
            where);
        return ExitCodes.INTERRUPTED;
      }
      return summary.complete() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
    }
  }
}
