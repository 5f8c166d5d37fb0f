package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.ProcessedCrashes.copyOf;
import static org.siggendiff.testing.ProcessedCrashes.processed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.Fixtures;
import org.siggendiff.testing.SuperSearchStub;

/** The Markdown and HTML reports from the command line: the demo, --output, --report-url, --max-chars, the impact. */
@Timeout(120)
class ReportCommandTest {
  @RegisterExtension static WireMockExtension server = CrashStatsStub.server();
  private static final String[] DEMO = {"--corpus", "corpora/demo", "--baseline", "siglists/demo/baseline",
      "--candidate", "siglists/demo/candidate", "--different-only", "--offline"};
  private static final List<String> DEMO_LINES = List.of(
      "+ irrelevant_signature_re.txt:16 mozilla::dom::ReportError", "+ irrelevant_signature_re.txt:17 webrtc::webrtc_checks_impl::.*",
      "+ prefix_signature_re.txt:8 mozilla::ipc::MessageChannel::Send", "+ prefix_signature_re.txt:9 std::sync::.*");

  @TempDir Path folder;
  private Path baseline;
  private Path candidate;

  @BeforeEach
  void siglists() throws IOException {
    baseline = copyOf(Fixtures.resource("siglists/basic"), folder.resolve("baseline"));
    candidate = copyOf(Fixtures.resource("siglists/basic"), folder.resolve("candidate"));
    Files.writeString(candidate.resolve("irrelevant_signature_re.txt"), "Bar::Baz\n", StandardOpenOption.APPEND);
  }

