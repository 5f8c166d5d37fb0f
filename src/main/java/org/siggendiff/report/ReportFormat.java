package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import org.siggendiff.siglist.ResolvedSiglists;

/** The report formats, and the writer for each. */
public enum ReportFormat {
  TEXT,
  CSV,
  MARKDOWN,
  JSONL;

  /** A writer for this format; {@code verbose} adds notes and debug lines where the format has room. */
  public RowWriter open(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, boolean verbose) throws IOException {
    return switch (this) {
      case TEXT -> new TextRowWriter(out, baseline, candidate, verbose);
      case CSV -> new CsvRowWriter(out);
      case MARKDOWN -> new MarkdownRowWriter(out, baseline, candidate);
      case JSONL -> new JsonlRowWriter(out);
    };
  }
}
