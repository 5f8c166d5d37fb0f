package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;
import org.siggendiff.diff.RepeatedCrashes;
import org.siggendiff.sources.ResolvedSiglists;

/**
 * A whole report to paste into a pull request or a bug: a heading naming both sources, the
 * counts, the siglist lines with the crashes each moved, the biggest transitions, the production
 * impact, then the crashes in a {@code <details>} block: changed ones first, then failed, then
 * unchanged. The report never exceeds {@link ReportOptions#maxChars()}: sections and rows that do
 * not fit are cut at a row boundary and counted. Rows are kept until finish (the summary comes
 * first), but only as many as could fit; the rest are counted only, so memory stays bounded
 * however long the run.
 *
 * <p>Crash text is escaped so that it renders as the literal text it is, mentions and issue
 * references inert; several lines in a cell are separated by {@code <br>}, the only markup
 * written around escaped text. Columns that say nothing are left out: {@code same} under
 * {@code --different-only}, {@code production} when the baseline is production (it repeats the
 * baseline) or no row shown has one, {@code cause} when no row shown has one.
 */
final class MarkdownRowWriter implements RowWriter {
  private static final String INERT = "<!-- -->";
  private static final String BREAK = "<br>";
  /** Longest crash or siglist text shown in one cell, in code points; longer text is cut and says so. */
  static final int CELL_LIMIT = 300;
  /** Room kept for a section's "and N more" line. */
  private static final int MORE_RESERVE = 200;
  /** Room kept for the end: the closing tag and the line that says how many rows were left out. */
  private static final int TAIL_RESERVE = 500;
  static final int TRANSITIONS_SHOWN = 20;
  static final int FAILURES_SHOWN = 20;
  static final int IMPACTS_SHOWN = 50;
  /** Room for the crash block's summary line, whose counts are written once the rows that fit are known. */
  private static final int SUMMARY_LINE_RESERVE = 100;
  /** How many warnings the siglist lines table always leaves room for. */
  private static final int WARNINGS_KEPT = 5;

  /** One row's cells, escaped. */
  private record Cells(String crash, String production, String baseline, String candidate, String same, String cause, String notes) {}

  private final Writer out;
  private final ResolvedSiglists baseline;
  private final ResolvedSiglists candidate;
  private final ReportOptions options;
  /**
   * The rows kept for the crash table, in the order it shows them: changed crashes, then the
   * failed, then the unchanged, so that a report cut at its limit still shows what moved.
   */
  private final Kept[] kept = {new Kept("changed"), new Kept("failed"), new Kept("unchanged")};
  private long given;
  private boolean anyProduction;
  private boolean anyCause;

  MarkdownRowWriter(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, ReportOptions options) {
    this.out = out;
    this.baseline = baseline;
    this.candidate = candidate;
    this.options = options;
  }

  /**
   * Rows of one kind, in input order, while they could still be shown: each kind is bounded on
   * its own, so that unchanged crashes early in a run cannot crowd out later changed ones.
   */
  private static final class Kept {
    private final String name;
    private final List<Cells> cells = new ArrayList<>();
    /** How many rows of the kind were given, kept or not. */
    private long given;
    /** Length of the kept rows with their fewest columns: past the limit, no more row could be shown. */
    private long chars;

    Kept(String name) {
      this.name = name;
    }
  }

  @Override
  public void row(DiffRow row) {
    given++;
    Kept kind = kept[row.changed() ? 0 : row.ok() ? 2 : 1];
    kind.given++;
    if (kind.chars > options.maxChars()) {
      return;
    }
    String crash = options.links().link(row.linkable() ? row.crashId() : null)
        .map(url -> "[" + row.crashId() + "](" + url + ")")
        .orElse(escape(cut(row.crashId())));
    Cells cells;
    if (!row.ok()) {
      cells = new Cells(crash, "", "error: " + escape(cut(row.error())), "", "", "", "");
    } else {
      cells = new Cells(crash, escape(cut(row.production())), escape(cut(row.baseline())), escape(cut(row.candidate())),
          row.same() ? "yes" : "**no**", cell(CauseText.lines(row.cause())), options.verbose() ? cell(notes(row)) : "");
      anyProduction |= row.production() != null && !row.production().isEmpty();
      anyCause |= row.cause() != null;
    }
    kind.cells.add(cells);
    kind.chars += cells.crash().length() + cells.baseline().length() + cells.candidate().length() + 10;
  }

