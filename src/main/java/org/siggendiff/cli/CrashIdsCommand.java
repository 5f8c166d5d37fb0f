package org.siggendiff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.siggendiff.Version;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashSearch;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.crashstats.SuperSearch;
import org.siggendiff.crashstats.SuperSearchQuery;
import org.siggendiff.diff.SavedCorpus;
import org.siggendiff.report.Progress;
import org.siggendiff.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siggen-diff crashids}: crash IDs from a Super Search query, optionally saved as a corpus. */
@Command(
    name = "crashids",
    description = {
      "Prints the crash IDs a Super Search query matches, one per line, newest first, ready to"
          + " pipe into siggen-diff or siggen-diff fetch.",
      "Filters: the options below, --filter for any Super Search field, and --supersearch-url"
          + " for every filter of a search copied from the browser (an option for a field"
          + " replaces that field's values from the URL; values given for one field are ORed,"
          + " different fields ANDed). Values take Super Search's operators: ~ contains, = is,"
          + " ^ starts with, $ ends with, @ regex, ! not, >, >=, <, <=.",
      "The window defaults to the 7 days before now and is pinned when the search starts.",
      "Exit status: 0 done, 2 usage error or a query Super Search rejects, 3 the list is"
          + " incomplete (the API failed or refused access; --save saves nothing) or some hits were"
          + " not crash IDs (skipped; --save saves the others), 130 interrupted."
    })
final class CrashIdsCommand implements Callable<Integer> {
  /** Pages are fetched one after another; a sample searches this many signatures at once. */
  private static final int CONCURRENT_REQUESTS = 4;

  private final CliContext context;

  @Mixin ApiOptions api;

  // Not mixinStandardHelpOptions: --version is a Super Search filter here.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--product", paramLabel = "NAME", description = "product, such as Firefox; repeatable")
  List<String> products = new ArrayList<>();

  @Option(names = "--channel", paramLabel = "NAME", description = "release channel, such as nightly; repeatable")
  List<String> channels = new ArrayList<>();

  @Option(names = "--version", paramLabel = "VERSION", description = "product version; repeatable")
  List<String> versions = new ArrayList<>();

  @Option(names = "--platform", paramLabel = "NAME", description = "platform, such as Windows NT; repeatable")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--signature-contains", paramLabel = "TEXT", description = "signature contains TEXT; repeatable")
  List<String> signatureContains = new ArrayList<>();

  @Option(names = "--signature-is", paramLabel = "SIGNATURE", description = "signature is exactly SIGNATURE; repeatable")
  List<String> signatureIs = new ArrayList<>();

  @Option(names = "--proto-signature-contains", paramLabel = "TEXT",
      description = "proto signature contains TEXT; repeatable")
  List<String> protoSignatureContains = new ArrayList<>();

  @Option(names = "--days", paramLabel = "N", description = "the N days before now (1 to 365)")
  Integer days;

