package org.siggendiff.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;

/**
 * Which frames each changed line matches (the cheap literal-start filter in front of the
 * per-frame tests never hides one), and the warnings about added lines that follow.
 */
class LineUsageTest {
  @TempDir Path folder;

  private SiglistLines set(String name, String irrelevant) throws IOException, SiglistException {
    return set(name, irrelevant, "");
  }

  private SiglistLines set(String name, String irrelevant, String lineNumbers) throws IOException, SiglistException {
    return set(name, irrelevant, lineNumbers, "");
  }

  private SiglistLines set(String name, String irrelevant, String lineNumbers, String sentinels) throws IOException, SiglistException {
    Path dir = Files.createDirectories(folder.resolve(name));
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), irrelevant);
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "");
    Files.writeString(dir.resolve("signature_sentinels.txt"), sentinels);
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), lineNumbers);
    return new SiglistLines(SiglistLoader.load(dir, name));
  }

  @Test
  void linesWithAlternationsOptionalCharactersAndEscapesCountEveryFrameTheyMatch() throws Exception {
    SiglistLines baseline = set("base", "Old::Line\n");
    SiglistLines candidate = set("cand", "Foo|Bar::.*\nabcd?::x\nmoz\\.dll\n[Nn]s.*\nOld::Line\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of("Old::Line"), List.of("Bar::Baz", "abc::x", "moz.dll", "nsThread", "Unrelated", "Bar::Baz"));

    Map<ChangedLine, Integer> counts = usage.frameCounts();
    List<String> described = new ArrayList<>();
    counts.forEach((line, frames) -> described.add(line.change() + line.text() + "=" + frames));
    assertEquals(List.of("+Foo|Bar::.*=1", "+abcd?::x=1", "+moz\\.dll=1", "+[Nn]s.*=1"), described);
  }

  @Test
  void frameCountsAreWhatTestingEveryChangedLineOnEveryFrameGives() throws Exception {
    String lines = String.join("\n", "Foo::Bar", "Foo::Ba?r", "Fo*::X", "F{0,2}oo", "Foo|Bar", "(?i:foo)", "moz\\.dll",
        "[Nn]s.*", "ns\\w+", "Foo::Bar$", "^Foo", ".*::Run", "a\\(b", "x?y", "@0x0", "");
    SiglistLines baseline = set("base", "");
    SiglistLines candidate = set("cand", lines + "\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));
    List<String> frames = List.of("Foo::Bar", "Foo::Br", "F::X", "oo", "Foo", "FOO::x", "moz.dll", "mozxdll", "Ns", "nsThread",
        "Foo::Bar::Baz", "Bar", "a(b", "y", "xy", "@0x0", "Thread::Run", "", "Fo");
    usage.observe(List.of(), frames);

    List<String> described = new ArrayList<>();
    usage.frameCounts().forEach((line, count) -> described.add(line.text() + "=" + count));
    List<String> expected = new ArrayList<>();
    for (ListLine line : candidate.lines(SiglistKind.IRRELEVANT)) {
      expected.add(line.text() + "=" + frames.stream().filter(frame -> candidate.matches(line, frame)).count());
    }
    assertEquals(expected, described);
  }

  @Test
  void eachDistinctFrameCountsOnceOnEachSideWhetherTheSidesFramesAreTheSameOrNot() throws Exception {
    LineUsage usage = new LineUsage(new SiglistChange(set("base", "Old::.*\n"), set("cand", "New::.*\n")));
    List<String> counts = new ArrayList<>();
    Runnable count = () -> counts.add(usage.frameCounts().values().toString());

    usage.observe(List.of("Old::A", "New::B"), List.of("Old::A", "New::B"));
    count.run();
    usage.observe(List.of("Old::A", "New::B"), List.of("Old::A", "New::B"));
    count.run();
    usage.observe(List.of("Old::C"), List.of("New::D", "Old::C"));
    count.run();
    // Each frame seen on one side only so far, then on the other.
    usage.observe(List.of("New::E"), List.of("Old::F"));
    count.run();
    usage.observe(List.of("Old::F"), List.of("New::E"));
    count.run();

    assertEquals(List.of("[1, 1]", "[1, 1]", "[2, 2]", "[2, 2]", "[3, 3]"), counts);
  }

  @Test
  void aFrameTheOtherSidesLinesPassOverIsStillTestedOnItsOwnSide() throws Exception {
    // Removed lines start with O and an emoji's first half, added ones with N: each side passes
    // over the frames the other side's lines would test, and an empty frame on both.
    LineUsage usage = new LineUsage(new SiglistChange(set("base", "Old::.*\n\uD83D\uDE00::x\n"), set("cand", "New::.*\n")));

    usage.observe(List.of("New::A", "", "\uD83D\uDE00::x", "Old::B"), List.of("New::A", "", "\uD83D\uDE00::x", "Old::B"));

    List<String> described = new ArrayList<>();
    usage.frameCounts().forEach((line, count) -> described.add(line.change() + line.text() + "=" + count));
    assertEquals(List.of("-Old::.*=1", "-\uD83D\uDE00::x=1", "+New::.*=1"), described);
  }

  @Test
  void theLiteralStartStopsAtTheFirstCharacterWithAMeaning() throws Exception {
    assertEquals("abc", LineUsage.literalPrefix(new ListLine(SiglistKind.IRRELEVANT, 0, 1, "abcd?::x")));
    assertEquals("moz", LineUsage.literalPrefix(new ListLine(SiglistKind.IRRELEVANT, 0, 1, "moz\\.dll")));
    assertEquals("", LineUsage.literalPrefix(new ListLine(SiglistKind.IRRELEVANT, 0, 1, "Foo|Bar")));
    assertEquals("", LineUsage.literalPrefix(new ListLine(SiglistKind.IRRELEVANT, 0, 1, "(?i)foo")));
    assertEquals("a.b", LineUsage.literalPrefix(new ListLine(SiglistKind.SENTINELS, 0, 1, "a.b")));
  }

  private static List<String> lint(LineUsage usage) {
    List<String> warnings = new ArrayList<>();
    usage.lint().forEach(warning -> warnings.add(warning.kind() + " " + warning.message()));
    return warnings;
  }

  @Test
  void anAddedLineThatALaterExistingLineCoversIsRedundant() throws Exception {
    SiglistLines baseline = set("base", "Other\n_?abort\n");
    SiglistLines candidate = set("cand", "Other\nabort\n_?abort\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("abort", "abort_message", "Unrelated"));

    assertEquals(List.of("REDUNDANT irrelevant_signature_re.txt:2 is redundant: "
        + "irrelevant_signature_re.txt:3 already matches every frame it matches in the crashes given"), lint(usage));
  }

  @Test
  void framesCoveredPartlyByAnEarlierLineAndPartlyByLaterOnesNameEachCoveringLine() throws Exception {
    SiglistLines baseline = set("base", "Foo::A\nFoo::B\nFoo::C\n");
    SiglistLines candidate = set("cand", "Foo::A\nFoo::\nFoo::B\nFoo::C\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("Foo::C", "Foo::A", "Foo::B"));

    assertEquals(List.of("REDUNDANT irrelevant_signature_re.txt:2 is redundant: irrelevant_signature_re.txt:1, "
        + "irrelevant_signature_re.txt:3, irrelevant_signature_re.txt:4 already match every frame it matches in the crashes given"), lint(usage));
  }

  @Test
  void theLinesAWarningNamesAreTheSameWhateverOrderTheFramesComeIn() throws Exception {
    SiglistLines baseline = set("base", "Foo::A\nFoo::B\nFoo::C\n");
    SiglistLines candidate = set("cand", "Foo::A\nFoo::B\nFoo::\nFoo::C\n");
    List<List<String>> warnings = new ArrayList<>();
    for (List<String> frames : List.of(List.of("Foo::A", "Foo::B", "Foo::C"), List.of("Foo::C", "Foo::B", "Foo::A"))) {
      LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));
      usage.observe(List.of(), frames);
      warnings.add(lint(usage));
    }
    LineUsage shadowed = new LineUsage(new SiglistChange(baseline, candidate));
    shadowed.observe(List.of(), List.of("Foo::B", "Foo::A"));

    assertEquals(List.of("REDUNDANT irrelevant_signature_re.txt:3 is redundant: irrelevant_signature_re.txt:1, "
        + "irrelevant_signature_re.txt:2, irrelevant_signature_re.txt:4 already match every frame it matches in the crashes given"), warnings.get(0));
    assertEquals(warnings.get(0), warnings.get(1));
    assertEquals(List.of("SHADOWED irrelevant_signature_re.txt:3 is shadowed: the earlier lines irrelevant_signature_re.txt:1, "
        + "irrelevant_signature_re.txt:2 already match every frame it matches in the crashes given"), lint(shadowed));
  }

  @Test
  void aLineNumberLineIsJudgedOnFramesWithoutTheirLineNumber() throws Exception {
    SiglistLines baseline = set("base", "", "Foo::Bar:\n");
    SiglistLines candidate = set("cand", "", "Foo::Ba\nFoo::Bar:\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("Foo::Bar:12"));

    assertEquals(List.of(), lint(usage));
    assertEquals(List.of(1), List.copyOf(usage.frameCounts().values()));
  }

  @Test
  void inAListWhoseLinesActOnOneAnotherNoLineIsJudgedAloneAndACopyIsSaidToRenumberGroups() throws Exception {
    // Joined, a group before the backreference renumbers it: no line answers alone.
    SiglistLines baseline = set("base", "(c)\\1\nFoo::A\n");
    SiglistLines candidate = set("cand", "Foo::\n(c)\\1\nFoo::A\nFoo::A\nTypo::\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("Foo::A"));

    assertEquals(List.of("DUPLICATE irrelevant_signature_re.txt:4 duplicates irrelevant_signature_re.txt:3: a copy matches nothing"
        + " new, but renumbers the groups after it, which a backreference of this list may count"), lint(usage));
    assertEquals(false, usage.judgedAlone(SiglistKind.IRRELEVANT));
  }

  @Test
  void aLineNumberLineIsNeverCalledShadowedOrRedundant() throws Exception {
    // Generation tested the name A::B,C, which the line A::B, C does not match; the frame seen
    // here is the name respaced.
    SiglistLines baseline = set("base", "", "A::B, C\n");
    SiglistLines candidate = set("cand", "", "A::B, C\nA::B\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("A::B, C:7"));

    assertEquals(List.of(), lint(usage));
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLineThatMatchesAFrameALineRanOutOfTimeOnIsNotCalledRedundant() throws Exception {
    SiglistLines baseline = set("base", "aaz\n");
    SiglistLines candidate = set("cand", "(.*a){25}$\naa\naaz\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));
    String evil = "a".repeat(30) + "b";

    usage.observe(List.of(), List.of("aaz1"));
    assertThrows(UnsignableCrashException.class, () -> usage.observe(List.of(), List.of(evil)));

    // aa matches the frame the first line ran out of time on, which aaz does not match.
    assertEquals(List.of("NESTED_REPEAT"), lint(usage).stream().map(warning -> warning.split(" ")[0]).toList());
    assertEquals(2, usage.frameCounts().get(new ChangedLine(SiglistKind.IRRELEVANT, 2, "+", "aa")));
  }

  @Test
  void anAddedLineIsNotRedundantWhenOneOfItsFramesIsItsOwnOrCoveredOnlyByAnotherChange() throws Exception {
    SiglistLines baseline = set("base", "Foo::A\nGone::.*\n");
    SiglistLines candidate = set("cand", "Foo::\nGone::\nFoo::A\nGone::Y\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    // Foo:: matches Foo::Z, which no other line does; Gone:: matches what the removed line did,
    // and besides it only the added Gone::Y.
    usage.observe(List.of("Gone::Y"), List.of("Foo::A", "Foo::Z", "Gone::Y"));

    assertEquals(List.of(), lint(usage));
  }

  @Test
  void anAddedLineWithMoreFramesThanAreKeptIsNotCalledRedundant() throws Exception {
    SiglistLines baseline = set("base", "Frame\\d+\n");
    SiglistLines candidate = set("cand", "Frame\nFrame\\d+\n");
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < LineUsage.UNSHADOWED_KEPT; i++) {
      frames.add("Frame" + i);
    }
    LineUsage kept = new LineUsage(new SiglistChange(baseline, candidate));
    kept.observe(List.of(), frames);
    frames.add("Frame" + LineUsage.UNSHADOWED_KEPT);
    LineUsage tooMany = new LineUsage(new SiglistChange(baseline, candidate));
    tooMany.observe(List.of(), frames);

    assertEquals(1, lint(kept).size(), lint(kept).toString());
    assertEquals(List.of(), lint(tooMany));
  }

  @Test
  void aCopyOfALineBeyondTheBaselinesCopiesIsWarnedOfAsADuplicate() throws Exception {
    SiglistLines baseline = set("base", "Kept\nTwice\nTwice\n");
    SiglistLines candidate = set("cand", "Kept\nTwice\nNew\nTwice\nKept\nNew\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    assertEquals(List.of(
        "MATCHES_NOTHING irrelevant_signature_re.txt:3 matches no frame of the crashes given",
        "DUPLICATE irrelevant_signature_re.txt:5 duplicates irrelevant_signature_re.txt:1: a copy of a line changes nothing",
        "DUPLICATE irrelevant_signature_re.txt:6 duplicates irrelevant_signature_re.txt:3: a copy of a line changes nothing"),
        lint(usage));
  }

  @Test
  void aCopyPutAboveTheLineItRepeatsIsTheOneNamed() throws Exception {
    SiglistLines baseline = set("base", "A\nB\nC\n");
    SiglistLines candidate = set("cand", "C\nA\nB\nC\nA\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    assertEquals(List.of(
        "DUPLICATE irrelevant_signature_re.txt:1 duplicates irrelevant_signature_re.txt:4: a copy of a line changes nothing",
        "DUPLICATE irrelevant_signature_re.txt:5 duplicates irrelevant_signature_re.txt:2: a copy of a line changes nothing"),
        lint(usage));
  }

  @Test
  void aSentinelThatIsAlsoIrrelevantIsSaidToStillCutTheStack() throws Exception {
    SiglistLines baseline = set("base", "Unwrap::.*\n", "", "");
    SiglistLines candidate = set("cand", "Unwrap::.*\n", "", "Unwrap::failed\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("Unwrap::failed"));

    assertEquals(List.of("CONFLICT signature_sentinels.txt:1 conflicts with irrelevant_signature_re.txt:1: the stack is still cut at"
        + " the sentinel, but the sentinel itself is left out as irrelevant"), lint(usage));
  }

  @Test
  void aSentinelThatReadsLikeAPatternAndMatchesNothingIsToldSentinelsAreText() throws Exception {
    SiglistLines baseline = set("base", "", "", "");
    SiglistLines candidate = set("cand", "", "", "std::.*\nPlain::Frame\noperator()\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("std::vector", "Other"));

    assertEquals(List.of("SENTINEL_PATTERN signature_sentinels.txt:1 reads like a pattern, but a sentinel is a whole frame,"
            + " compared as text: it matches no frame of the crashes given",
        "MATCHES_NOTHING signature_sentinels.txt:1 matches no frame of the crashes given",
        "MATCHES_NOTHING signature_sentinels.txt:2 matches no frame of the crashes given",
        "MATCHES_NOTHING signature_sentinels.txt:3 matches no frame of the crashes given"), lint(usage));
  }

  @Test
  void anAddedLineThatRepeatsARepeatingGroupIsToldPythonMayTakeExponentialTime() throws Exception {
    SiglistLines baseline = set("base", "Kept\n");
    SiglistLines candidate = set("cand", "Kept\n(a+)+$\nFoo(::Bar)?\n(ab|cd)*x\n([A-Za-z]+::)+Run\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of(), List.of("a".repeat(40) + "!", "Foo::Bar", "abx"));

    List<String> nested = lint(usage).stream().filter(warning -> warning.startsWith("NESTED_REPEAT")).toList();
    String why = " repeats a group that itself repeats or alternates, as (a+)+ does, so that the repeats may split a frame more than"
        + " one way: Python's re can then take exponential time on a frame it nearly matches, and Socorro does not bound it (this run does)";
    assertEquals(List.of("NESTED_REPEAT irrelevant_signature_re.txt:2" + why, "NESTED_REPEAT irrelevant_signature_re.txt:4" + why), nested);
  }

  @Test
  void aListTheCandidateEmptiesIsWarnedOfItMatchesEveryFrame() throws Exception {
    SiglistLines baseline = set("base", "# lines\nFoo\nBar\n", "Baz\n");
    SiglistLines candidate = set("cand", "# none left\n", "Baz\n");
    LineUsage usage = new LineUsage(new SiglistChange(baseline, candidate));

    usage.observe(List.of("Foo", "Other"), List.of("Foo", "Other"));

    assertEquals(List.of("EMPTY_LIST irrelevant_signature_re.txt has no lines left: Socorro joins no lines into an empty pattern,"
        + " which matches every frame, so every frame is irrelevant"), lint(usage));
    assertEquals("irrelevant_signature_re.txt:3", usage.lint().get(0).line().location());
    assertEquals(List.of(), lint(new LineUsage(new SiglistChange(candidate, baseline))).stream()
        .filter(warning -> warning.startsWith("EMPTY_LIST")).toList());
  }

  @Test
  void inAListWhoseLinesActOnOneAnotherALineCountsTheFramesItMatchesThere() throws Exception {
    // The first line's (?i) reaches every line; joined, the last line's \\2 is its (b), not its (c).
    LineUsage flagged = new LineUsage(new SiglistChange(set("base1", "(?i)kept\n"), set("cand1", "(?i)kept\nfoo::bar\n")));
    LineUsage numbered = new LineUsage(new SiglistChange(set("base2", "(x)\n"), set("cand2", "(x)\n(b)(c)\\2\n")));

    flagged.observe(List.of(), List.of("FOO::BAR", "Foo::Bar::Baz", "foo::baz"));
    numbered.observe(List.of(), List.of("bcb", "bcb::Run", "bcc"));

    assertEquals(List.of(2), List.copyOf(flagged.frameCounts().values()));
    assertEquals(List.of(2), List.copyOf(numbered.frameCounts().values()));
  }
}
