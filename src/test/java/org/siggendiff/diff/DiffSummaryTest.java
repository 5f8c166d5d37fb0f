package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.LineCause;
import org.siggendiff.attribution.SiglistChange;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.testing.CrashIds;

/** The by-line summary the report formats read, several times each, after a run. */
class DiffSummaryTest {
  private static SiglistSet set(String name, List<String> irrelevant) throws SiglistException {
    return SiglistLoader.fromLines(
        Map.of(SiglistKind.IRRELEVANT, irrelevant, SiglistKind.PREFIX, List.of(), SiglistKind.SENTINELS, List.of(),
            SiglistKind.LINE_NUMBERS, List.of()),
        name, Duration.ofSeconds(1));
  }

  private static DiffRow moved(int n, ChangedLine line, String baseline, String candidate) {
    Cause cause = new Cause(List.of(new LineCause(line, List.of(baseline))), null);
    return new DiffRow(CrashIds.text(n), true, null, baseline, candidate, List.of(), List.of(), List.of(), List.of(), null, null, cause, null);
  }

  @Test
  void aCrashThatFailsAgainFailsOnceAndRowsNamedByWhereTheyCameFromAreNeverRepeats() throws Exception {
    SiglistSet siglists = set("base", List.of());
    ResolvedSiglists source = new ResolvedSiglists("base", Optional.empty(), Optional.of(siglists));
    DiffSummary summary = new DiffSummary(source, source);

    assertTrue(summary.add(DiffRow.failed(CrashIds.text(1), true, "not found", "no such crash")));
    assertFalse(summary.add(DiffRow.failed(CrashIds.text(1), true, "not found", "no such crash")));
    assertTrue(summary.add(DiffRow.failed("a.jsonl:3", false, "invalid input", "not valid JSON")));
    assertTrue(summary.add(DiffRow.failed("a.jsonl:3", false, "invalid input", "not valid JSON")));

    assertEquals(3, summary.read());
    assertEquals(3, summary.failed());
    assertEquals(1, summary.repeats().leftOut());
    assertEquals(List.of(new RepeatedCrashes.Repeat(CrashIds.text(1), 2, true, null)), summary.repeats().repeats());
  }

  @Test
  void aRunStoppedEarlySuggestsNoTypoForALineThatMatchedNothingSoFar() throws Exception {
    SiglistSet siglists = set("base", List.of());
    ResolvedSiglists source = new ResolvedSiglists("base", Optional.empty(), Optional.of(siglists));
    DiffSummary summary = new DiffSummary(source, source);
    summary.add(new DiffRow(CrashIds.text(1), true, null, "A", "A", List.of(), List.of(), List.of(), List.of(), null, null, null, null));
    summary.add(new DiffRow(CrashIds.text(2), true, null, "B", "B", List.of(), List.of(), List.of(), List.of(), null, null, null, null));
    assertTrue(summary.unmatchedWarning(true).endsWith(": check for a typo, or add crashes it should move"));

    summary.interrupted(30, false);

    assertEquals("matches no frame in the 2 crashes signed before the run stopped; the whole run would tell whether it matches",
        summary.unmatchedWarning(true));
  }

  @Test
  void linesThatMovedCrashesComeFirstMostFirstThenTheOthersInFileOrder() throws Exception {
    SiglistSet baseline = set("base", List.of());
    SiglistSet candidate = set("cand", List.of("Frame::Nothing", "Frame::One", "Frame::Two", "Frame::AlsoNothing"));
    SiglistChange change = new Explainer(
            new Explainer.Side("base", new SignatureGenerator(baseline)), new Explainer.Side("cand", new SignatureGenerator(candidate)))
        .change().orElseThrow();
    DiffSummary summary = new DiffSummary(
        new ResolvedSiglists("base", Optional.empty(), Optional.of(baseline)),
        new ResolvedSiglists("cand", Optional.empty(), Optional.of(candidate)));
    summary.attribution(change, null);
    summary.add(moved(1, change.added().get(1), "Frame::One", "X"));
    summary.add(moved(2, change.added().get(2), "Frame::Two", "Y"));
    summary.add(moved(3, change.added().get(2), "Frame::Two", "Z"));

    assertEquals(List.of("Frame::Two", "Frame::One", "Frame::Nothing", "Frame::AlsoNothing"),
        summary.byLine().stream().map(line -> line.line().text()).toList());
  }

  @Test
  void theByLineSummaryIsMadeOnceAndAgainAfterMoreRows() throws Exception {
    SiglistSet baseline = set("base", List.of());
    SiglistSet candidate = set("cand", List.of("Frame::A"));
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
