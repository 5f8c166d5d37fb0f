package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.siggendiff.report.ReportFixtures.BASELINE;
import static org.siggendiff.report.ReportFixtures.IMG;
import static org.siggendiff.report.ReportFixtures.NETWORK;
import static org.siggendiff.report.ReportFixtures.SCRIPT;
import static org.siggendiff.report.ReportFixtures.changed;
import static org.siggendiff.report.ReportFixtures.explained;
import static org.siggendiff.report.ReportFixtures.options;
import static org.siggendiff.report.ReportFixtures.same;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.testing.CrashIds;

/**
 * The HTML report in a real browser, headless Chromium: its script builds the tables from
 * 20,000 crashes quickly, no script or markup from crash text runs, and the page makes no
 * network request. Every request Chromium makes goes through a loopback proxy that counts
 * them. Skipped with a message when Chromium is absent, except in CI, where it is required.
 */
@Timeout(300)
class HtmlBrowserTest {
  private static final int CRASHES = 20_000;
  /** Generous for a loaded 2-core CI machine; a desktop takes a tenth of it. */
  private static final long RENDER_BUDGET_MS = 5_000;
  private static final long FILTER_BUDGET_MS = 2_000;
  private static final String HOSTILE_ID = CrashIds.text(1);

  @TempDir static Path folder;
  private static Path chromium;
  private static Path report;

