package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.sources.ResolvedSiglists;

/**
 * A table to paste into a pull request or a bug: crash IDs link to their report, a changed
 * crash names the siglist lines that moved it, and crash text is escaped so that it renders as
 * the literal text it is. Verbose, a last column holds the notes and debug lines. Several lines
 * in a cell are separated by {@code <br>}, the only markup written around escaped text.
 */
final class MarkdownRowWriter implements RowWriter {
  static final String REPORT_URL = "https://crash-stats.mozilla.org/report/index/";
  private static final String INERT = "<!-- -->";

  private static final String BREAK = "<br>";

  private final Writer out;
  private final boolean verbose;

  MarkdownRowWriter(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, boolean verbose) throws IOException {
    this.out = out;
    this.verbose = verbose;
    out.write("Baseline: " + escape(baseline.describe()) + "  \n");
    out.write("Candidate: " + escape(candidate.describe()) + "\n\n");
    out.write("| crash | production | baseline | candidate | same | cause |" + (verbose ? " notes |" : "") + "\n");
    out.write("| --- | --- | --- | --- | --- | --- |" + (verbose ? " --- |" : "") + "\n");
  }

  @Override
  public void row(DiffRow row) throws IOException {
    String crash = row.linkable() ? "[" + row.crashId() + "](" + REPORT_URL + row.crashId() + ")" : escape(row.crashId());
    if (!row.ok()) {
      out.write("| " + crash + " | | | | error: " + escape(row.error()) + " | |" + (verbose ? " |" : "") + "\n");
      return;
    }
    out.write("| " + crash + " | " + escape(row.production()) + " | " + escape(row.baseline()) + " | "
        + escape(row.candidate()) + " | " + (row.same() ? "yes" : "**no**") + " | " + cell(CauseText.lines(row.cause())) + " |"
        + (verbose ? " " + cell(notes(row)) + " |" : "") + "\n");
  }

  private static List<String> notes(DiffRow row) {
    List<String> lines = new ArrayList<>();
    row.baselineNotes().forEach(note -> lines.add("baseline note: " + note));
    row.candidateNotes().forEach(note -> lines.add("candidate note: " + note));
    row.baselineDebug().forEach(line -> lines.add("baseline debug: " + line));
    row.candidateDebug().forEach(line -> lines.add("candidate debug: " + line));
    return lines;
  }

  /** Lines escaped one by one, then joined with breaks. */
  private static String cell(List<String> lines) {
    return String.join(BREAK, lines.stream().map(MarkdownRowWriter::escape).toList());
  }

  /**
   * Backslash-escapes the characters Markdown gives meaning to (pipes end a cell, backticks
   * open code, angle brackets open HTML), and cleans invisible characters. GitHub finds
   * {@code @user} mentions and {@code #123} references in the rendered text, after backslash
   * escapes are gone, so an empty HTML comment follows every {@code @} and {@code #}: it splits
   * the text where the link would start and renders as nothing.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    String clean = TerminalText.clean(text);
    StringBuilder sb = new StringBuilder(clean.length() + 8);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      if (c == '@' || c == '#') {
        sb.append(c).append(INERT);
        continue;
      }
      if ("\\`*_[]<>|~!&".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }
}
