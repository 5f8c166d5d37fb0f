package org.siggendiff.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.diff.ProductionImpact;
import org.siggendiff.sources.ResolvedSiglists;

/**
 * A block per crash for people at a terminal, with the siglist lines that moved a changed
 * crash under it; crash text is cleaned of control characters.
 */
final class TextRowWriter implements RowWriter {
  private final Writer out;
  private final boolean verbose;

  TextRowWriter(Writer out, ResolvedSiglists baseline, ResolvedSiglists candidate, boolean verbose) throws IOException {
    this.out = out;
    this.verbose = verbose;
    out.write("baseline:  " + TerminalText.clean(baseline.describe()) + "\n");
    out.write("candidate: " + TerminalText.clean(candidate.describe()) + "\n");
  }

  @Override
  public void row(DiffRow row) throws IOException {
    StringBuilder block = new StringBuilder("\n").append(TerminalText.clean(row.crashId())).append('\n');
    if (!row.ok()) {
      block.append("  error:      ").append(TerminalText.clean(row.error())).append('\n');
      out.write(block.toString());
      return;
    }
    block.append("  production: ").append(row.production() == null ? "(unknown)" : TerminalText.clean(row.production())).append('\n');
    block.append("  baseline:   ").append(TerminalText.clean(row.baseline())).append('\n');
    block.append("  candidate:  ").append(TerminalText.clean(row.candidate())).append('\n');
    block.append("  same:       ").append(row.same() ? "yes" : "no").append('\n');
    List<String> cause = CauseText.lines(row.cause());
    for (int i = 0; i < cause.size(); i++) {
      block.append(i == 0 ? "  cause:      " : "              ").append(TerminalText.clean(cause.get(i))).append('\n');
    }
    if (verbose) {
      lines(block, "baseline notes", row.baselineNotes());
      lines(block, "baseline debug", row.baselineDebug());
      lines(block, "candidate notes", row.candidateNotes());
      lines(block, "candidate debug", row.candidateDebug());
    }
    out.write(block.toString());
  }

  private static void lines(StringBuilder block, String title, List<String> lines) {
    block.append("  ").append(title).append(':').append(lines.isEmpty() ? " (none)\n" : "\n");
    for (String line : lines) {
      block.append("    ").append(TerminalText.clean(line)).append('\n');
    }
  }

  @Override
  public void finish(DiffSummary summary, ProductionImpact.Report impact) throws IOException {
    out.flush();
  }
}