  @BeforeAll
  static void findChromiumAndWriteTheReport() throws IOException {
    chromium = Stream.of("chromium", "chromium-browser", "google-chrome")
        .flatMap(name -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
    if (chromium == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("Chromium is required in CI (.ci/run installs Debian's chromium package)");
      }
      System.err.println("HtmlBrowserTest SKIPPED: no chromium on PATH; install it (apt-get install chromium) to run the browser test");
      Assumptions.abort("no chromium on PATH");
    }
    List<DiffRow> rows = new ArrayList<>();
    rows.add(explained(1, IMG, SCRIPT));
    rows.add(changed(2, NETWORK, SCRIPT));
    for (int i = 3; i <= CRASHES; i++) {
      rows.add(i % 5 == 0 ? changed(i, "mozilla::dom::Frame" + (i % 41), "Candidate::Frame" + (i % 997)) : same(i, "Same::Signature" + (i % 300)));
    }
    report = folder.resolve("report.html");
    try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      ReportFixtures.write(out, ReportFormat.HTML, BASELINE, options(false, ReportOptions.DEFAULT_MAX_CHARS), rows);
    }
  }

  @Test
  void twentyThousandCrashesRenderQuicklyAndHostileCrashTextNeitherRunsNorLoadsAnything() throws Exception {
    try (RecordingProxy proxy = new RecordingProxy()) {
      long begun = System.nanoTime();
      Document page = dumpDom(proxy, "");
      long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);

      Element html = page.selectFirst("html");
      assertEquals("yes", html.attr("data-ready"), "the page's own script ran to its end");
      assertEquals(String.valueOf(CRASHES), html.attr("data-rows"));
      long renderMs = Long.parseLong(html.attr("data-render-ms"));
      System.err.println("HtmlBrowserTest: " + CRASHES + " crashes parsed and first page rendered in " + renderMs
          + " ms; chromium ran " + wallMs + " ms; file " + Files.size(report) / 1024 + " KB");
      assertTrue(renderMs < RENDER_BUDGET_MS, renderMs + " ms");
      assertEquals(100, page.select("#crash-table tbody tr").size(), "a page of rows built by the script");
      assertTrue(page.select("#transition-table tbody tr").size() > 40, "transitions table built");
      Element first = page.selectFirst("#crash-table tbody tr");
      assertEquals(HOSTILE_ID, first.child(0).text());
      assertEquals(IMG, first.child(2).text(), "hostile text shown as text");
      assertEquals(SCRIPT, first.child(3).text());
      assertEquals(NETWORK, page.select("#crash-table tbody tr").get(1).child(2).text());
      assertEquals(CrashIds.text(5), page.select("#crash-table tbody tr").get(2).child(0).text(), "changed crashes first, in input order");
      assertTrue(page.select("#crash-table tbody tr").stream().allMatch(tr -> tr.hasClass("changed")), "a first page of changed crashes");
      assertHostileTextRanNothing(page);
      assertEquals(List.of(), proxy.fromThePage(), "no network request from the page");
    }
  }

  @Test
  void filteringTwentyThousandCrashesIsQuickAndAStackShowsHostileFramesAsText() throws Exception {
    try (RecordingProxy proxy = new RecordingProxy()) {
      Document page = dumpDom(proxy, "#filter=candidate::frame7&open=" + HOSTILE_ID);
      Element html = page.selectFirst("html");
      long filterMs = Long.parseLong(html.attr("data-filter-ms"));
      System.err.println("HtmlBrowserTest: filtering " + CRASHES + " crashes took " + filterMs + " ms");
      assertTrue(filterMs < FILTER_BUDGET_MS, filterMs + " ms");
      // Candidate::Frame7, 70-79 and 700-799 of every 997, for every fifth crash.
      assertTrue(Integer.parseInt(html.attr("data-filter-matches")) > 100, html.attr("data-filter-matches"));
      assertTrue(page.select("#crash-table tbody tr").stream().allMatch(tr -> tr.text().contains("Candidate::Frame7")));
      assertEquals(List.of(), proxy.fromThePage(), "no network request from the page");
    }
    try (RecordingProxy proxy = new RecordingProxy()) {
      Document page = dumpDom(proxy, "#open=" + HOSTILE_ID);
      Element stack = page.selectFirst("tr.detail table.stack");
      assertTrue(stack != null, "the stack of the opened crash was built");
      Element changed = stack.selectFirst("tr.changed");
      assertEquals(IMG, changed.child(1).text(), "baseline frame");
      assertEquals("signature end", changed.child(2).text());
      assertEquals("irrelevantirrelevant_signature_re.txt:12 " + IMG, changed.child(4).text(), "candidate role and its line");
      assertHostileTextRanNothing(page);
      assertEquals(List.of(), proxy.fromThePage(), "no network request from the page");
    }
  }

  @Test
  void theProxyWouldSeeARequestOfAPageWithoutThePolicy() throws Exception {
    // The check of the tests above is worth something only if a request would be seen.
    Path control = folder.resolve("control.html");
    Files.writeString(control, "<!DOCTYPE html><html><body>" + NETWORK + "</body></html>");
    try (RecordingProxy proxy = new RecordingProxy()) {
      run(proxy, control.toUri().toString());
      assertEquals(List.of("GET http://evil.example/x.png HTTP/1.1"), proxy.fromThePage(), "the image request went through the proxy");
    }
  }

  private static void assertHostileTextRanNothing(Document page) {
    assertTrue(page.title().startsWith("siggen-diff: github:main"), page.title());
    assertTrue(page.select("img, hr, iframe").isEmpty(), "no element from crash text");
    assertEquals(4, page.select("script").size(), "only the page's own script blocks");
  }

  private static Document dumpDom(RecordingProxy proxy, String hash) throws Exception {
    String dom = run(proxy, report.toUri() + hash);
    return Jsoup.parse(dom);
  }

  private static String run(RecordingProxy proxy, String url) throws Exception {
    Path profile = Files.createTempDirectory(folder, "profile");
    Path out = folder.resolve("dom-" + System.nanoTime() + ".html");
    int port = proxy.port();
    List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--user-data-dir=" + profile,
        "--proxy-server=http://127.0.0.1:" + port, "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--dump-dom", url);
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("chromium did not finish within 120 s");
    }
    return Files.readString(out);
  }

  /**
   * A loopback HTTP proxy that records the first line of every request and refuses it. Chromium
   * itself asks Google's update, time and account services in the background whatever the
   * flags; those hosts are told apart from anything the page could ask for.
   */
  private static final class RecordingProxy implements AutoCloseable {
    private static final java.util.regex.Pattern BROWSER_OWN =
        java.util.regex.Pattern.compile("^(GET|POST|CONNECT) (http://)?[a-z0-9.-]+\\.(google\\.com|googleapis\\.com|gstatic\\.com)[:/].*");
    private final java.net.ServerSocket socket;
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    RecordingProxy() throws IOException {
      socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try (java.net.Socket connection = socket.accept()) {
            connection.setSoTimeout(5_000);
            java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String first = in.readLine();
            if (first != null) {
              requests.add(first);
            }
            connection.getOutputStream().write(
                "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // A closed socket ends the loop; a client that hung up was recorded or sent nothing.
          }
        }
      }, "recording-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    /** The requests other than Chromium's own background ones. */
    List<String> fromThePage() {
      synchronized (requests) {
        return requests.stream().filter(line -> !BROWSER_OWN.matcher(line).matches()).toList();
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
