package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.report.ReportFixtures.BASELINE;
import static org.siggendiff.report.ReportFixtures.IMG;
import static org.siggendiff.report.ReportFixtures.MARKDOWN;
import static org.siggendiff.report.ReportFixtures.PRODUCTION;
import static org.siggendiff.report.ReportFixtures.SCRIPT;
import static org.siggendiff.report.ReportFixtures.changed;
import static org.siggendiff.report.ReportFixtures.options;
import static org.siggendiff.report.ReportFixtures.report;
import static org.siggendiff.report.ReportFixtures.same;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.testing.CrashIds;

/** The Markdown report, read back with a CommonMark parser with GitHub's tables and links from bare URLs. */
@Timeout(120)
class MarkdownReportTest {
  private static final List<Extension> GFM = List.of(TablesExtension.create(), AutolinkExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(GFM).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(GFM).build();

  @Test
  void aReportIsAHeadingNamingBothSourcesTheCountsTheTransitionsAndTheRowsInADetailsBlock() {
    List<DiffRow> rows = List.of(changed(1, "Bar::Baz", "Foo::Qux"), same(2, "Same::One"), changed(3, "Bar::Baz", "Foo::Qux"));
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), rows);
    Node document = PARSER.parse(markdown);

    Heading heading = (Heading) document.getFirstChild();
    assertEquals(3, heading.getLevel());
    String title = text(heading);
    assertTrue(title.contains("github:main (commit 0123456789abcdef0123456789abcdef01234567)"), title);
    assertTrue(title.contains("~/socorro@my-branch (commit fedcba9876543210fedcba9876543210fedcba98)"), title);
    assertTrue(text(document).contains("3 crashes read: 2 changed, 1 unchanged, 0 failed."), markdown);