  /** How many rows are held for the report: bounded by what could fit, not by the run. */
  int keptRows() {
    return kept[0].cells.size() + kept[1].cells.size() + kept[2].cells.size();
  }

  private static List<String> notes(DiffRow row) {
    List<String> lines = new ArrayList<>();
    row.baselineNotes().forEach(note -> lines.add("baseline note: " + note));
    row.candidateNotes().forEach(note -> lines.add("candidate note: " + note));
    row.baselineDebug().forEach(line -> lines.add("baseline debug: " + line));
    row.candidateDebug().forEach(line -> lines.add("candidate debug: " + line));
    return lines;
  }

  /** Lines cut and escaped one by one, then joined with breaks. */
  private static String cell(List<String> lines) {
    return String.join(BREAK, lines.stream().map(line -> escape(cut(line))).toList());
  }

  /** Text of at most {@link #CELL_LIMIT} code points, saying how much was cut; surrogate pairs stay whole. */
  static String cut(String text) {
    if (text == null || text.codePointCount(0, text.length()) <= CELL_LIMIT) {
      return text;
    }
    int end = text.offsetByCodePoints(0, CELL_LIMIT);
    return text.substring(0, end) + "... (" + text.codePointCount(end, text.length()) + " more characters)";
  }

  /**
   * Backslash-escapes the characters Markdown gives meaning to (pipes end a cell, backticks
   * open code, angle brackets open HTML, dollars open GitHub's maths), and cleans invisible
   * characters. GitHub finds {@code @user} mentions, {@code #123} references and links
   * ({@code https://...}, {@code www....}), {@code GH-123} references and emoji shortcodes
   * ({@code :new:}, which {@code Thread::new::start} holds) in the rendered text, after
   * backslash escapes are gone, so an empty HTML comment follows every {@code @} and {@code #},
   * the colon of every {@code ://}, every {@code www}, the {@code GH} of {@code GH-} and a digit,
   * and a colon that opens a shortcode: it splits the text where the link or emoji would start
   * and renders as nothing.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    String clean = TerminalText.clean(text);
    StringBuilder sb = new StringBuilder(clean.length() + 8);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      if (c == '@' || c == '#' || c == ':' && (clean.startsWith("//", i + 1) || opensShortcode(clean, i))) {
        sb.append(c).append(INERT);
        continue;
      }
      if ((c == 'G' || c == 'g') && clean.regionMatches(true, i, "GH-", 0, 3) && i + 3 < clean.length()
          && Character.isDigit(clean.charAt(i + 3))) {
        sb.append(clean, i, i + 2).append(INERT);
        i++;
        continue;
      }
      if ((c == 'w' || c == 'W') && clean.regionMatches(true, i, "www.", 0, 4)) {
        sb.append(clean, i, i + 3).append(INERT);
        i += 2;
        continue;
      }
      if ("\\`*_[]<>|~!&$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Whether the colon at {@code at} starts {@code :name:}, a name of letters, digits, _, + or -. */
  private static boolean opensShortcode(String text, int at) {
    int i = at + 1;
    while (i < text.length() && isShortcodeChar(text.charAt(i))) {
      i++;
    }
    return i > at + 1 && i < text.length() && text.charAt(i) == ':';
  }

