package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import org.siggendiff.sources.ResolvedSiglists;

/** The report formats, and the writer for each. */
public enum ReportFormat {
  TEXT,
  CSV,
  /** A whole report to paste into a GitHub comment, written at the end. */
  MARKDOWN,
  JSONL,
  /** The changed crashes' IDs only, one per line. */
  IDS,
  /** One self-contained page to open from disk. */
  HTML;

  /** A writer for this format. */
  public RowWriter open(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, ReportOptions options)
      throws IOException {
    return switch (this) {
      case TEXT -> new TextRowWriter(out, baseline, candidate, options.verbose());
      case CSV -> new CsvRowWriter(out, !options.rawCsv(), options.verbose());
      case MARKDOWN -> new MarkdownRowWriter(out, baseline, candidate, options);
      case JSONL -> new JsonlRowWriter(out, options.verbose());
      case IDS -> new IdsRowWriter(out);
      case HTML -> new HtmlRowWriter(out, baseline, candidate, options);
    };
  }

  /** How many changed crashes the diff should explain frame by frame for this format. */
  public int explanations(ReportOptions options) {
    return this == HTML ? options.explanations() : 0;
  }
}
