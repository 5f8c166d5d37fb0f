package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.report.ReportFixtures.BASELINE;
import static org.siggendiff.report.ReportFixtures.IMG;
import static org.siggendiff.report.ReportFixtures.NETWORK;
import static org.siggendiff.report.ReportFixtures.SCRIPT;
import static org.siggendiff.report.ReportFixtures.changed;
import static org.siggendiff.report.ReportFixtures.explained;
import static org.siggendiff.report.ReportFixtures.options;
import static org.siggendiff.report.ReportFixtures.report;
import static org.siggendiff.report.ReportFixtures.same;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.testing.CrashIds;

/** The HTML report read back with an HTML5 parser: structure, policy, and crash text only ever as text. */
class HtmlReportTest {
  private static final List<DiffRow> HOSTILE = List.of(
      explained(1, IMG, SCRIPT), changed(2, NETWORK, "Foo::Qux"), same(3, "Same::One"), changed(4, "Bar::Baz", "Foo::Qux"));

  @Test
  void thePageIsSelfContainedAndItsPolicyAllowsOnlyItsOwnScriptAndStyleAndNoNetwork() {
    String html = report(ReportFormat.HTML, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), HOSTILE);
    Document page = Jsoup.parse(html);

    String policy = page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
    Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9_-]{20,})'").matcher(policy);
    assertTrue(nonce.find(), policy);
    assertTrue(policy.startsWith("default-src 'none';"), policy);
    assertTrue(policy.contains("style-src 'nonce-" + nonce.group(1) + "'") && policy.contains("connect-src 'none'")
        && policy.contains("img-src 'none'") && policy.contains("base-uri 'none'") && policy.contains("form-action 'none'"), policy);
    List<Element> scripts = page.select("script");
    assertEquals(4, scripts.size());
    List<Element> code = scripts.stream().filter(script -> !script.attr("type").equals("application/json")).toList();
    assertEquals(1, code.size(), "one script runs");
    assertEquals(nonce.group(1), code.get(0).attr("nonce"));
    assertEquals(nonce.group(1), page.selectFirst("style").attr("nonce"));
    assertTrue(page.select("[src], link, iframe, object, embed, img, base, form").isEmpty(), "nothing to load");
    assertTrue(page.select("[style]").isEmpty(), "no inline style attribute, which the policy would refuse");
    assertEquals(List.of("crash-data", "transition-data", "report-meta"),
        scripts.stream().filter(script -> script.attr("type").equals("application/json")).map(Element::id).toList());
    assertEquals("4 crashes read: 3 changed, 1 unchanged, 0 failed.", page.getElementById("counts").text());
    assertEquals("github:main (commit 0123456789abcdef0123456789abcdef01234567)", page.getElementById("baseline-source").text());
    assertEquals(3, page.select("svg#chart rect").size(), "a bar per transition");
  }

  @Test
  void aCrashReadAgainIsCountedAsARepeatAndNamed() {
    List<DiffRow> rows = List.of(changed(1, "Bar::Baz", "Foo::Qux"), same(2, "Same::One"), changed(1, "Bar::Baz", "Foo::Qux"));
    Document page = Jsoup.parse(report(ReportFormat.HTML, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), rows));

    assertEquals("2 crashes read: 1 changed, 1 unchanged, 0 failed; 1 repeat left out.", page.getElementById("counts").text());
    assertTrue(page.select("p.note").stream().anyMatch(
        note -> note.text().equals("Read more than once, counted as first read: " + CrashIds.text(1) + ": read 2 times.")), page.body().html());
  }

  @Test
  void hostileCrashTextIsOnlyEverTextAndItsJsonReadsBackExactly() throws Exception {
    String html = report(ReportFormat.HTML, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), HOSTILE);
    Document page = Jsoup.parse(html);

    assertFalse(html.contains(SCRIPT), "the closing tag of crash text never reaches the file as is");
    assertFalse(html.contains(IMG));
    assertTrue(page.select("img, hr").isEmpty());
    assertEquals(4, page.select("script").size(), "no script element from crash text");
    JsonNode rows = CrashJson.mapper().readTree(page.getElementById("crash-data").data());
    assertEquals(4, rows.size());
    JsonNode first = rows.get(0);
    assertEquals(CrashIds.text(1), first.get("id").asText());
    assertEquals(ReportLinks.CRASH_STATS + CrashIds.text(1), first.get("link").asText());
    assertEquals(IMG, first.get("baseline").asText());
    assertEquals(SCRIPT, first.get("candidate").asText());
    JsonNode frame = first.get("stack").get("walks").get(0).get("frames").get(0);
    assertEquals(IMG, frame.get(1).asText(), "baseline frame");
    assertEquals("signature end", frame.get(2).asText());
    assertEquals("irrelevant", frame.get(5).asText(), "candidate role");
    assertEquals("irrelevant_signature_re.txt:12 " + IMG, frame.get(6).asText(), "the line that gave the role");
    assertTrue(frame.get(7).asBoolean(), "changed role");
    assertEquals(NETWORK, rows.get(1).get("baseline").asText());
    JsonNode transitions = CrashJson.mapper().readTree(page.getElementById("transition-data").data());
    assertTrue(transitions.findValuesAsText("baseline").contains(IMG), transitions.toString());
    // The chart and the siglist line texts are drawn here: escaped text of the SVG.
    assertTrue(page.select("svg#chart text").stream().anyMatch(text -> text.text().startsWith(IMG)), page.select("svg").toString());
  }

  @Test
  void jsonInAScriptBlockEscapesWhatCouldEndOrChangeTheBlock() {
    String json = Html.scriptJson(JsonNodeFactory.instance.textNode("</script><!--&\u2028\u2029\u00e9"));
    assertEquals("\"\\u003C/script\\u003E\\u003C!--\\u0026\\u2028\\u2029\\u00E9\"", json);
  }

  @Test
  void reportLinksAreHttpOnlyAndCarryOnlyValidCrashIds() {
    assertEquals("https://crash-stats.example/report/index/", ReportLinks.forApi("https://crash-stats.example/api/").base());
    assertEquals("http://127.0.0.1:8000/report/index/", ReportLinks.forApi("http://127.0.0.1:8000/api").base());
    // The default API's links are made without parsing, and are what parsing would give.
    for (String api : new String[] {CrashStatsClient.DEFAULT_API_URL, CrashStatsClient.DEFAULT_API_URL + "/", CrashStatsClient.DEFAULT_API_URL + "/?x=1"}) {
      assertEquals(ReportLinks.CRASH_STATS, ReportLinks.forApi(api).base(), api);
    }
    assertEquals("https://x.example/r?id=" + CrashIds.text(1), ReportLinks.of("https://x.example/r?id=").link(CrashIds.text(1)).orElseThrow());
    assertEquals("https://x.example/a/" + CrashIds.text(1), ReportLinks.of("https://x.example/a").link(CrashIds.text(1)).orElseThrow());
    assertTrue(ReportLinks.of(ReportLinks.CRASH_STATS).link("javascript:alert(1)").isEmpty());
    assertTrue(ReportLinks.of(ReportLinks.CRASH_STATS).link(CrashIds.text(1) + ")").isEmpty());
    for (String bad : new String[] {"javascript:alert(1)", "file:///etc/passwd", "ftp://x/", "data:text/html,x", "not a url"}) {
      try {
        ReportLinks.of(bad);
        throw new AssertionError("accepted " + bad);
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().startsWith("--report-url must be an http(s) URL"), e.getMessage());
      }
    }
    assertEquals("https://x.example/%28a%29/", ReportLinks.of("https://x.example/(a)").base(), "nothing that ends a Markdown link");
  }
}