  private static boolean isShortcodeChar(char c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '+' || c == '-');
  }

  @Override
  public void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    // The summary may take three fifths of the room, so that a long list of lines or moves leaves room for crashes.
    Page page = new Page((options.maxChars() - TAIL_RESERVE) * 3 / 5);
    page.add("### Signatures: " + escape(cut(baseline.describe())) + " \u2192 " + escape(cut(candidate.describe())) + "\n\n");
    page.add("- **Baseline:** " + escape(cut(baseline.describe())) + "\n");
    page.add("- **Candidate:** " + escape(cut(candidate.describe())) + "\n\n");
    page.add("**" + CrashCount.of(summary.read()) + " read: " + summary.changed() + " changed, " + summary.unchanged() + " unchanged, "
        + summary.failed() + " failed" + (summary.repeats().isEmpty() ? "" : "; " + SummaryText.leftOut(summary.repeats())) + ".**\n\n");
    if (summary.isInterrupted()) {
      page.add("**Interrupted:** " + SummaryText.notProcessed(summary) + ".\n\n");
    }
    if (summary.internalError() != null) {
      page.add("**Stopped by an internal error:** " + escape(cut(summary.internalError())) + "\n\n");
    }
    failures(page, summary);
    repeats(page, summary);
    lines(page, summary);
    transitions(page, "#### Biggest signature changes", summary.transitions());
    if (!summary.byLine().isEmpty()) {
      transitions(page, "#### Signature changes not caused by a siglist line", summary.transitionsNotByLine());
    }
    impact(page, impact);
    page.limit(options.maxChars() - TAIL_RESERVE);
    rows(page);
    out.write(page.text());
    out.flush();
  }

  private void failures(Page page, DiffSummary summary) {
    if (summary.failed() == 0) {
      return;
    }
    List<String> kinds = new ArrayList<>();
    for (Map.Entry<String, Long> kind : summary.failuresByKind().entrySet()) {
      kinds.add(kind.getValue() + " " + escape(cut(kind.getKey())));
    }
    page.add("**Failed:** " + String.join(", ", kinds) + "\n\n");
    List<DiffSummary.Failure> failures = summary.failures();
    int shown = 0;
    for (DiffSummary.Failure failure : failures) {
      String line = "- " + crashCell(failure.crashId()) + ": " + escape(cut(failure.reason())) + "\n";
      if (shown == FAILURES_SHOWN || !page.fits(line, MORE_RESERVE)) {
        break;
      }
      page.add(line);
      shown++;
    }
    if (shown < failures.size()) {
      page.add("- and " + (failures.size() - shown) + " more (every failure is in `--summary FILE`)\n");
    }
    page.add("\n");
  }

  private void repeats(Page page, DiffSummary summary) {
    RepeatedCrashes repeats = summary.repeats();
    if (repeats.isEmpty()) {
      return;
    }
    List<String> shown = new ArrayList<>();
    for (RepeatedCrashes.Repeat repeat : repeats.repeats()) {
      String item = crashCell(repeat.crashId()) + " (" + repeat.timesRead() + " times" + (repeat.alike() ? "" : ", " + SummaryText.SIGNED_DIFFERENTLY)
          + (repeat.otherReading() != null ? "; another reading: " + escape(cut(repeat.otherReading())) : "") + ")";
      if (shown.size() == SummaryText.REPEATS_SHOWN || !page.fits(String.join(", ", shown) + item, MORE_RESERVE)) {
        break;
      }
      shown.add(item);
    }
    long more = repeats.repeats().size() - shown.size();
    page.add("**Read more than once**, counted as first read: " + String.join(", ", shown)
        + (more > 0 ? (shown.isEmpty() ? "" : ", ") + "and " + more + " more" : "") + ".\n\n");
    if (repeats.notAlike() > 0) {
      page.add("**Warning:** " + SummaryText.notAlike(repeats) + ".\n\n");
    }
  }

  private String crashCell(String crashId) {
    return options.links().link(crashId).map(url -> "[" + crashId + "](" + url + ")").orElse(escape(cut(crashId)));
  }

  private static void lines(Page page, DiffSummary summary) {
    List<DiffSummary.LineSummary> lines = summary.byLine();
    page.add("#### Siglist lines\n\n");
    List<String> warnings = new ArrayList<>();
    for (ChangedLine line : summary.unmatchedLines()) {
      warnings.add("- " + lineCell(line) + ": " + summary.unmatchedWarning(true) + "\n");
    }
    for (LintWarning warning : summary.lint()) {
      warnings.add("- " + escape(cut(warning.message())) + "\n");
    }
    if (lines.isEmpty()) {
      // A line the candidate only duplicates is no change, but is warned of.
      page.add(SummaryText.noLines(summary) + "\n\n");
      warnings(page, warnings);
      return;
    }
    // The table leaves room for the first warnings, which a long list of lines would crowd out.
    int warningsReserve = warnings.stream().limit(WARNINGS_KEPT).mapToInt(String::length).sum();
    page.add("| line | crashes moved | moves (crashes: baseline \u2192 candidate) |\n| --- | ---: | --- |\n");
    int shown = 0;
    for (DiffSummary.LineSummary line : lines) {
      String row = "| " + lineCell(line.line()) + " | " + line.crashes() + " | " + moves(line) + " |\n";
      if (!page.fits(row, MORE_RESERVE + warningsReserve)) {
        break;
      }
      page.add(row);
      shown++;
    }
    if (shown < lines.size()) {
      int more = lines.size() - shown;
      page.add("\nand " + more + (more == 1 ? " more line" : " more lines") + " (all are in `--summary FILE`, under `by_line`)\n");
    }
    page.add("\n");
    warnings(page, warnings);
  }

  private static void warnings(Page page, List<String> warnings) {
    if (!warnings.isEmpty()) {
      page.add("**Warnings:**\n\n");
      int shownWarnings = 0;
      for (String warning : warnings) {
        if (!page.fits(warning, MORE_RESERVE)) {
          break;
        }
        page.add(warning);
        shownWarnings++;
      }
      if (shownWarnings < warnings.size()) {
        page.add("- and " + (warnings.size() - shownWarnings) + " more (in `--summary FILE`, under `warnings`)\n");
      }
      page.add("\n");
    }
  }

  /** {@code + `file:line` text}: the location is a fixed file name and a number, safe in a code span. */
  private static String lineCell(ChangedLine line) {
    return line.change() + " `" + line.location() + "` " + escape(cut(line.text()));
  }

  private static String moves(DiffSummary.LineSummary line) {
    if (line.crashes() == 0) {
      return SummaryText.movedNoCrash(line);
    }
    List<String> parts = new ArrayList<>();
    List<DiffSummary.Transition> moves = line.transitions();
    for (DiffSummary.Transition move : moves.subList(0, Math.min(SummaryText.REPORT_MOVES_SHOWN, moves.size()))) {
      parts.add(move.crashes() + ": " + escape(cut(move.baseline())) + " \u2192 " + escape(cut(move.candidate())));
    }
    if (moves.size() > SummaryText.REPORT_MOVES_SHOWN) {
      parts.add(SummaryText.more(moves, SummaryText.REPORT_MOVES_SHOWN));
    }
    return String.join(BREAK, parts);
  }

  private static void transitions(Page page, String title, List<DiffSummary.Transition> moves) {
    if (moves.isEmpty()) {
      return;
    }
    String header = title + "\n\n| crashes | baseline | candidate |\n| ---: | --- | --- |\n";
    page.add(title + "\n\n");
    int shown = 0;
    for (DiffSummary.Transition move : moves) {
      String row = "| " + move.crashes() + " | " + escape(cut(move.baseline())) + " | " + escape(cut(move.candidate())) + " |\n";
      if (shown == TRANSITIONS_SHOWN || !page.fits((shown == 0 ? header : "") + row, MORE_RESERVE)) {
        break;
      }
      // The table's head only above a row: a head with no row under it says nothing.
      page.add(shown == 0 ? header.substring(title.length() + 2) + row : row);
      shown++;
    }
    if (shown < moves.size()) {
      long rest = moves.subList(shown, moves.size()).stream().mapToLong(DiffSummary.Transition::crashes).sum();
      page.add("\nand " + (moves.size() - shown) + " more (" + rest + (rest == 1 ? " crash" : " crashes") + ")\n");
    }
    page.add("\n");
  }

  private static void impact(Page page, ProductionImpact.Report impact) {
    if (impact == null) {
      return;
    }
    page.add("#### Production impact\n\nCrashes in Crash Stats with each baseline signature the candidate moves, from "
        + escape(impact.counts().from()) + " to " + escape(impact.counts().to()) + " (" + impact.counts().days()
        + (impact.counts().days() == 1 ? " day" : " days") + ").\n\n");
    List<ProductionImpact.Impact> impacts = impact.impacts();
    if (!impacts.isEmpty()) {
      page.add("| baseline signature | moved / sampled | in production |\n| --- | ---: | ---: |\n");
    }
    int shown = 0;
    for (ProductionImpact.Impact one : impacts) {
      String row = "| " + escape(cut(one.baseline())) + " | " + one.moved() + " / " + one.sampled() + " | "
          + (one.production().isPresent() ? String.valueOf(one.production().getAsLong()) : "not counted") + " |\n";
      if (shown == IMPACTS_SHOWN || !page.fits(row, MORE_RESERVE)) {
        break;
      }
      page.add(row);
      shown++;
    }
    if (shown < impacts.size()) {
      page.add("\nand " + (impacts.size() - shown) + " more signatures (in `--summary FILE`, under `impact`)\n");
    }
    impact.counts().problem().ifPresent(problem -> page.add("\n" + impact.counts().notCounted().size()
        + " signatures not counted: " + escape(cut(problem.message())) + "\n"));
    page.add("\n");
  }

  private void rows(Page page) {
    if (given == 0) {
      page.add(options.differentOnly() ? "No crash changed signature.\n" : "No crash was read.\n");
      return;
    }
    boolean production = !baseline.isProduction() && anyProduction;
    boolean same = !options.differentOnly();
    List<String> header = new ArrayList<>(List.of("crash"));
    if (production) {
      header.add("production");
    }
    header.addAll(List.of("baseline", "candidate"));
    if (same) {
      header.add("same");
    }
    if (anyCause) {
      header.add("cause");
    }
    if (options.verbose()) {
      header.add("notes");
    }
    boolean reordered = Arrays.stream(kept).filter(kind -> !kind.cells.isEmpty()).count() > 1;
    String head = "| " + String.join(" | ", header) + " |\n|" + " --- |".repeat(header.size()) + "\n";
    List<Cells> ordered = new ArrayList<>(kept[0].cells);
    ordered.addAll(kept[1].cells);
    ordered.addAll(kept[2].cells);
    List<String> rows = new ArrayList<>();
    for (Cells cells : ordered) {
      List<String> values = new ArrayList<>(List.of(cells.crash()));
      if (production) {
        values.add(cells.production());
      }
      values.addAll(List.of(cells.baseline(), cells.candidate()));
      if (same) {
        values.add(cells.same());
      }
      if (anyCause) {
        values.add(cells.cause());
      }
      if (options.verbose()) {
        values.add(cells.notes());
      }
      rows.add("| " + String.join(" | ", values) + " |\n");
    }
    // How many rows fit is known before the block opens, so that its summary line can say it.
    int shown = 0;
    long length = SUMMARY_LINE_RESERVE + head.length();
    while (shown < rows.size() && page.hasRoom(length + rows.get(shown).length())) {
      length += rows.get(shown).length();
      shown++;
    }
    page.add("<details>\n<summary>" + (options.differentOnly() ? given + " changed " + CrashCount.noun(given) : CrashCount.of(given))
        + (reordered ? ", changed first" : "") + (shown < given ? ", " + shown + " shown" : "") + "</summary>\n\n");
    page.add(head);
    rows.subList(0, shown).forEach(page::add);
    page.add("\n</details>\n");
    if (shown < given) {
      // Past the page's limit: the tail reserve holds this line.
      page.addTail("\n**" + shown + " of " + given + " rows shown**; " + (given - shown) + " left out" + leftOut(shown) + " to stay within "
          + options.maxChars() + " characters (`--max-chars`). All rows: run again with `--format csv --output rows.csv`"
          + " (or `--format jsonl`), or with a larger `--max-chars`.\n");
    }
  }

  /** Of what kinds the rows past the first {@code shown} are: {@code  (2 changed, 14875 unchanged)}. */
  private String leftOut(int shown) {
    List<String> kinds = new ArrayList<>();
    int before = 0;
    for (Kept kind : kept) {
      long left = kind.given - Math.max(0, Math.min(kind.cells.size(), shown - before));
      before += kind.cells.size();
      if (left > 0) {
        kinds.add(left + " " + kind.name);
      }
    }
    return " (" + String.join(", ", kinds) + ")";
  }

  /** The report being built, and how much of the limit is left. */
  private static final class Page {
    private final StringBuilder text = new StringBuilder();
    private int limit;

    Page(int limit) {
      this.limit = limit;
    }

    void limit(int limit) {
      this.limit = limit;
    }

    /** Whether {@code chars} more characters fit. */
    boolean hasRoom(long chars) {
      return text.length() + chars <= limit;
    }

    /** Whether {@code part} fits with {@code reserve} characters left for what must follow it. */
    boolean fits(String part, int reserve) {
      return text.length() + part.length() + reserve <= limit;
    }

    /** Fixed text (headings, closing lines): bounded, and covered by the reserves. */
    void add(String part) {
      text.append(part);
    }

    void addTail(String part) {
      text.append(part);
    }

    String text() {
      return text.toString();
    }
  }
}
