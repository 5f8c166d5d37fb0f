package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.attribution.SiglistChange;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.testing.CrashIds;

/** The by-line summary the report formats read, several times each, after a run. */
class DiffSummaryTest {
  @TempDir Path folder;

  private SiglistSet set(String name, String irrelevant) throws IOException, SiglistException {
    Path dir = Files.createDirectories(folder.resolve(name));
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), irrelevant);
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "");
    Files.writeString(dir.resolve("signature_sentinels.txt"), "");
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "");
    return SiglistLoader.load(dir, name);
  }

  private static DiffRow moved(int n, ChangedLine line, String baseline, String candidate) {
    Cause cause = new Cause(List.of(new LineCause(line, List.of(baseline))), null);
    return new DiffRow(CrashIds.text(n), true, null, baseline, candidate, List.of(), List.of(), List.of(), List.of(), null, null, cause, null);
  }

  @Test
  void theByLineSummaryIsMadeOnceAndAgainAfterMoreRows() throws Exception {
    SiglistSet baseline = set("base", "");
    SiglistSet candidate = set("cand", "Frame::A\n");
    SiglistChange change = new Explainer(
            new Explainer.Side("base", new SignatureGenerator(baseline)), new Explainer.Side("cand", new SignatureGenerator(candidate)))
        .change().orElseThrow();
    ChangedLine added = change.added().get(0);
    DiffSummary summary = new DiffSummary(
        new ResolvedSiglists("base", Optional.empty(), Optional.of(baseline)),
        new ResolvedSiglists("cand", Optional.empty(), Optional.of(candidate)));
    summary.attribution(change, null);
    summary.add(moved(1, added, "Frame::A", "Frame::B"));

    List<DiffSummary.LineSummary> first = summary.byLine();
    assertSame(first, summary.byLine());
    assertEquals(1, first.get(0).crashes());

    summary.add(moved(2, added, "Frame::A", "Frame::C"));
    List<DiffSummary.LineSummary> second = summary.byLine();
    assertEquals(2, second.get(0).crashes());
    assertEquals(List.of(
            new DiffSummary.Transition("Frame::A", "Frame::B", 1), new DiffSummary.Transition("Frame::A", "Frame::C", 1)),
        second.get(0).transitions());
    assertEquals(List.of(), summary.unmatchedLines());
  }
}