  @Test
  void theDemoAsHtmlIsOneFileShowingTheFourSiglistLinesWithTheCrashesTheyMoved() throws IOException {
    Path report = folder.resolve("report.html");
    CliRunner.Outcome outcome = demo("--format", "html", "--output", report.toString());

    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("", outcome.out(), "the report went to the file");
    assertTrue(outcome.err().contains("310 crashes read: 97 changed, 213 unchanged, 0 failed"), "stderr summary as before");
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(), files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".tmp")).toList(),
          "no temporary file left");
    }
    Document page = Jsoup.parse(Files.readString(report));
    List<Element> lines = page.select("#line-table tbody tr");
    assertEquals(DEMO_LINES, lines.stream().map(line -> line.child(0).text()).toList());
    assertEquals(List.of("27", "25", "24", "21"), lines.stream().map(line -> line.child(1).text()).toList());
    assertTrue(lines.stream().allMatch(line -> line.selectFirst("span.where").text().matches("\\+ \\w+\\.txt:\\d+")),
        "the sign and file:line kept together, on one line by the style");
    assertEquals("310 crashes read: 97 changed, 213 unchanged, 0 failed.", page.getElementById("counts").text());
    assertEquals(97, CrashJson.mapper().readTree(page.getElementById("crash-data").data()).size());
    assertEquals(97, CrashJson.mapper().readTree(page.getElementById("crash-data").data()).findValues("stack").size(),
        "every changed crash has its stack");
  }

  @Test
  void anOutputThatIsAFolderOrTheSummarysFileIsRefusedBeforeAnyCrashIsRead() throws IOException {
    CliRunner.Outcome folderOutput = demo("--format", "csv", "--output", folder.toString());
    assertEquals(2, folderOutput.status());
    assertEquals("siggen-diff: --output " + folder + " is a folder; name a file\n", folderOutput.err());

    Path same = folder.resolve("same.out");
    CliRunner.Outcome sameFile = demo("--format", "csv", "--output", same.toString(), "--summary", folder.resolve(".").resolve("same.out").toString());
    assertEquals(2, sameFile.status());
    assertEquals("siggen-diff: --output and --summary name the same file; the summary would replace the report\n", sameFile.err());
    assertFalse(Files.exists(same));
  }

  @Test
  void anOutputThatIsACorpusInputOrASiglistIsRefusedAndTheInputKept() throws IOException {
    Path corpus = Files.writeString(folder.resolve("crashes.jsonl"), "{\"uuid\": \"not read\"}\n");
    CliRunner.Outcome outcome = diff("--corpus", corpus.toString(), "--format", "jsonl", "--output", folder.resolve("./crashes.jsonl").toString());
    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("siggen-diff: --output " + folder.resolve("./crashes.jsonl")
        + " is also a --corpus input; writing it would replace the crashes being read\n", outcome.err());
    assertEquals("{\"uuid\": \"not read\"}\n", Files.readString(corpus));

    Path corpusFolder = Files.createDirectories(folder.resolve("week"));
    Path inFolder = Files.writeString(corpusFolder.resolve("crashes.jsonl"), "{\"uuid\": \"not read\"}\n");
    CliRunner.Outcome intoFolder = diff("--corpus", corpusFolder.toString(), "--output", inFolder.toString());
    assertEquals(2, intoFolder.status(), intoFolder.err());
    assertTrue(intoFolder.err().endsWith(" is also a --corpus input; writing it would replace the crashes being read\n"), intoFolder.err());
    assertEquals("{\"uuid\": \"not read\"}\n", Files.readString(inFolder));

    Path checkout = folder.resolve("socorro-checkout");
    Path lists = copyOf(candidate, checkout.resolve("socorro/signature/siglists"));
    CliRunner.Outcome intoCheckout = CliRunner.run("", Map.of(), "--baseline", baseline.toString(), "--candidate", checkout.toString(),
        "--corpus", corpus.toString(), "--output", lists.resolve("irrelevant_signature_re.txt").toString());
    assertEquals(2, intoCheckout.status(), intoCheckout.err());
    assertTrue(intoCheckout.err().endsWith(" is a siglist file of --candidate; writing it would replace the list\n"), intoCheckout.err());

    Path list = candidate.resolve("prefix_signature_re.txt");
    String lines = Files.readString(list);
    CliRunner.Outcome intoList = diff("--corpus", corpus.toString(), "--summary", list.toString());
    assertEquals(2, intoList.status(), intoList.err());
    assertEquals("siggen-diff: --summary " + list + " is a siglist file of --candidate; writing it would replace the list\n", intoList.err());
    assertEquals(lines, Files.readString(list));
  }

  @Test
  void theHtmlAndMarkdownLineTablesCountTheMovesTheyLeaveOutAlike() throws IOException {
    Path report = folder.resolve("report.html");
    assertEquals(0, demo("--format", "html", "--output", report.toString()).status());
    List<String> html = Jsoup.parse(Files.readString(report)).select("#line-table tbody tr").stream()
        .map(line -> line.child(2).text()).toList();
    var extensions = List.of(TablesExtension.create());
    List<String> markdown = Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(extensions).build()
            .render(Parser.builder().extensions(extensions).build().parse(demo("--format", "markdown").out())))
        .select("table").get(0).select("tbody tr").stream().map(line -> line.child(2).text()).toList();

    Pattern rest = Pattern.compile("and \\d+ more \\(\\d+ crash(es)?\\)");
    List<String> htmlRest = html.stream().map(rest::matcher).filter(Matcher::find).map(Matcher::group).toList();
    List<String> markdownRest = markdown.stream().map(rest::matcher).filter(Matcher::find).map(Matcher::group).toList();
    assertEquals(List.of("and 8 more (9 crashes)", "and 2 more (5 crashes)"), htmlRest, "two demo lines moved crashes more ways than are shown");
    assertEquals(markdownRest, htmlRest);
  }

  @Test
  void theDemoAsMarkdownHasTheFourLinesInItsTableAndFitsAComment() {
    CliRunner.Outcome outcome = demo("--format", "markdown");

    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().length() <= 65_000);
    var extensions = List.of(TablesExtension.create());
    Document page = Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(extensions).build()
        .render(Parser.builder().extensions(extensions).build().parse(outcome.out())));
    Element lines = page.select("table").get(0);
    assertEquals(DEMO_LINES, lines.select("tbody tr").stream().map(line -> line.child(0).text()).toList());
    assertEquals(List.of("line", "crashes moved", "moves (crashes: baseline \u2192 candidate)"),
        lines.select("thead th").stream().map(Element::text).toList());
    assertEquals(97, page.select("details table tbody tr").size(), "every changed crash fits");
  }

  @Test
  void reportLinksFollowTheApiHostOrReportUrlAndABadOneIsAUsageError() throws IOException {
    Path file = corpus(processed(CrashIds.text(1), "x", "Bar::Baz", "Foo::Qux"));
    String byApi = diff("--corpus", file.toString(), "--format", "markdown").out();
    assertTrue(byApi.contains("](http://127.0.0.1:" + server.getPort() + "/report/index/" + CrashIds.text(1) + ")"), byApi);
    String given = diff("--corpus", file.toString(), "--format", "markdown", "--report-url", "https://reports.example/r?id=").out();
    assertTrue(given.contains("](https://reports.example/r?id=" + CrashIds.text(1) + ")"), given);
    String html = diff("--corpus", file.toString(), "--format", "html", "--report-url", "https://reports.example/crash/").out();
    assertTrue(html.contains("\"link\":\"https://reports.example/crash/" + CrashIds.text(1) + "\""), "html to stdout when no --output");

    CliRunner.Outcome bad = diff("--corpus", file.toString(), "--report-url", "javascript:alert(1)");
    assertEquals(2, bad.status());
    assertEquals("siggen-diff: --report-url must be an http(s) URL\n", bad.err());
  }

  @Test
  void outputReplacesItsFileWholeAndAFolderThatCannotBeWrittenIsAUsageError() throws IOException {
    Path file = corpus(processed(CrashIds.text(1), "x", "Bar::Baz", "Foo::Qux"));
    Path rows = folder.resolve("rows.csv");
    Files.writeString(rows, "old");
    CliRunner.Outcome outcome = diff("--corpus", file.toString(), "--format", "csv", "--output", rows.toString());
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("", outcome.out());
    assertTrue(Files.readString(rows).startsWith("crashid,production,baseline,candidate,same,notes,cause\r\n" + CrashIds.text(1)));

    CliRunner.Outcome missing = diff("--corpus", file.toString(), "--output", folder.resolve("no/such/report.md").toString());
    assertEquals(2, missing.status());
    assertEquals("siggen-diff: cannot write --output " + folder.resolve("no/such/report.md") + ": no such folder\n", missing.err());
    CliRunner.Outcome small = diff("--corpus", file.toString(), "--format", "markdown", "--max-chars", "100");
    assertEquals(2, small.status());
    assertTrue(small.err().startsWith("siggen-diff: --max-chars must be"), small.err());
  }

  @Test
  void productionImpactIsASectionOfTheMarkdownAndHtmlReports() throws IOException {
    server.stubFor(SuperSearchStub.search().willReturn(okJson(SuperSearchStub.answer(List.of(), 41234, Map.of("Bar::Baz", 41234L)))));
    Path file = corpus(processed(CrashIds.text(1), "x", "Bar::Baz", "Foo::Qux"), processed(CrashIds.text(2), "x", "Other::Thing"));

    String markdown = diff("--corpus", file.toString(), "--format", "markdown", "--impact", "--days", "3").out();
    assertTrue(markdown.contains("#### Production impact\n"), markdown);
    assertTrue(markdown.contains("| Bar::Baz | 1 / 1 | 41234 |"), markdown);

    Path report = folder.resolve("report.html");
    CliRunner.Outcome html = diff("--corpus", file.toString(), "--format", "html", "--impact", "--days", "3", "--output", report.toString());
    assertEquals(0, html.status(), html.err());
    Document page = Jsoup.parse(Files.readString(report));
    assertEquals(List.of("Bar::Baz", "1", "1", "41234"), page.select("#impact-table tbody td").stream().map(Element::text).toList());
    assertEquals("41234", page.select("#line-table tbody tr").get(0).child(2).text(), "the line's impact in production");
  }

  private CliRunner.Outcome demo(String... args) {
    List<String> all = new ArrayList<>(List.of(DEMO));
    all.addAll(List.of("--cache-dir", folder.resolve("cache").toString()));
    all.addAll(List.of(args));
    return CliRunner.run("", Map.of(), all.toArray(String[]::new));
  }

  private CliRunner.Outcome diff(String... args) {
    List<String> all = new ArrayList<>(List.of("--baseline", baseline.toString(), "--candidate", candidate.toString(),
        "--cache-dir", folder.resolve("cache").toString(), "--api-url", CrashStatsStub.apiUrl(server), "--rate", "0", "--retries", "0"));
    all.addAll(List.of(args));
    return CliRunner.run("", Map.of(), all.toArray(String[]::new));
  }


  private Path corpus(ObjectNode... crashes) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ObjectNode crash : crashes) {
      lines.add(crash.toString());
    }
    return Files.write(folder.resolve("c.jsonl"), lines);
  }
}
