package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
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
    description = {
      "Fetches processed crashes from Crash Stats into the cache.",
      "Crash IDs come from the arguments, else one per line from stdin (bare, bp-<id> or a report"
          + " URL; blank lines and # comments are skipped).",
      "With --raw, raw crashes too (reported apart; they do not change the exit status).",
      "Exit status: 0 all fetched or cached, 3 some could not be had or were invalid, 2 usage error."
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
    List<CrashIdInput.Entry> entries =
        crashIds.isEmpty()
            ? CrashIdInput.fromLines(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
            : CrashIdInput.fromArguments(crashIds);
    try (CrashStatsOptions.Opened opened = crashStats.open(context)) {
      Progress progress = new Progress(context.err(), "fetch", entries.size(), context.errIsTerminal());
      RawCrashTally rawCrashes = new RawCrashTally();
      FetchSummary summary =
          new FetchRunner(raw.source(crashStats, opened, rawCrashes), crashStats.jobs()).run(entries, progress, context.interruption().watch());
      summary.print(context.err());
      if (raw.raw) {
        // Reported, but not part of the exit status: signatures never need a raw crash.
        rawCrashes.lines().forEach(line -> context.err().println("fetch: " + TerminalText.clean(line)));
        context.err().flush();
      }
      if (context.interruption().requested() && summary.inputs() < entries.size()) {
        context.err().printf(
            "fetch: interrupted: %d of %d crashes are in the cache, %d not looked at; the same command again resumes"
                + " (cached crashes are not fetched again; a few in flight may be cached already)%n",
            summary.fetched() + summary.cached(), entries.size(), entries.size() - summary.inputs());
        return ExitCodes.INTERRUPTED;
      }
      return summary.complete() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
    }
  }
}
