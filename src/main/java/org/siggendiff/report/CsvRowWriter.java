package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;

/**
 * RFC 4180 CSV: {@code crashid,production,baseline,candidate,same,notes,cause}, and when
 * verbose a last {@code debug} column. Invisible characters are escaped; notes and debug lines
 * are one per line within their cell, each prefixed with its side; the cause is one siglist line
 * per line ({@code + file:line text  (frames: ...)}), or the reason no line is. Unless
 * raw, a cell that a spreadsheet would run as a formula gets a leading apostrophe: spreadsheets
 * are the main readers, but the guard also hits real signatures ({@code -[NSApplication run]}),
 * so programs reading the CSV ask for it raw.
 */
final class CsvRowWriter implements RowWriter {
  static final String[] HEADER = {"crashid", "production", "baseline", "candidate", "same", "notes", "cause"};
  static final String[] VERBOSE_HEADER = {"crashid", "production", "baseline", "candidate", "same", "notes", "cause", "debug"};

  /** Rows are printed without the header, which the constructor prints once. */
  private static final CSVFormat ROWS = CSVFormat.RFC4180;

  private final Writer out;
  private final boolean guardFormulas;
  private final boolean verbose;
  private final RowText text = new RowText();
  /** One for every row: a printer copies its format when made, which cost a tenth of a row. */
  private final CSVPrinter printer;

  CsvRowWriter(Writer out, boolean guardFormulas, boolean verbose) throws IOException {
    this.out = out;
    this.guardFormulas = guardFormulas;
    this.verbose = verbose;
    StringBuilder header = new StringBuilder();
    ROWS.printRecord(header, (Object[]) (verbose ? VERBOSE_HEADER : HEADER));
    out.append(header);
    printer = new CSVPrinter(text, ROWS);
  }

  /**
   * Where a row is printed whole, then written out: printed to the writer itself, every cell
   * and part of a cell went through its lock and its encoder on its own. A new builder each
   * row: one that has held a character beyond Latin-1 keeps two bytes a character, and every
   * later row would be widened into it and narrowed out again.
   */
  private static final class RowText implements Appendable {
    private StringBuilder row = new StringBuilder(512);

    @Override
    public Appendable append(CharSequence chars) {
      row.append(chars);
      return this;
    }

    @Override
    public Appendable append(CharSequence chars, int start, int end) {
      row.append(chars, start, end);
      return this;
    }

    @Override
    public Appendable append(char c) {
      row.append(c);
      return this;
    }

    /** The row printed so far; the next starts anew. */
    StringBuilder take() {
      StringBuilder taken = row;
      row = new StringBuilder(512);
      return taken;
    }
  }

  @Override
  public void row(DiffRow row) throws IOException {
    printer.print(cell(row.crashId(), guardFormulas));
    printer.print(cell(row.production(), guardFormulas));
    printer.print(cell(row.baseline(), guardFormulas));
    printer.print(cell(row.candidate(), guardFormulas));
    printer.print(row.ok() ? String.valueOf(row.same()) : "");
    printer.print(lines(notes(row), guardFormulas));
    printer.print(lines(CauseText.lines(row.cause()), guardFormulas));
    if (verbose) {
      List<String> debug = new ArrayList<>();
      row.baselineDebug().forEach(line -> debug.add("baseline: " + line));
      row.candidateDebug().forEach(line -> debug.add("candidate: " + line));
      printer.print(lines(debug, guardFormulas));
    }
    printer.println();
    out.append(text.take());
  }

  /** The error and each side's notes, each with where it comes from. */
  private static List<String> notes(DiffRow row) {
    List<String> notes = new ArrayList<>();
    if (!row.ok()) {
      notes.add("error: " + row.error());
    }
    row.baselineNotes().forEach(note -> notes.add("baseline: " + note));
    row.candidateNotes().forEach(note -> notes.add("candidate: " + note));
    return notes;
  }

  /** Escapes invisible characters, line feeds too, and, when guarding, neutralises what spreadsheets treat as a formula. */
  static String cell(String value, boolean guardFormulas) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return guarded(value.charAt(0), TerminalText.clean(value), guardFormulas);
  }

  /**
   * Entries one per line of the cell. Each is escaped before they are joined, so that the line
   * feeds between them are the only ones: one inside crash text cannot forge an entry.
   */
  static String lines(List<String> entries, boolean guardFormulas) {
    if (entries.isEmpty()) {
      return "";
    }
    List<String> escaped = new ArrayList<>(entries.size());
    entries.forEach(entry -> escaped.add(TerminalText.clean(entry)));
    return guarded(entries.get(0).isEmpty() ? ' ' : entries.get(0).charAt(0), String.join("\n", escaped), guardFormulas);
  }

  private static String guarded(char first, String safe, boolean guardFormulas) {
    if (guardFormulas && (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')) {
      return "'" + safe;
    }
    return safe;
  }

  @Override
  public void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    out.flush();
  }
}
