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

  private final Writer out;
  /**
   * Each row is printed here, then written out whole: printed to the writer itself, every cell
   * and part of a cell went through its lock and its encoder on its own, a fifth of the thread
   * that reads a corpus and writes the rows.
   */
  private final StringBuilder text = new StringBuilder(1024);
  private final CSVPrinter printer;
  private final boolean guardFormulas;
  private final boolean verbose;

  CsvRowWriter(Writer out, boolean guardFormulas, boolean verbose) throws IOException {
    this.out = out;
    this.guardFormulas = guardFormulas;
    this.verbose = verbose;
    this.printer = CSVFormat.RFC4180.builder().setHeader(verbose ? VERBOSE_HEADER : HEADER).build().print(text);
    writeText();
  }

  private void writeText() throws IOException {
    out.append(text);
    text.setLength(0);
  }

  @Override
  public void row(DiffRow row) throws IOException {
    List<String> notes = new ArrayList<>();
    if (!row.ok()) {
      notes.add("error: " + row.error());
    }
    row.baselineNotes().forEach(note -> notes.add("baseline: " + note));
    row.candidateNotes().forEach(note -> notes.add("candidate: " + note));
    List<String> cells = new ArrayList<>(List.of(
        cell(row.crashId(), guardFormulas),
        cell(row.production(), guardFormulas),
        cell(row.baseline(), guardFormulas),
        cell(row.candidate(), guardFormulas),
        row.ok() ? String.valueOf(row.same()) : "",
        cell(String.join("\n", notes), guardFormulas),
        cell(String.join("\n", CauseText.lines(row.cause())), guardFormulas)));
    if (verbose) {
      List<String> debug = new ArrayList<>();
      row.baselineDebug().forEach(line -> debug.add("baseline: " + line));
      row.candidateDebug().forEach(line -> debug.add("candidate: " + line));
      cells.add(cell(String.join("\n", debug), guardFormulas));
    }
    // Cell by cell: printRecord goes through a stream and a lambda per cell.
    for (String cell : cells) {
      printer.print(cell);
    }
    printer.println();
    writeText();
  }

  /** Escapes invisible characters and, when guarding, neutralises what spreadsheets treat as a formula. */
  static String cell(String value, boolean guardFormulas) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    String safe = TerminalText.cleanKeepingNewlines(value);
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
