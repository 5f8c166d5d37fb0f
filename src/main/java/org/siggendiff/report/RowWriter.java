package org.siggendiff.report;

import java.io.IOException;
import org.siggendiff.diff.DiffRow;

/** Writes diff rows in one report format. */
public interface RowWriter {
  void row(DiffRow row) throws IOException;

  /** Writes anything that follows the last row, and flushes. */
  void finish() throws IOException;
}
