package org.siggendiff.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.CrashExplanation;
import org.siggendiff.attribution.ExplainedFrame;
import org.siggendiff.attribution.ExplainedWalk;
import org.siggendiff.attribution.FrameRole;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.SideExplanation;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;
import org.siggendiff.signature.SignatureTrace;
import org.siggendiff.sources.ResolvedSiglists;

/**
 * One self-contained page to open from disk: the sources, the counts, the siglist lines with
 * what they moved and their production impact, a chart and a table of the transitions, and the
 * crashes, whose changed ones show their stacks frame by frame on both sides.
 *
 * <p>Rows are streamed into a JSON block as they come, so memory stays flat; the summary follows
 * them in the file and is shown above them by the stylesheet. The page's one script renders
 * the data a page of rows at a time, building every element with {@code textContent}, never
 * markup from data. A Content-Security-Policy allows only that script and the page's own style
 * (by a nonce), and no network access at all.
 */
final class HtmlRowWriter implements RowWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Frames of a walk shown past the last one the walk reached on either side. */
  private static final int FRAMES_PAST_END = 3;
  private static final int FRAMES_SHOWN = 150;
  static final int CHART_BARS = 10;
  private static final int CHART_LABEL = 110;

  private final Writer out;
  private final ResolvedSiglists baseline;
  private final ResolvedSiglists candidate;
  private final ReportOptions options;
  private final String nonce;
  private long rows;
  private long explained;
  private boolean anyProduction;
  private boolean anyCause;

  HtmlRowWriter(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, ReportOptions options) throws IOException {
    this.out = out;
    this.baseline = baseline;
    this.candidate = candidate;
    this.options = options;
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    this.nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    String title = "siggen-diff: " + baseline.describe() + " \u2192 " + candidate.describe();
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'nonce-" + nonce
        + "'; style-src 'nonce-" + nonce + "'; img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none';"
        + " object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'\">\n");
    out.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.write("<title>" + Html.escape(title) + "</title>\n");
    out.write("<style nonce=\"" + nonce + "\">\n" + resource("report.css") + "</style>\n</head>\n<body>\n<div id=\"page\">\n");
    out.write("<header id=\"top\"><h1>Signatures: " + Html.escape(baseline.describe()) + " \u2192 "
        + Html.escape(candidate.describe()) + "</h1>\n<dl class=\"sources\"><dt>Baseline</dt><dd id=\"baseline-source\">"
        + Html.escape(baseline.describe()) + "</dd><dt>Candidate</dt><dd id=\"candidate-source\">" + Html.escape(candidate.describe())
        + "</dd></dl></header>\n");
    out.write("<section id=\"crashes\"><h2>Crashes</h2>\n<p class=\"hint\">Changed crashes first, then failed, then unchanged; click a column to sort by it,"
        + " a changed crash to see its stack on both sides.</p>\n"
        + "<div class=\"table\" id=\"crash-table\" data-source=\"crash-data\"></div>\n</section>\n");
    out.write("<script type=\"application/json\" id=\"crash-data\">[");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlRowWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void row(DiffRow row) throws IOException {
    ObjectNode json = NODES.objectNode();
    json.put("id", Html.clean(row.crashId()));
    options.links().link(row.linkable() ? row.crashId() : null).ifPresent(link -> json.put("link", link));
    if (!row.ok()) {
      json.put("error", Html.clean(row.error()));
    } else {
      json.put("production", Html.clean(row.production()));
      json.put("baseline", Html.clean(row.baseline()));
      json.put("candidate", Html.clean(row.candidate()));
      json.put("same", row.same());
      anyProduction |= row.production() != null && !row.production().isEmpty();
      if (row.cause() != null) {
        anyCause = true;
        ArrayNode cause = json.putArray("cause");
        CauseText.lines(row.cause()).forEach(line -> cause.add(Html.clean(line)));
      }
      if (row.explanation() != null) {
        json.set("stack", stack(row.explanation()));
        explained++;
      }
    }
    out.write((rows == 0 ? "\n" : ",\n") + Html.scriptJson(json));
    rows++;
  }

  /**
   * The walks of both sides, frame beside frame: {@code {walks: [{name, frames: [[index,
   * baseline text, baseline role, baseline lines, candidate text, candidate role, candidate
   * lines, changed]], more}]}}.
   */
  private static ObjectNode stack(CrashExplanation explanation) {
    ObjectNode json = NODES.objectNode();
    SideExplanation before = explanation.baseline();
    SideExplanation after = explanation.candidate();
    json.put("baseline_source", before == null ? null : Html.clean(before.source()));
    json.put("stored", before != null && before.walks().isEmpty());
    ArrayNode walks = json.putArray("walks");
    Map<String, ExplainedWalk> beforeWalks = new HashMap<>();
    if (before != null) {
      before.walks().forEach(walk -> beforeWalks.put(walk.rule() + "/" + walk.thread(), walk));
    }
    for (ExplainedWalk walk : after.walks()) {
      ExplainedWalk other = beforeWalks.get(walk.rule() + "/" + walk.thread());
      walks.add(walk(walk.rule() + ", thread " + walk.thread(), other, walk));
    }
    for (ExplainedWalk walk : before == null ? List.<ExplainedWalk>of() : before.walks()) {
      if (after.walks().stream().noneMatch(w -> (w.rule() + "/" + w.thread()).equals(walk.rule() + "/" + walk.thread()))) {
        walks.add(walk(walk.rule() + ", thread " + walk.thread() + " (baseline only)", walk, null));
      }
    }
    ArrayNode rules = json.putArray("rules");
    if (before != null) {
      before.rulesAfterWalk().forEach(step -> rules.add(Html.clean("baseline: " + rule(step))));
    }
    after.rulesAfterWalk().forEach(step -> rules.add(Html.clean("candidate: " + rule(step))));
    return json;
  }

  private static String rule(SignatureTrace.RuleStep step) {
    return step.rule() + ": " + step.before() + " -> " + step.after();
  }

  private static ObjectNode walk(String name, ExplainedWalk before, ExplainedWalk after) {
    ObjectNode json = NODES.objectNode();
    json.put("name", Html.clean(name));
    String failure = after != null && after.failure() != null ? after.failure() : before != null ? before.failure() : null;
    json.put("failure", Html.clean(failure));
    List<ExplainedFrame> b = before == null ? List.of() : before.frames();
    List<ExplainedFrame> a = after == null ? List.of() : after.frames();
    int size = Math.max(b.size(), a.size());
    int reached = Math.max(lastReached(b), lastReached(a));
    int shown = Math.min(size, Math.min(FRAMES_SHOWN, reached + 1 + FRAMES_PAST_END));
    ArrayNode frames = json.putArray("frames");
    for (int i = 0; i < shown; i++) {
      ExplainedFrame fb = i < b.size() ? b.get(i) : null;
      ExplainedFrame fa = i < a.size() ? a.get(i) : null;
      ArrayNode frame = frames.addArray();
      frame.add(i);
      side(frame, fb);
      side(frame, fa);
      frame.add(before != null && after != null && ExplanationText.changed(fb, fa));
    }
    json.put("more", size - shown);
    return json;
  }

  private static int lastReached(List<ExplainedFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).role() != FrameRole.NOT_REACHED) {
        return i;
      }
    }
    return -1;
  }

  private static void side(ArrayNode frame, ExplainedFrame side) {
    if (side == null) {
      frame.addNull();
      frame.addNull();
      frame.addNull();
      return;
    }
    frame.add(Html.clean(side.text()));
    frame.add(side.roleText());
    frame.add(Html.clean(side.lines().stream().map(line -> line.location() + " " + line.text()).collect(Collectors.joining("\n"))));
  }

  @Override
  public void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    out.write("\n]</script>\n");
    out.write("<section id=\"summary\">\n");
    counts(summary);
    lines(summary, impact);
    impact(impact);
    out.write("</section>\n<section id=\"transitions\"><h2>Signature changes (baseline \u2192 candidate)</h2>\n");
    out.write(chart(summary.transitions()));
    out.write("<div class=\"table\" id=\"transition-table\" data-source=\"transition-data\"></div>\n</section>\n");
    ArrayNode transitions = NODES.arrayNode();
    for (DiffSummary.Transition move : summary.transitions()) {
      transitions.addObject().put("crashes", move.crashes()).put("baseline", Html.clean(move.baseline()))
          .put("candidate", Html.clean(move.candidate()));
    }
    out.write("<script type=\"application/json\" id=\"transition-data\">" + Html.scriptJson(transitions) + "</script>\n");
    ObjectNode meta = NODES.objectNode();
    meta.put("production", !baseline.isProduction() && anyProduction);
    meta.put("same", !options.differentOnly());
    meta.put("cause", anyCause);
    meta.put("rows", rows);
    out.write("<script type=\"application/json\" id=\"report-meta\">" + Html.scriptJson(meta) + "</script>\n");
    out.write("<footer>Made by siggen-diff. This page makes no network request; crash links open Crash Stats.</footer>\n");
    out.write("</div>\n<script nonce=\"" + nonce + "\">\n" + resource("report.js") + "</script>\n</body>\n</html>\n");
    out.flush();
  }

  private void counts(DiffSummary summary) throws IOException {
    out.write("<h2>Summary</h2>\n<p class=\"counts\" id=\"counts\"><b>" + summary.read() + "</b> " + CrashCount.noun(summary.read()) + " read: <b>" + summary.changed()
        + "</b> changed, <b>" + summary.unchanged() + "</b> unchanged, <b>" + summary.failed() + "</b> failed"
        + (summary.repeats().isEmpty() ? "" : "; " + Html.escape(SummaryText.leftOut(summary.repeats()))) + ".</p>\n");
    if (summary.isInterrupted()) {
      out.write("<p class=\"warning\">Interrupted: " + SummaryText.notProcessed(summary) + ".</p>\n");
    }
    if (summary.internalError() != null) {
      out.write("<p class=\"warning\">Stopped by an internal error: " + Html.escape(summary.internalError()) + "</p>\n");
    }
    if (summary.failed() > 0) {
      out.write("<p class=\"warning\">Failed: " + summary.failuresByKind().entrySet().stream()
          .map(kind -> kind.getValue() + " " + Html.escape(kind.getKey())).collect(Collectors.joining(", "))
          + " (each is a row of the crash table).</p>\n");
    }
    if (!summary.repeats().isEmpty()) {
      out.write("<p class=\"note\">Read more than once, counted as first read: "
          + SummaryText.repeats(summary.repeats(), SummaryText.SIGNED_DIFFERENTLY).stream().map(Html::escape).collect(Collectors.joining(", "))
          + ".</p>\n");
    }
    if (summary.repeats().notAlike() > 0) {
      out.write("<p class=\"warning\">" + Html.escape(SummaryText.notAlike(summary.repeats())) + ".</p>\n");
    }
    if (summary.changed() > explained && explained > 0 || summary.changed() > 0 && options.explanations() == 0) {
      out.write("<p class=\"note\">Stacks are shown for " + explained + " of the " + summary.changed()
          + " changed crashes; <code>siggen-diff explain CRASHID</code> shows any other.</p>\n");
    }
  }

  private void lines(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    out.write("<h2>Siglist lines</h2>\n");
    List<DiffSummary.LineSummary> lines = summary.byLine();
    if (lines.isEmpty()) {
      // A line the candidate only duplicates is no change, but is warned of.
      out.write("<p>" + SummaryText.noLines(summary) + "</p>\n");
      warnings(summary);
      return;
    }
    Map<String, Long> production = new HashMap<>();
    if (impact != null) {
      impact.impacts().forEach(one -> one.production().ifPresent(count -> production.put(one.baseline(), count)));
    }
    out.write("<table id=\"line-table\"><thead><tr><th>line</th><th class=\"num\">crashes moved</th>"
        + (impact != null ? "<th class=\"num\">in production (" + impact.counts().days() + " days)</th>" : "")
        + "<th>moves (crashes: baseline \u2192 candidate)</th></tr></thead><tbody>\n");
    for (DiffSummary.LineSummary line : lines) {
      ChangedLine changed = line.line();
      // The sign and the file:line stay on one line however narrow the column.
      out.write("<tr class=\"" + (changed.added() ? "added" : "removed") + "\"><td><span class=\"where\"><span class=\"change\">" + changed.change()
          + "</span> <code>" + Html.escape(changed.location()) + "</code></span> <span class=\"line-text\">" + Html.escape(changed.text())
          + "</span></td><td class=\"num\">" + line.crashes() + "</td>");
      if (impact != null) {
        // Each baseline signature counts once for a line, however many of its crashes the line moved.
        long total = line.transitions().stream().map(DiffSummary.Transition::baseline).distinct()
            .mapToLong(signature -> production.getOrDefault(signature, 0L)).sum();
        out.write("<td class=\"num\">" + total + "</td>");
      }
      out.write("<td>");
      if (line.crashes() == 0) {
        out.write(Html.escape(SummaryText.movedNoCrash(line)));
      } else {
        List<DiffSummary.Transition> moves = line.transitions();
        List<String> shown = new ArrayList<>();
        int first = Math.min(SummaryText.REPORT_MOVES_SHOWN, moves.size());
        for (DiffSummary.Transition move : moves.subList(0, first)) {
          shown.add(move.crashes() + ": " + Html.escape(move.baseline()) + " \u2192 " + Html.escape(move.candidate()));
        }
        if (moves.size() > first) {
          shown.add(SummaryText.more(moves, first));
        }
        out.write(String.join("<br>", shown));
      }
      out.write("</td></tr>\n");
    }
    out.write("</tbody></table>\n");
    warnings(summary);
  }

  private void warnings(DiffSummary summary) throws IOException {
    List<String> warnings = new ArrayList<>();
    for (ChangedLine line : summary.unmatchedLines()) {
      warnings.add(Html.escape(line + ": " + summary.unmatchedWarning(true)));
    }
    for (LintWarning warning : summary.lint()) {
      warnings.add(Html.escape(warning.message()));
    }
    if (!warnings.isEmpty()) {
      out.write("<h3>Warnings</h3>\n<ul class=\"warnings\">" + warnings.stream().map(w -> "<li>" + w + "</li>").collect(Collectors.joining()) + "</ul>\n");
    }
  }

  private void impact(ProductionImpact.Report impact) throws IOException {
    if (impact == null) {
      return;
    }
    out.write("<h2>Production impact</h2>\n<p>Crashes in Crash Stats with each baseline signature the candidate moves, from "
        + Html.escape(impact.counts().from()) + " to " + Html.escape(impact.counts().to()) + ".</p>\n");
    out.write("<table id=\"impact-table\"><thead><tr><th>baseline signature</th><th class=\"num\">moved</th>"
        + "<th class=\"num\">sampled</th><th class=\"num\">in production</th></tr></thead><tbody>\n");
    for (ProductionImpact.Impact one : impact.impacts()) {
      out.write("<tr><td>" + Html.escape(one.baseline()) + "</td><td class=\"num\">" + one.moved() + "</td><td class=\"num\">"
          + one.sampled() + "</td><td class=\"num\">"
          + (one.production().isPresent() ? String.valueOf(one.production().getAsLong()) : "not counted") + "</td></tr>\n");
    }
    out.write("</tbody></table>\n");
    if (impact.counts().problem().isPresent()) {
      out.write("<p class=\"warning\">" + impact.counts().notCounted().size() + " signatures not counted: "
          + Html.escape(impact.counts().problem().get().message()) + "</p>\n");
    }
  }

  /** Horizontal bars of the biggest transitions, drawn here so the page needs no script to show them. */
  static String chart(List<DiffSummary.Transition> moves) {
    if (moves.isEmpty()) {
      return "<p>No signature changed.</p>\n";
    }
    List<DiffSummary.Transition> shown = moves.subList(0, Math.min(CHART_BARS, moves.size()));
    long most = shown.get(0).crashes();
    int rowHeight = 34;
    int width = 960;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(shown.size() * rowHeight + 4).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(shown.size() * rowHeight + 4).append("\"><title>The biggest signature changes, in crashes</title>\n");
    for (int i = 0; i < shown.size(); i++) {
      DiffSummary.Transition move = shown.get(i);
      int y = i * rowHeight;
      long bar = Math.max(2, Math.round(700.0 * move.crashes() / most));
      String label = move.baseline() + " \u2192 " + move.candidate();
      if (label.codePointCount(0, label.length()) > CHART_LABEL) {
        label = label.substring(0, label.offsetByCodePoints(0, CHART_LABEL)) + "\u2026";
      }
      svg.append("<text x=\"0\" y=\"").append(y + 12).append("\" font-size=\"12\" fill=\"#333\">").append(Html.escape(label))
          .append("</text>");
      svg.append("<rect x=\"0\" y=\"").append(y + 16).append("\" width=\"").append(bar).append("\" height=\"12\" fill=\"#3b7dd8\"/>");
      svg.append("<text x=\"").append(bar + 6).append("\" y=\"").append(y + 27).append("\" font-size=\"12\" fill=\"#333\">")
          .append(move.crashes()).append("</text>\n");
    }
    if (moves.size() > shown.size()) {
      svg.append("<!-- ").append(moves.size() - shown.size()).append(" more in the table -->");
    }
    return svg.append("</svg>\n").toString();
  }
}