    List<TableBlock> tables = nodes(document, TableBlock.class);
    assertEquals(2, tables.size(), markdown);
    assertEquals(List.of(List.of("crashes", "baseline", "candidate"), List.of("2", "Bar::Baz", "Foo::Qux")), cells(tables.get(0)));
    List<List<String>> crashes = cells(tables.get(1));
    assertEquals(List.of("crash", "production", "baseline", "candidate", "same", "cause"), crashes.get(0));
    assertEquals(List.of(CrashIds.text(2), "Same::One", "Same::One", "Same::One", "yes", ""), crashes.get(3), "changed crashes first");
    assertEquals("+ irrelevant_signature_re.txt:12 Bar::Baz  (frames: Bar::Baz)", crashes.get(1).get(5));
    assertEquals(4, crashes.size());
    List<HtmlBlock> html = nodes(document, HtmlBlock.class);
    assertTrue(html.get(0).getLiteral().startsWith("<details>\n<summary>3 crashes, changed first</summary>"), html.get(0).getLiteral());
    assertEquals("</details>", html.get(1).getLiteral().strip());
    List<String> links = nodes(document, Link.class).stream().map(Link::getDestination).toList();
    assertEquals(List.of(ReportLinks.CRASH_STATS + CrashIds.text(1), ReportLinks.CRASH_STATS + CrashIds.text(3),
        ReportLinks.CRASH_STATS + CrashIds.text(2)), links);
  }

  @Test
  void aCrashReadAgainIsOneRowAndTheCountsNameItAsRead2Times() {
    List<DiffRow> rows = List.of(changed(1, "Bar::Baz", "Foo::Qux"), same(2, "Same::One"), same(1, "Other::Reading"));
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), rows);
    Node document = PARSER.parse(markdown);

    assertTrue(text(document).contains("2 crashes read: 1 changed, 1 unchanged, 0 failed; 1 repeat left out."), markdown);
    assertTrue(text(document).contains("Read more than once, counted as first read: " + CrashIds.text(1)
            + " (2 times, not signed as first read; another reading: Other::Reading -> Other::Reading)."),
        markdown);
    assertTrue(text(document).contains("Warning: 1 crash read more than once was not signed the same way each time"), markdown);
    List<List<String>> crashes = cells(nodes(document, TableBlock.class).get(1));
    assertEquals(List.of(CrashIds.text(1), CrashIds.text(2)), crashes.subList(1, crashes.size()).stream().map(row -> row.get(0)).toList());
    assertEquals("Foo::Qux", crashes.get(1).get(3), "the first reading stands");
  }

  @Test
  void changedCrashesAfterManyUnchangedOnesAreShownFirstWhenTheReportIsCut() {
    List<DiffRow> rows = new ArrayList<>();
    for (int n = 1; n <= 5_000; n++) {
      rows.add(same(n, "Same::Signature"));
    }
    rows.add(changed(5_001, "Bar::Baz", "Foo::Qux"));
    rows.add(DiffRow.failed(CrashIds.text(5_002), true, "not found", "no such crash"));
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(false, 20_000), rows);

    List<TableBlock> tables = nodes(PARSER.parse(markdown), TableBlock.class);
    List<List<String>> crashes = cells(tables.get(tables.size() - 1));
    assertEquals(CrashIds.text(5_001), crashes.get(1).get(0), markdown);
    assertEquals(CrashIds.text(5_002), crashes.get(2).get(0), "then the failed");
    assertEquals(CrashIds.text(1), crashes.get(3).get(0), "then the unchanged, in input order");
    assertTrue(markdown.contains("**" + (crashes.size() - 1) + " of 5002 rows shown**"), markdown.substring(markdown.length() - 400));
    assertTrue(markdown.contains("<summary>5002 crashes, changed first, " + (crashes.size() - 1) + " shown</summary>"), markdown);
    assertTrue(markdown.contains(" left out (" + (5002 - (crashes.size() - 1)) + " unchanged) to stay within"), markdown);
  }

  @Test
  void theCutLineSaysHowManyChangedCrashesWereLeftOut() {
    List<DiffRow> rows = new ArrayList<>();
    for (int n = 1; n <= 3_000; n++) {
      rows.add(changed(n, "Bar::Baz", "Foo::Qux"));
    }
    rows.add(same(3_001, "Same::Signature"));
    rows.add(DiffRow.failed(CrashIds.text(3_002), true, "not found", "no such crash"));
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(false, 20_000), rows);

    List<TableBlock> tables = nodes(PARSER.parse(markdown), TableBlock.class);
    int shown = cells(tables.get(tables.size() - 1)).size() - 1;
    assertTrue(markdown.contains("**" + shown + " of 3002 rows shown**; " + (3002 - shown) + " left out (" + (3000 - shown)
        + " changed, 1 failed, 1 unchanged) to stay within"), markdown.substring(markdown.length() - 400));
  }

  @Test
  void oneCrashIsOneCrashInTheDetailsSummary() {
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), List.of(same(1, "A")));
    String changed = report(ReportFormat.MARKDOWN, BASELINE, options(true, ReportOptions.DEFAULT_MAX_CHARS), List.of(changed(1, "A", "B")));

    assertTrue(markdown.contains("<summary>1 crash</summary>"), markdown);
    assertTrue(changed.contains("<summary>1 changed crash</summary>"), changed);
  }

  @Test
  void columnsThatSayNothingAreLeftOut() {
    List<DiffRow> rows = List.of(changed(1, "Bar::Baz", "Foo::Qux"), same(2, "Same::One"));
    List<List<String>> differentOnly = cells(last(ReportFormat.MARKDOWN, BASELINE, options(true, ReportOptions.DEFAULT_MAX_CHARS), rows));
    assertEquals(List.of("crash", "production", "baseline", "candidate", "cause"), differentOnly.get(0));
    assertEquals(2, differentOnly.size(), "only the changed row");

    List<List<String>> production = cells(last(ReportFormat.MARKDOWN, PRODUCTION, options(false, ReportOptions.DEFAULT_MAX_CHARS), rows));
    assertEquals(List.of("crash", "baseline", "candidate", "same", "cause"), production.get(0), "production repeats the baseline");

    DiffRow noProduction = new DiffRow("corpus.jsonl line 1", false, null, "A", "A", List.of(), List.of(), List.of(), List.of(), null, null, null, null);
    List<List<String>> none = cells(last(ReportFormat.MARKDOWN, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), List.of(noProduction)));
    assertEquals(List.of("crash", "baseline", "candidate", "same"), none.get(0), "no production signature and no cause to show");
    assertEquals("corpus.jsonl line 1", none.get(1).get(0), "not a crash ID: not linked");
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 10_000, 60_000})
  void theReportStaysWithinTheLimitAndCountsTheRowsLeftOut(int count) {
    List<DiffRow> rows = IntStream.range(0, count)
        .mapToObj(i -> changed(i, "mozilla::dom::SomeLongClassName::SomeMethod | frame " + (i % 300), "Candidate::Frame" + (i % 977)))
        .toList();
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), rows);

    assertTrue(markdown.length() <= ReportOptions.DEFAULT_MAX_CHARS, count + " rows: " + markdown.length() + " characters");
    Node document = PARSER.parse(markdown);
    List<List<String>> table = cells(nodes(document, TableBlock.class).get(nodes(document, TableBlock.class).size() - 1));
    int shown = table.size() - 1;
    table.forEach(row -> assertEquals(table.get(0).size(), row.size(), "every row whole: " + row));
    assertTrue(markdown.contains("</details>"));
    if (count == 100) {
      assertEquals(100, shown);
      assertFalse(markdown.contains("rows shown"));
      return;
    }
    Matcher left = Pattern.compile("\\*\\*(\\d+) of (\\d+) rows shown\\*\\*; (\\d+) left out").matcher(markdown);
    assertTrue(left.find(), markdown.substring(markdown.length() - 600));
    assertEquals(shown, Integer.parseInt(left.group(1)));
    assertEquals(count, Integer.parseInt(left.group(2)));
    assertEquals(count - shown, Integer.parseInt(left.group(3)));
    assertTrue(shown > 100, "the rows fill the room the summary leaves: " + shown);
    assertTrue(markdown.length() > ReportOptions.DEFAULT_MAX_CHARS - 2_000, "cut near the limit, not far before it: " + markdown.length());
    assertTrue(markdown.contains("--format csv --output rows.csv"), "says how to get them all");
  }

  @Test
  void rowsPastTheLimitAreCountedNotKept() throws Exception {
    MarkdownRowWriter writer =
        new MarkdownRowWriter(new StringWriter(), BASELINE, ReportFixtures.CANDIDATE, options(false, ReportOptions.DEFAULT_MAX_CHARS));
    for (int i = 0; i < 100_000; i++) {
      writer.row(changed(i, "A::B" + i, "C::D"));
    }
    assertTrue(writer.keptRows() < 2_000, "kept " + writer.keptRows());
  }

  @Test
  void hugeSummariesAndLongTextStayWithinASmallLimit() {
    List<DiffRow> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      // Every row a transition of its own, each 1,000 characters of text that escaping doubles.
      rows.add(changed(i, "|".repeat(1_000) + i, "`".repeat(1_000) + i));
    }
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(true, ReportOptions.MIN_MAX_CHARS), rows);
    assertTrue(markdown.length() <= ReportOptions.MIN_MAX_CHARS, markdown.length() + " characters");
    assertTrue(markdown.contains("... (701 more characters)") || markdown.contains("... (702 more characters)")
        || markdown.contains("... (703 more characters)") || markdown.contains("... (704 more characters)"), markdown);
    assertTrue(markdown.contains("more (") && markdown.contains("rows shown"), markdown);
  }

  @Test
  void crashTextRendersAsTheLiteralTextItIsAndNeverAsMarkupMentionsOrLinks() {
    List<DiffRow> rows = List.of(changed(1, MARKDOWN, IMG), changed(2, SCRIPT, "x\u202ey"),
        changed(3, "https://evil.example/phish", "www.evil.example $x$ y"));
    String markdown = report(ReportFormat.MARKDOWN, BASELINE, options(true, ReportOptions.DEFAULT_MAX_CHARS), rows);
    String html = RENDERER.render(PARSER.parse(markdown));
    Document page = Jsoup.parseBodyFragment(html);

    assertTrue(page.select("img, script").isEmpty(), html);
    assertEquals(3, page.select("a").size(), "the three crash links only: " + page.select("a"));
    page.select("a").forEach(a -> assertTrue(a.attr("href").startsWith(ReportLinks.CRASH_STATS), a.toString()));
    Element row = page.select("details table tbody tr").get(0);
    assertEquals(MARKDOWN, row.child(2).text(), row.toString());
    assertEquals(IMG, row.child(3).text());
    assertEquals(SCRIPT, page.select("details table tbody tr").get(1).child(2).text());
    assertEquals("x\\u202ey", page.select("details table tbody tr").get(1).child(3).text(), "bidi override shown as an escape");
    Element third = page.select("details table tbody tr").get(2);
    assertEquals("https://evil.example/phish", third.child(2).text());
    assertEquals("www.evil.example $x$ y", third.child(3).text());
    // GitHub links mentions, references and URLs in rendered text: an empty comment splits each
    // one; its maths starts at a dollar, which is escaped.
    assertTrue(markdown.contains("@<!-- -->octocat #<!-- -->123"), markdown);
    assertTrue(markdown.contains("https:<!-- -->//evil.example/phish") && markdown.contains("www<!-- -->.evil.example \\$x\\$ y"),
        markdown);
  }

  private static TableBlock last(ReportFormat format, org.siggendiff.sources.ResolvedSiglists baseline, ReportOptions options, List<DiffRow> rows) {
    List<TableBlock> tables = nodes(PARSER.parse(report(format, baseline, options, rows)), TableBlock.class);
    return tables.get(tables.size() - 1);
  }

  /** Each row's cells as plain text (inline HTML such as the inert comments left out). */
  private static List<List<String>> cells(TableBlock table) {
    List<List<String>> rows = new ArrayList<>();
    for (TableRow row : nodes(table, TableRow.class)) {
      rows.add(nodes(row, TableCell.class).stream().map(MarkdownReportTest::text).toList());
    }
    return rows;
  }

  private static String text(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        sb.append(text.getLiteral());
      }

      @Override
      public void visit(org.commonmark.node.HtmlInline html) {
        if (html.getLiteral().equals("<br>")) {
          sb.append('\n');
        }
      }
    });
    return sb.toString();
  }

  private static <T extends Node> List<T> nodes(Node root, Class<T> type) {
    List<T> found = new ArrayList<>();
    collect(root, type, found);
    return found;
  }

  private static <T extends Node> void collect(Node node, Class<T> type, List<T> found) {
    if (type.isInstance(node)) {
      found.add(type.cast(node));
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      collect(child, type, found);
    }
  }

}
