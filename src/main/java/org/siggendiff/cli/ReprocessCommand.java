package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.siggendiff.crashstats.ApiToken;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.crashstats.Reprocessing;
import org.siggendiff.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code siggen-diff reprocess}: sends crash IDs to Crash Stats' reprocessing queue, in batches. */
@Command(
    name = "reprocess",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Sends crashes to Crash Stats for reprocessing (POST Reprocessing/), in batches of 50 with a pause between them.",
      "Crash IDs come from the arguments, else one per line from stdin, such as from siggen-diff --format ids.",
      "A dry run by default: prints what it would send; --yes sends. Needs an API token with the reprocess permission"
          + " in $SOCORRO_API_TOKEN or $CRASHSTATS_API_TOKEN.",
      "Exit status: 0 every crash sent (or the dry run), 3 some not sent or failed, 2 usage error, 130 interrupted."
    })
final class ReprocessCommand implements Callable<Integer>, Validated {
  static final double MAX_SLEEP_SECONDS = 3600;

  private final CliContext context;

  @Mixin ApiOptions api;

  @Option(names = "--yes", description = "send; without it nothing is sent")
  boolean yes;

  @Option(names = "--sleep", paramLabel = "SECONDS", defaultValue = "1",
      description = "pause between batches (default: ${DEFAULT-VALUE}); above 10,000 crashes, pick one the processors can keep up with")
  double sleepSeconds;

  @Option(names = "--allow-many",
      description = "allow more than 10,000 crashes (tell the Socorro team on #crashreporting first)")
  boolean allowMany;

  @Parameters(paramLabel = "CRASHID", description = "crash IDs (default: read stdin)")
  List<String> crashIds = List.of();

  ReprocessCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void validate() throws UsageError {
    if (!(sleepSeconds >= 0 && sleepSeconds <= MAX_SLEEP_SECONDS)) {
      throw new UsageError("--sleep must be between 0 and " + (long) MAX_SLEEP_SECONDS + " seconds");
    }
    for (CrashIdInput.Entry entry : CrashIdInput.fromArguments(crashIds)) {
      if (entry instanceof CrashIdInput.Invalid invalid) {
        throw new UsageError(invalid.where() + ": " + invalid.reason());
      }
    }
    // Before stdin is read: a run that cannot send should not take its input first.
    if (yes && !hasToken()) {
      throw new UsageError("reprocessing needs an API token with the reprocess permission in $SOCORRO_API_TOKEN or $CRASHSTATS_API_TOKEN");
    }
  }

  private boolean hasToken() throws UsageError {
    try {
      return ApiToken.fromEnvironment(context.env()).isPresent();
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException, UsageError {
    return reprocess();
  }

  private int reprocess() throws UsageError, IOException, InterruptedException {
    if (crashIds.isEmpty() && context.inIsTerminal()) {
      context.err().println("reprocess: reading crash IDs from stdin; Ctrl-D to end");
    }
    List<CrashIdInput.Entry> entries =
        crashIds.isEmpty()
            ? CrashIdInput.fromLines(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
            : CrashIdInput.fromArguments(crashIds);
    Set<CrashId> unique = new LinkedHashSet<>();
    List<CrashIdInput.Invalid> invalid = new ArrayList<>();
    int duplicates = 0;
    for (CrashIdInput.Entry entry : entries) {
      if (entry instanceof CrashIdInput.Valid valid) {
        duplicates += unique.add(valid.id()) ? 0 : 1;
      } else {
        invalid.add((CrashIdInput.Invalid) entry);
      }
    }
    for (CrashIdInput.Invalid entry : invalid) {
      context.err().println("reprocess: invalid input, " + entry.where() + ": " + entry.reason() + " (not sent)");
    }
    if (unique.isEmpty()) {
      // An empty list is what a diff that moved nothing pipes in: nothing to do, not a mistake.
      context.err().println("reprocess: no crash IDs to send; nothing sent");
      return invalid.isEmpty() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
    }
    if (unique.size() > Reprocessing.MANY && !allowMany) {
      throw new UsageError(
          unique.size() + " crashes is more than " + Reprocessing.MANY
              + ": tell the Socorro team on #crashreporting first, then add --allow-many (and a --sleep the processors can keep up with)");
    }
    List<CrashId> ids = List.copyOf(unique);
    int batches = Reprocessing.batches(ids.size());
    Duration pause = Duration.ofMillis((long) (sleepSeconds * 1000));
    String url = api.url().newBuilder().addPathSegment("Reprocessing").addPathSegment("").build().toString();
    String plan = ids.size() + " crash" + (ids.size() == 1 ? "" : "es") + " in " + batches + " batch" + (batches == 1 ? "" : "es")
        + " of up to " + Reprocessing.BATCH_SIZE + " to " + TerminalText.clean(url) + ", " + sleepSeconds + " s between batches"
        + (duplicates > 0 ? " (" + duplicates + (duplicates == 1 ? " repeated ID dropped)" : " repeated IDs dropped)") : "");
    boolean hasToken = hasToken();
    if (!yes) {
      if (hasToken) {
        // What --yes would refuse (the token to a plain-HTTP host) the dry run refuses too.
        api.client(context, 1, CrashStatsClient.DEFAULT_MAX_CRASH_BYTES, "reprocess").close();
      }
      ids.forEach(id -> context.out().println(id));
      context.out().flush();
      context.err().println("reprocess: dry run: would send " + plan + "; nothing sent, add --yes to send"
          + (hasToken ? "" : " (and set an API token)"));
      return invalid.isEmpty() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
    }
    Reprocessing.Outcome outcome;
    try (CrashStatsClient client = api.client(context, 1, CrashStatsClient.DEFAULT_MAX_CRASH_BYTES, "reprocess")) {
      context.err().println("reprocess: sending " + plan);
      context.err().flush();
      outcome = new Reprocessing(client).send(ids, pause, context.interruption().watch(), (batch, of, sent) -> {
        context.err().println("reprocess: batch " + batch + " of " + of + " (" + sent.size() + " crashes, ending with " + sent.get(sent.size() - 1) + ")");
        context.err().flush();
      });
    }
    printSummary(ids.size(), outcome, invalid.size());
    if ("interrupted".equals(outcome.stopped())) {
      return ExitCodes.INTERRUPTED;
    }
    return outcome.failed().isEmpty() && outcome.notSent().isEmpty() && invalid.isEmpty() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
  }

  /** Every ID once: sent, failed (may have been queued) or not sent. */
  private void printSummary(int total, Reprocessing.Outcome outcome, int invalid) {
    context.err().printf(
        "reprocess: %d crashes: %d sent, %d failed, %d not sent%s%n",
        total, outcome.sent().size(), outcome.failed().size(), outcome.notSent().size(), invalid > 0 ? ", " + invalid + (invalid == 1 ? " invalid input" : " invalid inputs") : "");
    for (String problem : outcome.problems()) {
      context.err().println("  " + TerminalText.clean(problem));
    }
    if (outcome.stopped() != null) {
      context.err().println("  stopped: " + TerminalText.clean(outcome.stopped()) + "; the crashes not sent are listed below, to send them later");
    }
    outcome.failed().forEach(id -> context.err().println("  failed (may have been queued): " + id));
    outcome.notSent().forEach(id -> context.err().println("  not sent: " + id));
    context.err().flush();
  }
}
