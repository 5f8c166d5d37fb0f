package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.InvalidCrashIdException;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;

/**
 * The crash IDs whose signature the candidate changes, one per line, ready for {@code siggen-diff
 * reprocess}: documents without a crash ID, failed crashes and unchanged ones are left out.
 */
final class IdsRowWriter implements RowWriter {
  private final Writer out;

  IdsRowWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void row(DiffRow row) throws IOException {
    if (!row.changed() || !row.linkable()) {
      return;
    }
    try {
      // Only a valid crash ID can be written: the line goes on to a request that acts on it.
      out.write(CrashId.parse(row.crashId()).value());
      out.write('\n');
    } catch (InvalidCrashIdException e) {
      // A linkable row always has a crash ID; nothing else is written.
    }
  }

  @Override
  public void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    out.flush();
  }
}
