package org.siggendiff.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.CrashExplanation;
import org.siggendiff.attribution.ExplainedFrame;
import org.siggendiff.attribution.ExplainedWalk;
import org.siggendiff.attribution.FrameRole;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.attribution.ListLine;
import org.siggendiff.attribution.SideExplanation;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.diff.DiffSummary;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.testing.CrashIds;

/** Rows, explanations and runs of the report writers, built in memory. */
final class ReportFixtures {
  /** Text that would run as script, load an image or ping someone if any report took it for markup. */
  static final String IMG = "<img src=x onerror=\"document.title='pwned'\">";
  static final String SCRIPT = "</script><script>document.title='pwned';document.body.appendChild(document.createElement('hr'))</script>";
  static final String NETWORK = "<img src=\"http://evil.example/x.png\">";
  static final String MARKDOWN = "a | b `c` [d](http://e) *f* _g_ <h> @octocat #123 ![i](http://j) &amp;";

  static final ResolvedSiglists PRODUCTION = new ResolvedSiglists("production", Optional.empty(), Optional.empty());
  static final ResolvedSiglists BASELINE =
      new ResolvedSiglists("github:main", Optional.of("0123456789abcdef0123456789abcdef01234567"), Optional.of(siglists()));
  static final ResolvedSiglists CANDIDATE =
      new ResolvedSiglists("~/socorro@my-branch", Optional.of("fedcba9876543210fedcba9876543210fedcba98"), Optional.of(siglists()));

  private ReportFixtures() {}

  private static SiglistSet siglists() {
    try {
      return SiglistLoader.load(Path.of("src/test/resources/siglists/basic"), "basic");
    } catch (SiglistException e) {
      throw new IllegalStateException(e);
    }
  }

  static ChangedLine added(String text) {
    return new ChangedLine(SiglistKind.IRRELEVANT, 12, ChangedLine.ADDED, text);
  }

  static DiffRow changed(int n, String baseline, String candidate) {
    Cause cause = new Cause(List.of(new LineCause(added(baseline), List.of(baseline))), null);
    return new DiffRow(CrashIds.text(n), true, baseline, baseline, candidate, List.of(), List.of(), List.of(), List.of(), null, null, cause, null);
  }

  static DiffRow same(int n, String signature) {
    return new DiffRow(CrashIds.text(n), true, signature, signature, signature, List.of(), List.of(), List.of(), List.of(), null, null, null, null);
  }

  /** A changed row whose explanation shows {@code frame} ending the baseline walk and skipped by the candidate. */
  static DiffRow explained(int n, String frame, String next) {
    DiffRow row = changed(n, frame, next);
    ListLine line = new ListLine(SiglistKind.IRRELEVANT, 3, 12, frame);
    SideExplanation before = new SideExplanation("baseline", frame, List.of(new ExplainedWalk("SignatureGenerationRule", "0", List.of(
        new ExplainedFrame(0, frame, FrameRole.END, false, false, List.of()),
        new ExplainedFrame(1, next, FrameRole.NOT_REACHED, false, false, List.of())), frame, null)), List.of(), List.of(), List.of());
    SideExplanation after = new SideExplanation("candidate", next, List.of(new ExplainedWalk("SignatureGenerationRule", "0", List.of(
        new ExplainedFrame(0, frame, FrameRole.IRRELEVANT, false, false, List.of(line)),
        new ExplainedFrame(1, next, FrameRole.END, false, false, List.of())), next, null)), List.of(), List.of(), List.of());
    CrashExplanation explanation = new CrashExplanation(before, after, row.cause());
    return new DiffRow(row.crashId(), true, row.production(), row.baseline(), row.candidate(), List.of(), List.of(), List.of(),
        List.of(), null, null, row.cause(), explanation);
  }

  /** Writes rows through a writer of {@code format} and returns the report. */
  static String report(ReportFormat format, ResolvedSiglists baseline, ReportOptions options, List<DiffRow> rows) {
    StringWriter out = new StringWriter();
    write(out, format, baseline, options, rows);
    return out.toString();
  }

  static DiffSummary write(Writer out, ReportFormat format, ResolvedSiglists baseline, ReportOptions options, Iterable<DiffRow> rows) {
    try {
      DiffSummary summary = new DiffSummary(baseline, CANDIDATE);
      RowWriter writer = format.open(out, baseline, CANDIDATE, options);
      for (DiffRow row : rows) {
        // As the diff does: a crash already counted is not shown again.
        if (summary.add(row) && (!options.differentOnly() || row.changed())) {
          writer.row(row);
        }
      }
      writer.finish(summary, null);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ReportOptions options(boolean differentOnly, int maxChars) {
    return new ReportOptions(false, false, differentOnly, ReportLinks.of(ReportLinks.CRASH_STATS), maxChars, ReportOptions.DEFAULT_EXPLANATIONS);
  }
}
