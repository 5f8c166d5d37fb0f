package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.siggendiff.diff.DiffRow;

/**
 * RFC 4180 CSV: {@code crashid,production,baseline,candidate,same,notes}. Invisible characters
 * are escaped; notes are one per line within their cell, each prefixed with its side. Unless
 * raw, a cell that a spreadsheet would run as a formula gets a leading apostrophe: spreadsheets
 * are the main readers, but the guard also hits real signatures ({@code -[NSApplication run]}),
 * so programs reading the CSV ask for it raw.
 */
final class CsvRowWriter implements RowWriter {
  static final String[] HEADER = {"crashid", "production", "baseline", "candidate", "same", "notes"};

  private final CSVPrinter printer;
  private final boolean guardFormulas;

  CsvRowWriter(Writer out, boolean guardFormulas) throws IOException {
    this.guardFormulas = guardFormulas;
    this.printer = CSVFormat.RFC4180.builder().setHeader(HEADER).build().print(out);
  }

  @Override
  public void row(DiffRow row) throws IOException {
    List<String> notes = new ArrayList<>();
    if (!row.ok()) {
      notes.add("error: " + row.error());
    }
    row.baselineNotes().forEach(note -> notes.add("baseline: " + note));
    row.candidateNotes().forEach(note -> notes.add("candidate: " + note));
    printer.printRecord(
        cell(row.crashId(), guardFormulas),
        cell(row.production(), guardFormulas),
        cell(row.baseline(), guardFormulas),
        cell(row.candidate(), guardFormulas),
        row.ok() ? String.valueOf(row.same()) : "",
        cell(String.join("\n", notes), guardFormulas));
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
  public void finish() throws IOException {
    printer.flush();
  }
}
