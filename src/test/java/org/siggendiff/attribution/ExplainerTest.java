package org.siggendiff.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.Fixtures.crash;
import static org.siggendiff.testing.Fixtures.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureGenerator;

/** Golden cases: each kind of siglist change, and the lines the attribution names for it. */
class ExplainerTest {
  @TempDir Path folder;

  /** The four lists, each file starting with a comment and a blank line so that file lines differ from indices. */
  private SignatureGenerator set(String name, String irrelevant, String prefix, String sentinels, String lineNumbers)
      throws IOException, SiglistException {
    Path dir = Files.createDirectories(folder.resolve(name));
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), "# irrelevant\n\n" + irrelevant);
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "# prefix\n\n" + prefix);
    Files.writeString(dir.resolve("signature_sentinels.txt"), "# sentinels\n\n" + sentinels);
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "# line numbers\n\n" + lineNumbers);
    return new SignatureGenerator(SiglistLoader.load(dir, name));
  }

  private Explainer explainer(SignatureGenerator baseline, SignatureGenerator candidate) {
    return new Explainer(new Explainer.Side("base", baseline), new Explainer.Side("cand", candidate));
  }

  private static String describe(Cause cause) {
    return cause.lines().stream().map(c -> c.line() + " " + c.frames()).toList().toString();
  }

  @Test
  void aNewPrefixLineIsNamedWithItsFileLineAndFrame() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"), set("c", "Ignored\n", "Other\nFoo\n", "", "None$\n"));

    CrashExplanation explained = explainer.explain(stack("Foo", "Bar", "Baz"), null);

    assertEquals("Foo", explained.baseline().signature());
    assertEquals("Foo | Bar", explained.candidate().signature());
    assertEquals("[+ prefix_signature_re.txt:4 Foo [Foo]]", describe(explained.cause()));
    ExplainedFrame top = explained.candidate().walks().get(0).frames().get(0);
    assertEquals("prefix", top.roleText());
    assertEquals("prefix_signature_re.txt:4", top.lines().get(0).location());
    assertEquals(FrameRole.END, explained.baseline().walks().get(0).frames().get(0).role());
  }

  @Test
  void aNewIrrelevantLineIsNamed() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"), set("c", "Ignored\nFoo$\n", "Other\n", "", "None$\n"));

    CrashExplanation explained = explainer.explain(stack("Foo", "Bar"), null);

    assertEquals("Bar", explained.candidate().signature());
    assertEquals("[+ irrelevant_signature_re.txt:4 Foo$ [Foo]]", describe(explained.cause()));
    assertEquals("irrelevant", explained.candidate().walks().get(0).frames().get(0).roleText());
  }

  @Test
  void aPrefixLineOnTheLastFrameKeptIsNotNamedItChangesNothing() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"),
        set("c", "Ignored\nAaa::first\n", "Other\nFoo::last\n", "", "None$\n"));

    CrashExplanation last = explainer.explain(stack("Aaa::first", "Foo::last", "Ignored"), null);
    CrashExplanation notLast = explainer.explain(stack("Aaa::first", "Foo::last", "Bar"), null);

    assertEquals("Foo::last", last.candidate().signature());
    assertEquals("[+ irrelevant_signature_re.txt:4 Aaa::first [Aaa::first]]", describe(last.cause()));
    assertEquals("Foo::last | Bar", notLast.candidate().signature());
    assertEquals("[+ irrelevant_signature_re.txt:4 Aaa::first [Aaa::first], + prefix_signature_re.txt:4 Foo::last [Foo::last]]",
        describe(notLast.cause()));
  }

  @Test
  void theCauseFromTheTracesOfAKeptGenerationIsTheCauseOfTracingAfresh() throws Exception {
    SignatureGenerator baseline = set("b", "Ignored\n", "Other\n", "", "None$\n");
    SignatureGenerator candidate = set("c", "Ignored\nAaa::first\n", "Other\nFoo::last\n", "", "None$\n");
    Explainer explainer = explainer(baseline, candidate);
    CrashData crash = stack("Aaa::first", "Foo::last", "Bar");

    Cause kept = explainer.cause(baseline.generateTraceable(crash).trace(), candidate.generateTraceable(crash).trace());

    assertEquals("[+ irrelevant_signature_re.txt:4 Aaa::first [Aaa::first], + prefix_signature_re.txt:4 Foo::last [Foo::last]]",
        describe(kept));
    assertEquals(explainer.cause(crash), kept);
  }

  @Test
  void aPrefixLineIsNotNamedForAFrameNoSideKeptAsAPrefixWithMoreAfterIt() throws Exception {
    // Skipped on both sides; ended on the side that adds the prefix; before the sentinel there.
    Explainer skipped = explainer(set("b1", "Ignored\n", "Other\n", "", "None$\n"), set("c1", "Ignored\nAaa\n", "Other\nIgn\n", "", "None$\n"));
    Explainer ended = explainer(set("b2", "Foo$\n", "Other\n", "", "None$\n"), set("c2", "Bar$\n", "Other\nFoo\n", "", "None$\n"));
    Explainer cut = explainer(set("b3", "Ignored\n", "Other\n", "", "None$\n"), set("c3", "Ignored\n", "Other\nF0\n", "S\n", "None$\n"));

    assertEquals("[+ irrelevant_signature_re.txt:4 Aaa [Aaa]]", describe(skipped.cause(stack("Aaa", "Ignored", "Foo"))));
    assertEquals("[- irrelevant_signature_re.txt:3 Foo$ [Foo], + irrelevant_signature_re.txt:3 Bar$ [Bar]]",
        describe(ended.cause(stack("Foo", "Bar"))));
    assertEquals("[+ signature_sentinels.txt:3 S [S]]", describe(cut.cause(stack("F0", "F1", "S", "G"))));
  }

  @Test
  void aPrefixLineIsNotNamedForAFrameTheCandidateSkipsOrNeverReaches() throws Exception {
    // Foo moves from the prefix list to the irrelevant list: the candidate skips Foo whether or
    // not it is still a prefix, so only the irrelevant line answers for the move.
    Explainer moved = explainer(set("b1", "Ignored\n", "Other\nFoo\n", "", "None$\n"), set("c1", "Ignored\nFoo$\n", "Other\n", "", "None$\n"));
    // A sentinel added below Foo: the candidate starts after it and never asks about it.
    Explainer cut = explainer(set("b2", "Ignored\n", "Other\nFoo\n", "", "None$\n"), set("c2", "Ignored\n", "Other\n", "S\n", "None$\n"));

    CrashExplanation skipped = moved.explain(stack("Foo", "Bar", "Baz"), null);
    CrashExplanation notReached = cut.explain(stack("Foo", "S", "Baz"), null);

    assertEquals("Foo | Bar", skipped.baseline().signature());
    assertEquals("Bar", skipped.candidate().signature());
    assertEquals("[+ irrelevant_signature_re.txt:4 Foo$ [Foo]]", describe(skipped.cause()));
    assertEquals("Foo | S", notReached.baseline().signature());
    assertEquals("S", notReached.candidate().signature());
    assertEquals("[+ signature_sentinels.txt:3 S [S]]", describe(notReached.cause()));
  }

  @Test
  void aListOneSideHasNoLinesOfMatchesEveryFrameAndIsTheCause() throws Exception {
    // Socorro joins no lines into an empty pattern, which re.match finds at the start of any frame.
    SignatureGenerator lines = set("b", "Ignored\nFoo$\n", "Other\n", "", "None$\n");
    SignatureGenerator none = set("c", "", "Other\n", "", "None$\n");
    String why = "irrelevant_signature_re.txt has no lines %s, and Socorro joins no lines into an empty pattern, which matches every frame";

    CrashExplanation emptied = explainer(lines, none).explain(stack("Foo", "Bar", "Baz"), null);
    CrashExplanation filled = explainer(none, lines).explain(stack("Foo", "Bar", "Baz"), null);

    assertEquals("Bar", emptied.baseline().signature());
    assertEquals("not a siglist line: " + String.format(why, "left on the candidate"), emptied.cause().notALine());
    assertEquals("not a siglist line: " + String.format(why, "on the baseline"), filled.cause().notALine());
  }

  @Test
  void aRemovedLineOfAListWithAGlobalFlagIsNamedForTheFramesTheFlagLetItMatch() throws Exception {
    Explainer explainer = explainer(set("b", "(?i)Ignored\nfoo\n", "Other\n", "", "None$\n"), set("c", "(?i)Ignored\n", "Other\n", "", "None$\n"));

    Cause cause = explainer.cause(stack("FOO", "Bar"));

    assertEquals("[- irrelevant_signature_re.txt:4 foo [FOO]]", describe(cause));
  }

  @Test
  void aRemovedLineIsNamedWithItsBaselineFileLine() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\nFoo$\n", "Other\n", "", "None$\n"), set("c", "Ignored\n", "Other\n", "", "None$\n"));

    Cause cause = explainer.cause(stack("Foo", "Bar"));

    assertEquals("[- irrelevant_signature_re.txt:4 Foo$ [Foo]]", describe(cause));
  }

  @Test
  void aNewSentinelIsNamedAndOnlyTheFirstSentinelCounts() throws Exception {
    Explainer explainer =
        explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"), set("c", "Ignored\n", "Other\n", "Baz\nBar\n", "None$\n"));

    CrashExplanation explained = explainer.explain(stack("Foo", "Bar", "Baz"), null);

    assertEquals("Bar", explained.candidate().signature());
    // Baz is a new sentinel too, but the walk starts at Bar, the first sentinel frame.
    assertEquals("[+ signature_sentinels.txt:4 Bar [Bar]]", describe(explained.cause()));
    ExplainedFrame start = explained.candidate().walks().get(0).frames().get(1);
    assertEquals("sentinel, signature end", start.roleText());
    assertEquals("before the sentinel", explained.candidate().walks().get(0).frames().get(0).roleText());
  }

  @Test
  void aLineNumberLineIsNamedWithTheFrameAsItBecame() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"), set("c", "Ignored\n", "Other\n", "", "None$\nFoo\n"));

    CrashExplanation explained =
        explainer.explain(crash("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'Foo', 'line': 12}]}]}"), null);

    assertEquals("Foo:12", explained.candidate().signature());
    assertEquals("[+ signatures_with_line_numbers_re.txt:4 Foo [Foo:12]]", describe(explained.cause()));
    ExplainedFrame frame = explained.candidate().walks().get(0).frames().get(0);
    assertEquals("line numbers, signature end", frame.roleText());
    assertEquals("signatures_with_line_numbers_re.txt:4", frame.lines().get(0).location());
  }

  @Test
  void anEditedLineIsTheOldLinesMinusAndTheNewLinesPlus() throws Exception {
    Explainer explainer =
        explainer(set("b", "Ignored\nAlpha$\n", "Other\n", "", "None$\n"), set("c", "Ignored\nBeta$\n", "Other\n", "", "None$\n"));

    Cause cause = explainer.cause(stack("Beta", "Alpha", "Gamma"));

    assertEquals(
        "[+ irrelevant_signature_re.txt:4 Beta$ [Beta], - irrelevant_signature_re.txt:4 Alpha$ [Alpha]]", describe(cause));
  }

  @Test
  void twoLinesCanBothBeResponsibleForOneCrash() throws Exception {
    Explainer explainer =
        explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"), set("c", "Ignored\nBar$\n", "Other\nFoo$\n", "", "None$\n"));

    CrashExplanation explained = explainer.explain(stack("Foo", "Bar", "Baz"), null);

    assertEquals("Foo | Baz", explained.candidate().signature());
    assertEquals(
        "[+ prefix_signature_re.txt:4 Foo$ [Foo], + irrelevant_signature_re.txt:4 Bar$ [Bar]]", describe(explained.cause()));
  }

  @Test
  void anAddedLineThatMatchesOnlyAlreadyMatchedFramesIsNotResponsible() throws Exception {
    // Foo.* and Bar are added; Foo.* moves the crash, Bar is never reached on either side.
    Explainer explainer =
        explainer(set("b", "Ignored\n", "Other\nFoo$\n", "", "None$\n"), set("c", "Ignored\n", "Other\nFoo$\nFoo.*\nBaz\n", "", "None$\n"));

    Cause cause = explainer.cause(stack("Foo", "Foox", "Bar", "Baz"));

    assertEquals("[+ prefix_signature_re.txt:5 Foo.* [Foox]]", describe(cause));
  }

  @Test
  void aShutdownHangIsMovedByALineMatchingThreadZero() throws Exception {
    SignatureGenerator base = set("b", "Ignored\n", "Other\n", "", "None$\n");
    SignatureGenerator cand = set("c", "Ignored\n", "Other\nnsThread::ProcessNextEvent\n", "", "None$\n");
    CrashData data = crash("{'crashing_thread': 1, 'threads': [{'frames': [{'function': 'nsThread::ProcessNextEvent'}, {'function': 'Main'}]},"
        + " {'frames': [{'function': 'mozilla::(anonymous namespace)::RunWatchdog(void*)'}]}]}");

    CrashExplanation explained = explainer(base, cand).explain(data, null);

    assertEquals("shutdownhang | nsThread::ProcessNextEvent | Main", explained.candidate().signature());
    assertEquals("[+ prefix_signature_re.txt:4 nsThread::ProcessNextEvent [nsThread::ProcessNextEvent]]", describe(explained.cause()));
    assertEquals(List.of("SignatureGenerationRule", "SignatureRunWatchDog"),
        explained.candidate().walks().stream().map(ExplainedWalk::rule).toList());
    assertEquals("SignatureRunWatchDog", explained.candidate().rulesAfterWalk().get(0).rule());
  }

  @Test
  void aRuleThatRewritesTheSignatureHidesTheLineAndIsNamed() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\n", "Other\n", "", "None$\n"), set("c", "Ignored\nFoo$\n", "Other\n", "", "None$\n"));
    CrashData oom = crash("{'crashing_thread': 0, 'oom_allocation_size': 5, 'threads': [{'frames': [{'function': 'Foo'}, {'function': 'Bar'}]}]}");

    CrashExplanation explained = explainer.explain(oom, null);

    assertEquals("OOM | small", explained.candidate().signature());
    assertFalse(explained.differs());
    assertNull(explained.cause());
    assertEquals("OOMSignature", explained.candidate().rulesAfterWalk().get(0).rule());
    assertEquals("Bar", explained.candidate().walks().get(0).signature());
  }

  @Test
  void aProductionBaselineIsACauseThatIsNotALine() throws Exception {
    Explainer explainer = new Explainer(Explainer.Side.production("production"), new Explainer.Side("cand", set("c", "Ignored\n", "Other\n", "", "None$\n")));

    CrashExplanation explained = explainer.explain(stack("Foo", "Bar"), "Stored | Signature");

    assertTrue(explained.differs());
    assertFalse(explained.cause().isLine());
    assertTrue(explained.cause().notALine().startsWith("not a siglist line: baseline is production"), explained.cause().notALine());
    assertTrue(explainer.change().isEmpty());
  }

  @Test
  void listsWithTheSameLinesInAnotherOrderChangeNothing() throws Exception {
    Explainer explainer = explainer(set("b", "Ignored\nFoo\n", "Other\n", "", "None$\n"), set("c", "Foo\nIgnored\n", "Other\n", "", "None$\n"));

    CrashExplanation explained = explainer.explain(stack("Foo", "Bar"), null);

    assertTrue(explainer.change().orElseThrow().isEmpty());
    assertFalse(explained.differs());
    assertNull(explained.cause());
    // The line that matched is each side's own first match, at its own file line.
    assertEquals("irrelevant_signature_re.txt:4", explained.baseline().walks().get(0).frames().get(0).lines().get(0).location());
    assertEquals("irrelevant_signature_re.txt:3", explained.candidate().walks().get(0).frames().get(0).lines().get(0).location());
  }

  @Test
  void oneSourceExplainsItsOwnWalk() throws Exception {
    Explainer explainer = new Explainer(null, new Explainer.Side("cand", set("c", "Ignored\n", "Other\nFoo\n", "", "None$\n")));

    CrashExplanation explained = explainer.explain(stack("Ignored", "Foo", "Bar", "Baz"), null);

    assertNull(explained.baseline());
    assertEquals("Foo | Bar", explained.candidate().signature());
    assertEquals(List.of("irrelevant", "prefix", "signature end", "not reached"),
        explained.candidate().walks().get(0).frames().stream().map(ExplainedFrame::roleText).toList());
    assertEquals("irrelevant_signature_re.txt:3", explained.candidate().walks().get(0).frames().get(0).lines().get(0).location());
  }

  @Test
  void lintWarnsOfAnAddedLineThatMatchesNothingOneThatIsShadowedAndOneThatConflicts() throws Exception {
    Explainer explainer = explainer(
        set("b", "Ignored\n", "Other\nFoo\n", "", "None$\n"),
        set("c", "Ignored\nBar$\n", "Other\nFoo\nFoo::Deeper\nTypo::Nothing\nBar\n", "", "None$\n"));
    LineUsage usage = new LineUsage(explainer.change().orElseThrow());

    usage.observe(List.of("Foo::Deeper", "Bar"), List.of("Foo::Deeper", "Bar"));
    usage.observe(List.of("Foo::Deeper"), List.of("Foo::Deeper"));

    Map<ChangedLine, Integer> counts = usage.frameCounts();
    assertEquals(List.of(1, 1, 0, 1), List.copyOf(counts.values()));
    List<String> warnings = usage.lint().stream().map(w -> w.kind() + " " + w.message()).toList();
    assertEquals(List.of(
        "CONFLICT irrelevant_signature_re.txt:4 conflicts with prefix_signature_re.txt:7: a frame cannot be irrelevant and a prefix, and irrelevant wins",
        "SHADOWED prefix_signature_re.txt:5 is shadowed: the earlier line prefix_signature_re.txt:4 already matches every frame it matches in the crashes given",
        "MATCHES_NOTHING prefix_signature_re.txt:6 matches no frame of the crashes given",
        "CONFLICT prefix_signature_re.txt:7 conflicts with irrelevant_signature_re.txt:4: a frame cannot be a prefix and irrelevant, and irrelevant wins"),
        warnings);
  }

  @Test
  void aConflictNamesEveryLineOfTheOtherListThatMatchedAFrameTheAddedLineMatched() throws Exception {
    Explainer explainer = explainer(
        set("b", "Ignored\nIPC::Read\nIPC::Write\n", "Other\n", "", "None$\n"),
        set("c", "Ignored\nIPC::Read\nIPC::Write\n", "Other\nIPC::\n", "", "None$\n"));
    LineUsage usage = new LineUsage(explainer.change().orElseThrow());

    usage.observe(List.of("IPC::Write::Param"), List.of("IPC::Write::Param"));
    usage.observe(List.of("IPC::Read::Param", "IPC::Other"), List.of("IPC::Read::Param", "IPC::Other"));

    assertEquals(List.of("prefix_signature_re.txt:4 conflicts with irrelevant_signature_re.txt:4, irrelevant_signature_re.txt:5:"
            + " a frame cannot be a prefix and irrelevant, and irrelevant wins"),
        usage.lint().stream().map(LintWarning::message).toList());
  }

  @Test
  void lintWarnsOfAnAddedLineThatStartsWithAByteOrderMark() throws Exception {
    Explainer explainer = explainer(
        set("b", "Ignored\n", "Other\nFoo\n", "", "None$\n"),
        set("c", "\ufeff# a comment, once\nIgnored\n", "Other\nFoo\n", "", "None$\n"));
    LineUsage usage = new LineUsage(explainer.change().orElseThrow());

    usage.observe(List.of("Foo"), List.of("Foo"));

    List<String> warnings = usage.lint().stream().map(w -> w.kind() + " " + w.message()).toList();
    assertEquals(List.of(
        "BYTE_ORDER_MARK irrelevant_signature_re.txt:3 starts with a byte-order mark (U+FEFF), which Socorro reads as part of the line:"
            + " save the file as UTF-8 without one",
        "MATCHES_NOTHING irrelevant_signature_re.txt:3 matches no frame of the crashes given"),
        warnings);
  }

  @Test
  void aTracedWalkGivesTheSameSignatureAsGeneration() throws Exception {
    SignatureGenerator generator = set("c", "Ignored\n", "Foo\n", "Mid\n", "Lined\n");
    CrashData data = crash("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'Top'}, {'function': 'Mid'}, {'function': 'Foo'},"
        + " {'module': 'a.dll'}, {'module': 'a.dll'}, {'function': 'Lined', 'line': 3}, {'function': 'Last'}]}]}");

    assertEquals(generator.generate(data), generator.trace(data).result());
    assertEquals("Mid", generator.trace(data).walks().get(0).walk().signature());
    assertEquals(SiglistKind.values().length, 4);
  }
}
