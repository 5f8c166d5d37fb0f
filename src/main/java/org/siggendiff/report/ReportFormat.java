package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import org.siggendiff.sources.ResolvedSiglists;

/** The report formats, and the writer for each. */
public enum ReportFormat {
  TEXT,
  CSV,
  MARKDOWN,
  JSONL,
  /** The changed crashes' IDs only, one per line. */
  IDS;

  /**
   * A writer for this format.
   *
   * @param verbose adds debug lines (and notes, where the format does not always have them)
   * @param rawCsv leaves CSV cells that look like formulas as they are, for programs
   */
  public RowWriter open(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, boolean verbose, boolean rawCsv)
      throws IOException {
    return switch (this) {
      case TEXT -> new TextRowWriter(out, baseline, candidate, verbose);
      case CSV -> new CsvRowWriter(out, !rawCsv, verbose);
      case MARKDOWN -> new MarkdownRowWriter(out, baseline, candidate, verbose);
      case JSONL -> new JsonlRowWriter(out, verbose);
      case IDS -> new IdsRowWriter(out);
    };
  }
}
