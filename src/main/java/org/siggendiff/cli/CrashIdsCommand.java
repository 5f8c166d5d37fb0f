package org.siggendiff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import org.siggendiff.Version;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
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
          + " incomplete (the API failed or refused access)."
    })
final class CrashIdsCommand implements Callable<Integer> {
  private static final int MAX_DAYS = 365;
  private static final int DEFAULT_NUM = 100;
  /** Pages are fetched one after another; a sample searches this many signatures at once. */
  private static final int CONCURRENT_REQUESTS = 4;

  private final CliContext context;

  @Mixin ApiOptions api;

  // Not mixinStandardHelpOptions: --version is a Super Search filter here.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
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
      description = "how many of the newest crashes, at most 10000, or all (up to 10000) (default: " + DEFAULT_NUM + ")")
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
    int limit = limit();
    if (save != null) {
      if (!SavedCorpus.isValidName(save)) {
        throw new UsageError("--save takes a name of letters, digits, '.', '-' and '_', not starting with '.'");
      }
      if (Files.exists(corporaDir.resolve(save))) {
        throw new UsageError("corpus " + corporaDir.resolve(save) + " exists already: choose another name or remove it");
      }
    }
    Instant now = Instant.now();
    SuperSearchQuery query = query(now).bounded(now);
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

  private int limit() throws UsageError {
    if (sample != null) {
      if (num != null) {
        throw new UsageError("give --num or --sample, not both");
      }
      if (sample < 1 || sample > SuperSearch.MAX_RESULTS) {
        throw new UsageError("--sample must be between 1 and " + SuperSearch.MAX_RESULTS);
      }
      return sample;
    }
    if (num == null) {
      return DEFAULT_NUM;
    }
    if (num.equals("all")) {
      return SuperSearch.MAX_RESULTS;
    }
    try {
      int value = Integer.parseInt(num);
      if (value >= 1 && value <= SuperSearch.MAX_RESULTS) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted forms.
    }
    throw new UsageError(
        "--num must be between 1 and " + SuperSearch.MAX_RESULTS + ", or all (Super Search returns at most "
            + SuperSearch.MAX_RESULTS + " crashes of a query)");
  }

  /** The filters: the pasted URL's, then each option's field replaced by the options' values. */
  private SuperSearchQuery query(Instant now) throws UsageError {
    SuperSearchQuery query = SuperSearchQuery.empty();
    if (supersearchUrl != null) {
      try {
        query = SuperSearchQuery.fromUrl(supersearchUrl);
      } catch (IllegalArgumentException e) {
        throw new UsageError("--supersearch-url is " + e.getMessage());
      }
    }
    Map<String, List<String>> given = new LinkedHashMap<>();
    products.forEach(value -> add(given, "product", value));
    channels.forEach(value -> add(given, "release_channel", value));
    versions.forEach(value -> add(given, "version", value));
    platforms.forEach(value -> add(given, "platform", value));
    signatureContains.forEach(value -> add(given, "signature", "~" + value));
    signatureIs.forEach(value -> add(given, "signature", "=" + value));
    protoSignatureContains.forEach(value -> add(given, "proto_signature", "~" + value));
    for (String filter : filters) {
      int equals = filter.indexOf('=');
      String field = equals < 0 ? "" : filter.substring(0, equals);
      if (!SuperSearchQuery.isFieldName(field) || equals == filter.length() - 1) {
        throw new UsageError("--filter takes FIELD=VALUE with a Super Search field name, not " + TerminalText.clean(filter));
      }
      add(given, field, filter.substring(equals + 1));
    }
    List<String> window = window(now);
    if (!window.isEmpty()) {
      if (given.containsKey(SuperSearchQuery.DATE)) {
        throw new UsageError("give the window once: --days, --from/--to or --filter date=...");
      }
      given.put(SuperSearchQuery.DATE, window);
    }
    for (Map.Entry<String, List<String>> field : given.entrySet()) {
      query = query.replacing(field.getKey(), field.getValue());
    }
    return query;
  }

  private static void add(Map<String, List<String>> given, String field, String value) {
    given.computeIfAbsent(field, key -> new ArrayList<>()).add(value);
  }

  /** The date filters the window options give, checked against Super Search's limits. */
  private List<String> window(Instant now) throws UsageError {
    if (days != null) {
      if (from != null || to != null) {
        throw new UsageError("give --days or --from/--to, not both");
      }
      if (days < 1 || days > MAX_DAYS) {
        throw new UsageError("--days must be between 1 and " + MAX_DAYS);
      }
      return List.of(
          ">=" + SuperSearchQuery.formatDate(now.minus(Duration.ofDays(days))), "<" + SuperSearchQuery.formatDate(now));
    }
    if (from == null && to == null) {
      return List.of();
    }
    Instant end = to == null ? now : date("--to", to);
    Instant start = from == null ? end.minus(SuperSearchQuery.DEFAULT_WINDOW) : date("--from", from);
    if (!start.isBefore(end)) {
      throw new UsageError("--from must be before --to");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new UsageError("the window is longer than Super Search's " + MAX_DAYS + " days");
    }
    return List.of(">=" + SuperSearchQuery.formatDate(start), "<" + SuperSearchQuery.formatDate(end));
  }

  private static Instant date(String option, String text) throws UsageError {
    return SuperSearchQuery.parseDate(text)
        .orElseThrow(() -> new UsageError(option + " takes a date such as 2026-11-01 or 2026-11-01T12:00:00Z, not " + TerminalText.clean(text)));
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
          "crashids: " + outcome.found() + " crash IDs"
              + (sample != null ? " sampled over " + outcome.signatures() + " signatures" : ", the newest")
              + " of " + outcome.matched() + " matching crashes" + during);
    }
    if (sample == null && outcome.matched() > SuperSearch.MAX_RESULTS && limit == SuperSearch.MAX_RESULTS) {
      context.err().println(
          "crashids: the query matches " + outcome.matched() + " crashes, more than the " + SuperSearch.MAX_RESULTS
              + " Super Search returns for one query: narrow the window or the filters to reach the others");
    }
    if (outcome.duplicates() > 0) {
      context.err().println("crashids: " + outcome.duplicates() + " hits repeated an earlier page and were skipped");
    }
    if (outcome.invalid() > 0) {
      context.err().println(
          "crashids: " + outcome.invalid() + " hits were not crash IDs and were skipped: "
              + TerminalText.clean(String.join(", ", outcome.invalidExamples())));
    }
    if (outcome.problem().isPresent()) {
      SuperSearch.Problem problem = outcome.problem().get();
      context.err().println("crashids: " + TerminalText.clean(problem.message()));
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
    HttpUrl apiUrl = api.url();
    ObjectNode description = CrashJson.mapper().createObjectNode();
    description.put("saved_by", "siggen-diff " + Version.get());
    description.put("created", SuperSearchQuery.formatDate(now));
    description.put("api_url", apiUrl.toString());
    HttpUrl.Builder page = apiUrl.newBuilder().encodedPath("/search/");
    ObjectNode filters = description.putObject("filters");
    for (Map.Entry<String, List<String>> field : query.byField().entrySet()) {
      ArrayNode values = filters.putArray(field.getKey());
      field.getValue().forEach(value -> {
        values.add(value);
        page.addQueryParameter(field.getKey(), value);
      });
    }
    description.put("search_url", page.build().toString());
    SuperSearchQuery.Window window = query.window();
    description.putObject("window").put("from", window.from()).put("to", window.to());
    ObjectNode selection = description.putObject("selection");
    if (sample != null) {
      selection.put("sample", sample).put("signatures", outcome.signatures());
    } else {
      selection.put("newest", limit);
    }
    description.put("matched", outcome.matched());
    description.put("crash_ids", ids.size());
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
