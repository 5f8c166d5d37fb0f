package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.Fixtures;
import org.siggendiff.testing.SharedData;

/** Usage errors, hints, help, completion and exit statuses of the command line as a whole. */
@Timeout(30)
class CliUsageTest {
  private static final String CRASH_ID = CrashIds.text(1);
  private final String siglists = Fixtures.resource("siglists/basic").toString();
  @TempDir Path cache;

  private record Run(int status, String out, String err) {}

  private static Run run(InputStream in, boolean inIsTerminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, in, new PrintWriter(out), new PrintWriter(err), Map.of(), inIsTerminal, false);
    return new Run(status, out.toString(), err.toString());
  }

  /** The diff, offline over local siglists, so that only the arguments under test can go wrong. */
  private Run diff(String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--baseline", siglists, "--candidate", siglists, "--offline", "--cache-dir", cache.toString()));
    all.addAll(List.of(args));
    return run(InputStream.nullInputStream(), false, all.toArray(String[]::new));
  }

  private Run fetchOffline(String... args) {
    List<String> all = new ArrayList<>(List.of("fetch", "--offline", "--cache-dir", cache.toString()));
    all.addAll(List.of(args));
    return run(InputStream.nullInputStream(), false, all.toArray(String[]::new));
  }

  private static void assertOneLine(Run run, String expected) {
    assertEquals(2, run.status(), run.err());
    assertEquals(expected + "\n", run.err());
  }

  /** A stream that fails as a broken pipe or device might, with text that must not reach the terminal raw. */
  private static InputStream failing(Supplier<? extends Throwable> failure) {
    return new InputStream() {
      @Override
      public int read() {
        throw sneaky(failure.get());
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  // Item 10: exit status 1 means only "signatures differ" / "a line failed".

  @Test
  void anUnexpectedExceptionIsOneInternalErrorLineAndExitsThree() {
    Run run = run(failing(() -> new IllegalStateException("device gone \u001b[2J")), false, "fetch", "--offline");
    assertEquals(3, run.status(), run.err());
    assertEquals(
        "siggen-diff: internal error: java.lang.IllegalStateException: device gone \\x1b[2J (please report)\n", run.err());
  }

  @Test
  void anUnexpectedErrorIsReportedTooInsteadOfEscaping() {
    Run run = run(failing(() -> new StackOverflowError("deep")), false, "signify", "--signature-list-dir",
        Fixtures.resource("siglists/basic").toString());
    assertEquals(3, run.status(), run.err());
    assertEquals("siggen-diff: internal error: java.lang.StackOverflowError: deep (please report)\n", run.err());
  }

  /** Stdin is read as it comes, so what could not be read is an input that failed, listed as such. */
  @Test
  void aReadFailureOnStdinIsAnInvalidInputNotExitOne() {
    Run run = run(failing(() -> new IOException("unreadable")), false, "fetch", "--offline");
    assertEquals(3, run.status(), run.err());
    assertEquals("fetch: 1 input: 0 fetched, 0 already cached, 1 invalid\n"
        + "  invalid input, stdin: could not be read to its end: unreadable\n", run.err());
  }

  // Item 11: numeric options are bounded, with one line and exit status 2.

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--jobs|1000000000|siggen-diff: --jobs must be between 1 and 256, not 1000000000",
    "--jobs|257|siggen-diff: --jobs must be between 1 and 256, not 257",
    "--rate|20000|siggen-diff: --rate must be between 0 and 10000, not 20000",
    "--retries|21|siggen-diff: --retries must be between 0 and 20, not 21",
    "--retry-delay|60001|siggen-diff: --retry-delay must be between 0 and 60000, not 60001",
    "--timeout|0.0004|siggen-diff: --timeout must be between 0.001 and 3600 seconds",
    "--timeout|3601|siggen-diff: --timeout must be between 0.001 and 3600 seconds",
    "--timeout|Infinity|siggen-diff: --timeout must be between 0.001 and 3600 seconds",
  })
  void theDiffRejectsOutOfRangeNumbersBeforeRunning(String option, String value, String message) {
    assertOneLine(diff(option, value, CRASH_ID), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--jobs|1000000|fetch: --jobs must be between 1 and 256, not 1000000",
    "--retries|-1|fetch: --retries must be between 0 and 20, not -1",
    "--timeout|0|fetch: --timeout must be between 0.001 and 3600 seconds",
    "--timeout|NaN|fetch: --timeout must be between 0.001 and 3600 seconds",
  })
  void fetchRejectsOutOfRangeNumbersEvenOffline(String option, String value, String message) {
    assertOneLine(fetchOffline(option, value, CRASH_ID), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--days|0|crashids: --days must be between 1 and 365",
    "--sample|0|crashids: --sample must be between 1 and 10000",
    "--rate|-5|crashids: --rate must be between 0 and 10000, not -5",
  })
  void crashidsRejectsOutOfRangeNumbers(String option, String value, String message) {
    assertOneLine(run(InputStream.nullInputStream(), false, "crashids", option, value), message);
  }

  @Test
  void aNumberTooBigForItsTypeIsOneLine() {
    Run run = diff("--jobs", "99999999999", CRASH_ID);
    assertEquals(2, run.status());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("siggen-diff: invalid value for option '--jobs'"), run.err());
  }

  @Test
  void aTimeoutOfOneMillisecondIsAccepted() {
    Run run = fetchOffline("--timeout", "0.001", CRASH_ID);
    assertEquals(3, run.status(), run.err());
    assertTrue(run.err().contains("not in the cache (offline)"), run.err());
  }

  // Item 18: unknown commands, help, and bad crash ID arguments.

  @Test
  void aMistypedCommandIsAnUnknownCommandWithASuggestion() {
    assertOneLine(diff("fetchh"), "siggen-diff: unknown command 'fetchh' (did you mean fetch?)");
    assertOneLine(diff("crashid"), "siggen-diff: unknown command 'crashid' (did you mean crashids?)");
    assertOneLine(diff("signfy"), "siggen-diff: unknown command 'signfy' (did you mean signify?)");
    assertOneLine(run(InputStream.nullInputStream(), false, "help", "fetchh"), "siggen-diff: unknown command 'fetchh' (did you mean fetch?)");
  }

  @Test
  void anUnknownWordAfterHelpIsNotCalledACrashId() {
    String help = run(InputStream.nullInputStream(), false, "help", "nosuch").err();
    assertTrue(help.startsWith("siggen-diff: unknown command 'nosuch'; commands: "), help);
    String diff = diff("nosuch").err();
    assertTrue(diff.startsWith("siggen-diff: unknown command 'nosuch' and not a crash ID; commands: "), diff);
  }

  @Test
  void aMistypedCommandWithItsOptionsIsStillAnUnknownCommand() {
    // The options are signify's, which the diff does not know; the typo is the error to name.
    assertOneLine(run(InputStream.nullInputStream(), false, "signfy", "--jsonl", "--signature-list-dir", siglists),
        "siggen-diff: unknown command 'signfy' (did you mean signify?)");
    assertOneLine(run(InputStream.nullInputStream(), false, "fecth", "--offline", "--cache-dir", cache.toString()),
        "siggen-diff: unknown command 'fecth' (did you mean fetch?)");
  }

  @Test
  void aWordFarFromEveryCommandListsTheCommands() {
    assertOneLine(
        diff(CRASH_ID, "report"),
        "siggen-diff: unknown command 'report' and not a crash ID; commands: signify, fetch, crashids, explain, reprocess, history, serve, help, completion");
  }

  @Test
  void anInvalidCrashIdArgumentIsAUsageErrorWithItsPositionOnce() {
    assertOneLine(diff(CRASH_ID, "abc123"), "siggen-diff: argument 2: not a crash ID: 'abc123'");
    assertOneLine(fetchOffline(CRASH_ID, "bp-123"), "fetch: argument 2: not a crash ID: 'bp-123'");
  }

  @Test
  void aCorpusLineGivenAsACrashIdPointsToExplain() {
    assertOneLine(diff("corpora/demo/processed-crashes.jsonl:3"), "siggen-diff: argument 1: not a crash ID: 'corpora/demo/processed-crashes.jsonl:3'"
        + " (one crash of a corpus file is explained with siggen-diff explain corpora/demo/processed-crashes.jsonl:3; a file is read with --corpus)");
  }

  @Test
  void aFolderGivenAsACrashIdPointsToCorpus() {
    assertOneLine(diff("corpora/demo"), "siggen-diff: argument 1: not a crash ID: 'corpora/demo' (a file or folder of crashes is read with --corpus corpora/demo)");
  }

  @Test
  void argumentTextInAUsageErrorIsEscaped() {
    Run run = diff("12\u001b[2J");
    assertEquals(2, run.status());
    assertFalse(run.err().contains("\u001b"), run.err());
  }

  @Test
  void helpCommandPrintsTheNamedCommandsUsage() {
    Run run = run(InputStream.nullInputStream(), false, "help", "fetch");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("Usage: siggen-diff fetch"), run.out());
    Run top = run(InputStream.nullInputStream(), false, "help");
    assertEquals(0, top.status(), top.err());
    assertTrue(top.out().contains("completion"), top.out());
  }

  // Item 19: options brought from Socorro and crashstats-tools.

  @Test
  void verboseIsAcceptedAsV() {
    Run run = diff("--verbose", "--format", "jsonl", CRASH_ID);
    assertEquals(3, run.status(), run.err());
    assertTrue(run.out().contains("\"status\":\"error\""), run.out());
  }

  @Test
  void signatureListDirOnTheDiffPointsToBaselineAndCandidate() {
    assertOneLine(
        diff("--signature-list-dir", siglists, CRASH_ID),
        "siggen-diff: unknown option '--signature-list-dir': the diff takes --baseline SOURCE and --candidate SOURCE,"
            + " where a siglist folder is a source (--signature-list-dir is signify's)");
  }

  @Test
  void hostPointsToApiUrl() {
    String hint = "unknown option '--host': use --api-url URL, such as https://crash-stats.mozilla.org/api";
    assertOneLine(fetchOffline("--host", "https://crash-stats.mozilla.org", CRASH_ID), "fetch: " + hint);
    assertOneLine(diff("--host=https://crash-stats.mozilla.org", CRASH_ID), "siggen-diff: " + hint);
  }

  @Test
  void otherUnknownOptionsStayPlain() {
    assertOneLine(fetchOffline("--bogus"), "fetch: unknown option: '--bogus' (see --help)");
  }

  // Item 22: fetch does not wait silently on a terminal.

  @Test
  void fetchOnATerminalWithoutIdsSaysItReadsStdin() {
    Run run = run(
        new ByteArrayInputStream((CRASH_ID + "\n").getBytes()), true, "fetch", "--offline", "--cache-dir", cache.toString());
    assertTrue(run.err().startsWith("fetch: reading crash IDs from stdin; Ctrl-D to end\n"), run.err());
    Run piped = run(
        new ByteArrayInputStream((CRASH_ID + "\n").getBytes()), false, "fetch", "--offline", "--cache-dir", cache.toString());
    assertFalse(piped.err().contains("Ctrl-D"), piped.err());
  }

  // Item 23: completion and --version.

  @Test
  void completionPrintsABashAndZshScriptForEveryCommandAndOption() {
    Run run = run(InputStream.nullInputStream(), false, "completion");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("complete -F _complete_siggen-diff"), run.out());
    assertTrue(run.out().contains("bashcompinit"), "works in zsh too");
    for (String word : new String[] {"fetch", "crashids", "signify", "--baseline", "--candidate", "--siglists"}) {
      assertTrue(run.out().contains(word), word);
    }
  }

  @Test
  void daysWithoutImpactIsAUsageErrorNotSilentlyIgnored() {
    Run run = diff("--days", "30", CRASH_ID);
    assertEquals(2, run.status(), run.err());
    assertEquals("siggen-diff: --days is only used with --impact\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void anApiUrlWithAQueryOrAUserIsRefused() {
    for (String url : List.of("http://127.0.0.1:1/api?x=1", "http://user:pw@127.0.0.1:1/api", "https://example.org/api#top")) {
      assertOneLine(diff("--api-url", url, CRASH_ID),
          "siggen-diff: --api-url must be the API's base URL, without a user, password, query or fragment: " + url);
    }
  }

  @Test
  void anEmptyFormatIsShownQuoted() {
    assertOneLine(diff("--format=", CRASH_ID), "siggen-diff: --format must be text, csv, markdown, jsonl, ids or html, not ''");
  }

  @Test
  void anArgumentTheCompletionCommandDoesNotTakeIsRefusedNotIgnored() {
    assertOneLine(run(InputStream.nullInputStream(), false, "completion", "extra"), "completion: unexpected argument 'extra' (see --help)");
    assertOneLine(run(InputStream.nullInputStream(), false, "completion", "--bogus"), "completion: unknown option: '--bogus' (see --help)");
    Run script = run(InputStream.nullInputStream(), false, "completion");
    assertEquals(0, script.status(), script.err());
    assertTrue(script.out().startsWith("#!/usr/bin/env bash"), script.out());
  }

  @Test
  void aSecondDocumentForSignifyIsAnUnexpectedArgumentPointingToJsonLines() {
    assertOneLine(run(InputStream.nullInputStream(), false, "signify", "--signature-list-dir", siglists, "a.json", "b.json"),
        "signify: unexpected argument 'b.json'; signify reads one document, and --jsonl many, one a line (see --help)");
  }

  @Test
  void anOptionTheFormatDoesNotUseIsAUsageErrorNotSilentlyIgnored() {
    assertOneLine(diff("--format", "jsonl", "--max-chars", "6000", CRASH_ID), "siggen-diff: --max-chars is only used with --format markdown");
    assertOneLine(diff("--format", "text", "--csv-raw", CRASH_ID), "siggen-diff: --csv-raw is only used with --format csv");
    assertOneLine(diff("--format", "ids", "-v", CRASH_ID), "siggen-diff: -v is only used with --format text, csv, markdown or jsonl");
    assertOneLine(diff("--format", "html", "--verbose", CRASH_ID), "siggen-diff: -v is only used with --format text, csv, markdown or jsonl");
    assertOneLine(diff("--format", "csv", "--report-url", "https://example.org/", CRASH_ID),
        "siggen-diff: --report-url is only used with --format markdown or html");
  }

  @Test
  void aGitHubApiUrlThatIsNoUrlIsAUsageErrorBeforeAnythingRuns() {
    // The default is parsed only when GitHub is read; one given is checked at once.
    Run run = run(InputStream.nullInputStream(), false,
        "signify", "--github-api-url", "api.github.com", "--signature-list-dir", "no-such-folder");
    assertEquals(2, run.status(), run.err());
    assertEquals("signify: --github-api-url is not an http(s) URL\n", run.err());
  }

  @Test
  void anApiUrlThatIsNoUrlIsAUsageErrorBeforeAnythingRuns() {
    for (String url : new String[] {"crash-stats.mozilla.org/api", "http://127.0.0.1:99999/api"}) {
      Run run = run(InputStream.nullInputStream(), false, "fetch", "--api-url", url, "--offline");
      assertEquals(2, run.status(), run.err());
      assertEquals("fetch: --api-url is not a valid http(s) URL (a scheme, a host, a port up to 65535): " + url + "\n", run.err());
    }
  }

  @Test
  void theCompletionCommandsUsageNamesItAsItIsTyped() {
    for (String[] args : new String[][] {{"help", "completion"}, {"completion", "--help"}}) {
      Run run = run(InputStream.nullInputStream(), false, args);
      assertEquals(0, run.status(), run.err());
      assertTrue(run.out().startsWith("Usage: siggen-diff completion"), run.out());
      assertFalse(run.out().contains("generate-completion"), run.out());
    }
  }

  @Test
  void versionNamesTheSocorroCommitTheRulesFollowAfterAnyCommand() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"--version"});
    // help has no --version; crashids --version is Crash Stats' product version filter.
    Main.commandNames().stream()
        .filter(name -> !List.of("help", "crashids").contains(name))
        .forEach(name -> lines.add(new String[] {name, "--version"}));
    for (String[] args : lines) {
      Run run = run(InputStream.nullInputStream(), false, args);
      assertEquals(0, run.status(), String.join(" ", args) + ": " + run.err());
      assertTrue(run.out().startsWith("siggen-diff "), String.join(" ", args) + ": " + run.out());
      assertTrue(run.out().contains("signature rules: Socorro " + VersionProvider.SOCORRO_COMMIT), run.out());
    }
  }

  @Test
  void theSocorroCommitIsTheNewestInTheSharedManifest() throws IOException {
    Path manifest = SharedData.root().resolve("socorro-siglists").resolve("MANIFEST.tsv");
    String[] newest = Files.readAllLines(manifest).stream()
        .skip(1)
        .map(line -> line.split("\t"))
        .max(Comparator.comparing((String[] fields) -> java.time.OffsetDateTime.parse(fields[3]).toInstant()))
        .orElseThrow();
    assertEquals(newest[1], VersionProvider.SOCORRO_COMMIT);
    assertEquals(newest[3].substring(0, 10), VersionProvider.SOCORRO_COMMIT_DATE);
  }
}