  @Option(names = "--from", paramLabel = "DATE", description = "window start, such as 2026-11-01 or 2026-11-01T12:00:00Z (UTC unless given)")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "window end, exclusive (default: now)")
  String to;

  @Option(names = "--num", paramLabel = "N|all",
      description = "how many of the newest crashes, at most 10000, or all (up to 10000) (default: " + CrashSearch.DEFAULT_NUM + ")")
  String num;

  @Option(names = "--sample", paramLabel = "N",
      description = "N crashes spread evenly over the distinct signatures matched, instead of the newest")
  Integer sample;

  @Option(names = "--filter", paramLabel = "FIELD=VALUE", description = "any Super Search filter; repeatable")
  List<String> filters = new ArrayList<>();

  @Option(names = "--supersearch-url", paramLabel = "URL", description = "take the filters of this Super Search URL")
  String supersearchUrl;

  @Option(names = "--save", paramLabel = "NAME",
      description = "also save the query and the IDs as the corpus CORPORA/NAME, for reruns with --corpus")
  String save;

  @Option(names = "--corpora-dir", paramLabel = "CORPORA", defaultValue = "corpora",
      description = "where --save puts corpora (default: ${DEFAULT-VALUE})")
  Path corporaDir;

  CrashIdsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException, UsageError {
    return search();
  }

  private int search() throws UsageError, InterruptedException {
    int limit;
    try {
      limit = CrashSearch.limit(num, sample);
    } catch (CrashSearch.BadRequest e) {
      throw new UsageError(e.getMessage());
    }
    if (save != null) {
      if (!SavedCorpus.isValidName(save)) {
        throw new UsageError("--save takes a name of letters, digits, '.', '-' and '_', not starting with '.'");
      }
      if (Files.exists(corporaDir.resolve(save))) {
        throw new UsageError("corpus " + corporaDir.resolve(save) + " exists already: choose another name or remove it");
      }
    }
    Instant now = Instant.now();
    SuperSearchQuery query;
    try {
      query = query(now);
    } catch (CrashSearch.BadRequest e) {
      throw new UsageError(e.getMessage());
    }
    List<CrashId> saved = new ArrayList<>();
    SuperSearch.Outcome outcome;
    try (CrashStatsClient client = api.client(context, CONCURRENT_REQUESTS, CrashStatsClient.DEFAULT_MAX_CRASH_BYTES, "crashids")) {
      Printer printer = new Printer(saved);
      SuperSearch search = new SuperSearch(client);
      outcome = sample != null ? search.sample(query, sample, printer) : search.newest(query, limit, printer);
      printer.finish();
    }
    return report(query, outcome, saved, limit, now);
  }

  /** The query the options ask for, bounded to a window pinned at {@code now}. */
  private SuperSearchQuery query(Instant now) throws CrashSearch.BadRequest {
    CrashSearch.Filters given = new CrashSearch.Filters(products, channels, versions, platforms, signatureContains,
        signatureIs, protoSignatureContains, filters, supersearchUrl);
    return CrashSearch.query(given, new CrashSearch.Window(days, from, to), now, TerminalText::clean);
  }

  /** Prints crash IDs as they come, with progress on stderr once the total is known. */
  private final class Printer implements SuperSearch.Listener {
    private final List<CrashId> saved;
    private Progress progress;

    Printer(List<CrashId> saved) {
      this.saved = saved;
    }

    @Override
    public void planned(long matched, int planned) {
      progress = new Progress(context.err(), "crashids", planned, context.errIsTerminal());
    }

    @Override
    public void found(CrashId id) {
      context.out().println(id.value());
      if (save != null) {
        saved.add(id);
      }
      progress.advance();
    }

    void finish() {
      context.out().flush();
      if (progress != null) {
        progress.finish();
      }
    }
  }

  private int report(SuperSearchQuery query, SuperSearch.Outcome outcome, List<CrashId> ids, int limit, Instant now)
      throws UsageError {
    SuperSearchQuery.Window window = query.window();
    String during = " from " + TerminalText.clean(window.from()) + " to " + TerminalText.clean(window.to());
    if (outcome.matched() >= 0) {
      context.err().println(
          "crashids: " + outcome.found() + (outcome.found() == 1 ? " crash ID" : " crash IDs")
              + (sample != null ? " sampled over " + outcome.signatures() + (outcome.signatures() == 1 ? " signature" : " signatures")
                  : ", the newest")
              + " of " + outcome.matched() + (outcome.matched() == 1 ? " matching crash" : " matching crashes") + during);
    }
    if (sample == null && outcome.matched() > SuperSearch.MAX_RESULTS && limit == SuperSearch.MAX_RESULTS) {
      context.err().println(
          "crashids: the query matches " + outcome.matched() + " crashes, more than the " + SuperSearch.MAX_RESULTS
              + " Super Search returns for one query: narrow the window or the filters to reach the others");
    }
    if (outcome.duplicates() > 0) {
      context.err().println("crashids: " + outcome.duplicates()
          + (outcome.duplicates() == 1 ? " hit repeated an earlier page and was skipped" : " hits repeated an earlier page and were skipped"));
    }
    if (outcome.invalid() > 0) {
      context.err().println(
          "crashids: " + outcome.invalid() + (outcome.invalid() == 1 ? " hit was not a crash ID and was skipped: " : " hits were not crash IDs and were skipped: ")
              + TerminalText.clean(String.join(", ", outcome.invalidExamples())));
    }
    if (outcome.problem().isPresent()) {
      SuperSearch.Problem problem = outcome.problem().get();
      if (problem.kind() != SuperSearch.Problem.Kind.STOPPED) {
        context.err().println("crashids: " + TerminalText.clean(problem.message()));
      }
      if (problem.kind() == SuperSearch.Problem.Kind.REJECTED && outcome.found() == 0) {
        return ExitCodes.USAGE;
      }
      context.err().println(
          "crashids: the list is incomplete (" + outcome.found() + " crash IDs)" + (save != null ? "; not saved" : ""));
      return ExitCodes.UNPROCESSED;
    }
    if (save != null) {
      saveCorpus(query, outcome, ids, limit, now);
    }
    return outcome.invalid() > 0 ? ExitCodes.UNPROCESSED : ExitCodes.OK;
  }

  private void saveCorpus(SuperSearchQuery query, SuperSearch.Outcome outcome, List<CrashId> ids, int limit, Instant now)
      throws UsageError {
    ObjectNode description = CrashSearch.savedQuery(
        "siggen-diff " + Version.get(), api.url(), query, outcome, sample, limit, ids.size(), now);
    try {
      Path folder = SavedCorpus.write(corporaDir, save, description, ids);
      context.err().println("crashids: saved the query and " + ids.size() + " crash IDs to " + folder
          + "; rerun on them with: siggen-diff --corpus " + folder);
    } catch (FileAlreadyExistsException e) {
      throw new UsageError("corpus " + corporaDir.resolve(save) + " exists already: choose another name or remove it");
    } catch (IOException e) {
      throw new UsageError("could not save the corpus to " + corporaDir.resolve(save) + ": " + e.getMessage());
    }
  }
}
