package org.siggendiff.report;

import java.io.IOException;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;

/** Writes diff rows in one report format. */
public interface RowWriter {
  void row(DiffRow row) throws IOException;

  /**
   * Writes anything that follows the last row, and flushes. The Markdown and HTML reports write
   * their summary and production impact here; the other formats leave them to stderr and
   * {@code --summary}.
   *
   * @param impact the production impact, or null when it was not asked for or not measured
   */
  void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException;
}
