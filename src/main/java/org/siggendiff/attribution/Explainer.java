package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.internal.py.Memo;
import org.siggendiff.internal.stack.Walk;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureTrace;

/**
 * Explains crash signatures under a baseline and a candidate siglist set, and names the siglist
 * lines that make them differ.
 *
 * <p>A line is responsible for a crash when the lists it belongs to answer differently, for a
 * text one of the walks tested, on the two sides: a frame becomes (or stops being) irrelevant,
 * prefix or sentinel, or its function gains (or loses) its line number. The candidate's first
 * matching line is the added line that made the text part of the list; every baseline line that
 * matched it and is gone is a removed line responsible. Tracing costs a second walk per side, so
 * callers ask only for crashes whose signatures differ.
 *
 * <p>Immutable once built and safe to share between threads.
 */
public final class Explainer {
  /**
   * One side: a source name and its generator, or no generator for {@code production}, whose
   * signature is the one stored with the crash.
   */
  public record Side(String source, SignatureGenerator generator) {
    public static Side production(String source) {
      return new Side(source, null);
    }

    public boolean isProduction() {
      return generator == null;
    }
  }

  private static final String GENERATION = "SignatureGenerationRule";
  /** How many texts of each list the verdict memo keeps; as many as generation's frame memos. */
  private static final int MEMO_SIZE = 200_000;

  private final Side baseline;
  private final Side candidate;
  private final SiglistLines baselineLines;
  private final SiglistLines candidateLines;
  private final SiglistChange change;
  /**
   * What {@link #verdict} answered for each text, by list; none without a baseline set. The
   * answer depends on the text and the two sets only, and moved crashes share most of their
   * frames, so each distinct text costs the search once. A classified frame is tested on the
   * irrelevant and the prefix list together, so one entry holds both answers: one wait on
   * memory instead of two.
   */
  private final Memo<String, Verdict> sentinelVerdicts;
  private final Memo<String, Verdict> lineNumberVerdicts;
  private final Memo<String, ClassifiedVerdicts> classifiedVerdicts;

  /** @param baseline the baseline, or null to explain the candidate alone */
  public Explainer(Side baseline, Side candidate) {
    if (candidate.isProduction()) {
      throw new IllegalArgumentException("the candidate cannot be production");
    }
    this.baseline = baseline;
    this.candidate = candidate;
    this.candidateLines = new SiglistLines(candidate.generator().siglists());
    this.baselineLines =
        baseline == null || baseline.isProduction() ? null : new SiglistLines(baseline.generator().siglists());
    this.change = baselineLines == null ? null : new SiglistChange(baselineLines, candidateLines);
    this.sentinelVerdicts = change == null ? null : new Memo<>(text -> verdict(SiglistKind.SENTINELS, text), MEMO_SIZE);
    this.lineNumberVerdicts = change == null ? null : new Memo<>(subject -> verdict(SiglistKind.LINE_NUMBERS, subject), MEMO_SIZE);
    this.classifiedVerdicts = change == null ? null : new Memo<>(this::classifiedVerdicts, MEMO_SIZE);
  }

  /** The lines the candidate adds and removes; empty when there is no baseline set to compare with. */
  public Optional<SiglistChange> change() {
    return Optional.ofNullable(change);
  }

  /**
   * Explains one crash on each side.
   *
   * @param productionSignature the signature stored with the crash, used when the baseline is
   *     {@code production}; may be null otherwise
   * @throws UnsignableCrashException when a siglist line ran out of time on one of the crash's
   *     frames, in a walk or in finding which line matched
   */
  public CrashExplanation explain(CrashData crash, String productionSignature) {
    SignatureTrace candidateTrace = candidate.generator().trace(crash);
    SideExplanation candidateSide = side(candidate.source(), candidateTrace, candidateLines);
    if (baseline == null) {
      return new CrashExplanation(null, candidateSide, null);
    }
    if (baseline.isProduction()) {
      SideExplanation production =
          new SideExplanation(baseline.source(), String.valueOf(productionSignature), List.of(), List.of(), List.of(), List.of());
      Cause cause = production.signature().equals(candidateSide.signature()) ? null : productionCause();
      return new CrashExplanation(production, candidateSide, cause);
    }
    SignatureTrace baselineTrace = baseline.generator().trace(crash);
    SideExplanation baselineSide = side(baseline.source(), baselineTrace, baselineLines);
    Cause cause =
        baselineSide.signature().equals(candidateSide.signature()) ? null : attribute(baselineTrace, candidateTrace);
    return new CrashExplanation(baselineSide, candidateSide, cause);
  }

  /**
   * Why the crash's signature differs between the sides; for a crash already known to differ.
   * With a {@code production} baseline the cause is always not a line.
   *
   * @throws UnsignableCrashException as {@link #explain} does
   */
  public Cause cause(CrashData crash) {
    if (baseline == null) {
      throw new IllegalStateException("no baseline to compare with");
    }
    if (baseline.isProduction()) {
      return productionCause();
    }
    return cause(baseline.generator().trace(crash), candidate.generator().trace(crash));
  }

  /**
   * Why a crash's signature differs between the sides, from the traces the sides' generators
   * made of it; for a crash already known to differ, with a baseline that is not production.
   */
  public Cause cause(SignatureTrace baselineTrace, SignatureTrace candidateTrace) {
    if (baseline == null || baseline.isProduction()) {
      throw new IllegalStateException("no baseline generator that could have traced the crash");
    }
    return attribute(baselineTrace, candidateTrace);
  }

  private static Cause productionCause() {
    return Cause.notALine(
        "baseline is production: its signature was stored by Crash Stats, with its own siglists and rules");
  }

  private static SideExplanation side(String source, SignatureTrace trace, SiglistLines lines) {
    List<ExplainedWalk> walks = new ArrayList<>();
    for (SignatureTrace.ThreadWalk walk : trace.walks()) {
      if (walk.walk() == null) {
        walks.add(new ExplainedWalk(walk.rule(), walk.thread(), List.of(), null, walk.failure()));
        continue;
      }
      List<ExplainedFrame> frames = new ArrayList<>();
      for (Walk.Step step : walk.walk().frames()) {
        frames.add(frame(walk.walk(), step, lines));
      }
      walks.add(new ExplainedWalk(walk.rule(), walk.thread(), frames, walk.walk().signature(), null));
    }
    return new SideExplanation(
        source, trace.result().signature(), walks, trace.steps(), trace.result().notes(), trace.result().debugLog());
  }

  private static ExplainedFrame frame(Walk walk, Walk.Step step, SiglistLines lines) {
    boolean start = step.index() == walk.start();
    List<ListLine> matched = new ArrayList<>();
    if (start) {
      lines.firstMatch(SiglistKind.SENTINELS, step.text()).ifPresent(matched::add);
    }
    if (step.withLineNumbers()) {
      lines.firstMatch(SiglistKind.LINE_NUMBERS, step.lineNumberSubject()).ifPresent(matched::add);
    }
    if (step.role() == Walk.Role.IRRELEVANT) {
      lines.firstMatch(SiglistKind.IRRELEVANT, step.text()).ifPresent(matched::add);
    } else if (step.role() == Walk.Role.PREFIX) {
      lines.firstMatch(SiglistKind.PREFIX, step.text()).ifPresent(matched::add);
    }
    return new ExplainedFrame(step.index(), step.text(), FrameRole.of(step.role()), start, step.withLineNumbers(), matched);
  }

  private Cause attribute(SignatureTrace before, SignatureTrace after) {
    if (before.result().signature().equals(after.result().signature())) {
      throw new IllegalArgumentException("the signatures do not differ");
    }
    // Lines that act on one another change a list's answers by their order and copies too.
    Optional<String> reordered = change.reorderedInteracting().map(kind ->
        (change.isEmpty() ? "no line was added or removed, but" : "no added or removed line answers for it, but")
            + " the lines of " + kind.fileName() + ", which act on one another when joined, are in another order or copied");
    if (change.isEmpty()) {
      return Cause.notALine(reordered.orElse("both sides read identical siglists"));
    }
    Findings found = new Findings();
    for (SignatureTrace.ThreadWalk walkBefore : before.walks()) {
      for (SignatureTrace.ThreadWalk walkAfter : after.walks()) {
        // A walk made on one side only (thread 0 for a shutdown hang) follows from a difference
        // in the walk before it, which is where the line is.
        if (walkBefore.rule().equals(walkAfter.rule()) && walkBefore.walk() != null && walkAfter.walk() != null) {
          attribute(walkBefore.walk(), walkAfter.walk(), found);
        }
      }
    }
    if (!found.emptied.isEmpty()) {
      // Every answer of such a list changes with it; which of its lines went last says nothing.
      return Cause.notALine(found.emptied.stream().map(this::emptied).collect(Collectors.joining("; ")));
    }
    if (found.lines.isEmpty()) {
      return Cause.notALine(reordered.orElseGet(() -> ruleDifference(before, after)));
    }
    List<LineCause> causes = new ArrayList<>();
    found.lines.forEach((line, frames) -> causes.add(new LineCause(line, List.copyOf(frames))));
    return Cause.of(causes);
  }

  private String emptied(SiglistKind kind) {
    return kind.fileName() + (candidateLines.matchesEverything(kind) ? " has no lines left on the candidate" : " has no lines on the baseline")
        + ", and Socorro joins no lines into an empty pattern, which matches every frame";
  }

  /** What the walks of one crash found: the changed lines with the frames each answered for, and the lists one side has no lines of. */
  private static final class Findings {
    final Map<ChangedLine, Set<String>> lines = new LinkedHashMap<>();
    final Set<SiglistKind> emptied = EnumSet.noneOf(SiglistKind.class);
  }

  private void attribute(Walk before, Walk after, Findings found) {
    int size = Math.max(before.frames().size(), after.frames().size());
    // Only the first sentinel counts: past the earlier start of the two, a sentinel changes nothing.
    int sentinelLimit = Math.min(effectiveStart(before), effectiveStart(after));
    // A frame kept as a prefix adds to the signature only what its side keeps after it: a
    // prefix line answers for a crash where one side kept the frame as a prefix and kept more.
    int lastBefore = lastKept(before);
    int lastAfter = lastKept(after);
    for (int i = 0; i < size; i++) {
      Walk.Step b = i < before.frames().size() ? before.frames().get(i) : null;
      Walk.Step a = i < after.frames().size() ? after.frames().get(i) : null;
      boolean textMatters = matters(before, b) || matters(after, a);
      String subject = b != null ? b.lineNumberSubject() : a.lineNumberSubject();
      if (subject != null && textMatters) {
        if (!change.surelySame(SiglistKind.LINE_NUMBERS, subject)) {
          recordVerdict(lineNumberVerdicts.get(subject), text(b), text(a), found);
        }
      }
      // Only where the candidate asks the prefix list about the frame (it reached it, and no
      // other list decided it: irrelevant wins over prefix) would undoing a prefix line, added
      // or removed, give the candidate another signature.
      boolean prefixMatters = (keptAsPrefixWithMore(b, i, lastBefore) || keptAsPrefixWithMore(a, i, lastAfter))
          && a != null && (a.role() == Walk.Role.PREFIX || a.role() == Walk.Role.END);
      boolean classifiedBefore = b != null && Walk.classified(b.role());
      if (b != null) {
        compareText(b.text(), i <= sentinelLimit, classifiedBefore, prefixMatters, found);
      }
      if (a != null) {
        // Most steps have the same text on both sides, and a text's verdicts are its own: what
        // the baseline's step was compared on is not compared again.
        boolean sameText = b != null && a.text().equals(b.text());
        boolean classifiedAfter = Walk.classified(a.role());
        compareText(a.text(), i <= sentinelLimit && !sameText, classifiedAfter && !(sameText && classifiedBefore), prefixMatters, found);
      }
    }
  }

  private void compareText(String text, boolean sentinel, boolean classified, boolean prefixMatters, Findings found) {
    if (sentinel && !change.surelySame(SiglistKind.SENTINELS, text)) {
      recordVerdict(sentinelVerdicts.get(text), text, text, found);
    }
    if (classified && !(change.surelySame(SiglistKind.IRRELEVANT, text) && change.surelySame(SiglistKind.PREFIX, text))) {
      ClassifiedVerdicts verdicts = classifiedVerdicts.get(text);
      recordVerdict(verdicts.irrelevant(), text, text, found);
      if (prefixMatters) {
        recordVerdict(verdicts.prefix(), text, text, found);
      }
    }
  }

  private static int effectiveStart(Walk walk) {
    return walk.start() >= 0 ? walk.start() : walk.frames().size();
  }

  /** Whether the step was kept as a prefix, and its walk kept a frame after it ({@code last}, from {@link #lastKept}). */
  private static boolean keptAsPrefixWithMore(Walk.Step step, int index, int last) {
    return step != null && step.role() == Walk.Role.PREFIX && index < last;
  }

  /** The index of the last frame the walk kept in the signature; -1 when it kept none. */
  private static int lastKept(Walk walk) {
    List<Walk.Step> steps = walk.frames();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Walk.Role role = steps.get(i).role();
      if (role == Walk.Role.PREFIX || role == Walk.Role.END) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matters(Walk walk, Walk.Step step) {
    return step != null && (Walk.classified(step.role()) || step.index() == walk.start());
  }

  private static String text(Walk.Step step) {
    return step == null ? null : step.text();
  }

  /** Records the changed lines that {@code verdict} found make a text part of a list on one side only. */
  private static void recordVerdict(Verdict verdict, String beforeFrame, String afterFrame, Findings found) {
    if (verdict.timeout() != null) {
      throw verdict.timeout();
    }
    if (verdict.emptied() != null) {
      found.emptied.add(verdict.emptied());
    }
    if (verdict.added() != null) {
      record(found, verdict.added(), afterFrame != null ? afterFrame : beforeFrame);
    }
    for (ChangedLine line : verdict.removed()) {
      record(found, line, beforeFrame != null ? beforeFrame : afterFrame);
    }
  }

  /**
   * Which changed lines make a text part of a list on one side only: the added line that puts
   * it in the candidate's, or the removed lines that put it in the baseline's, or none; or the
   * list, when the side that holds the text has no lines of it.
   */
  private record Verdict(ChangedLine added, List<ChangedLine> removed, SiglistKind emptied, UnsignableCrashException timeout) {
    static final Verdict NONE = new Verdict(null, List.of(), null, null);
  }

  /** The irrelevant and the prefix list's verdicts for a text, which a classified frame is tested on together. */
  private record ClassifiedVerdicts(Verdict irrelevant, Verdict prefix) {}

  private ClassifiedVerdicts classifiedVerdicts(String text) {
    Verdict irrelevant = verdict(SiglistKind.IRRELEVANT, text);
    // A timeout fails the crash before the prefix list's verdict is read: it is not searched for.
    return new ClassifiedVerdicts(irrelevant, irrelevant.timeout() != null ? Verdict.NONE : verdict(SiglistKind.PREFIX, text));
  }

  private Verdict verdict(SiglistKind kind, String subject) {
    try {
      // Most texts a walk tested answer the same on both sides: the changed lines tell, then the
      // whole lists, and only the texts that differ need the line-by-line search.
      if (!change.mayDiffer(kind, subject)) {
        return Verdict.NONE;
      }
      boolean inAfter = candidateLines.contains(kind, subject);
      if (baselineLines.contains(kind, subject) == inAfter) {
        return Verdict.NONE;
      }
      if ((inAfter ? candidateLines : baselineLines).matchesEverything(kind)) {
        return new Verdict(null, List.of(), kind, null);
      }
      if (inAfter) {
        return firstAdded(kind, subject)
            .map(line -> new Verdict(ChangedLine.of(line, ChangedLine.ADDED), List.of(), null, null))
            .orElse(Verdict.NONE);
      }
      // Only removed lines are named, so only they are asked.
      List<ChangedLine> removed = new ArrayList<>();
      for (ListLine line : baselineLines.lines(kind)) {
        if (change.isRemoved(line) && baselineLines.matches(line, subject)) {
          removed.add(ChangedLine.of(line, ChangedLine.REMOVED));
        }
      }
      return new Verdict(null, List.copyOf(removed), null, null);
    } catch (UnsignableCrashException e) {
      // Kept, so that every crash with the text fails as the first did, without a second wait.
      return new Verdict(null, List.of(), null, e);
    }
  }

  /**
   * The candidate's first matching line, when it is an added one. For a text the baseline does
   * not have, no line both sides share matches on its own, so the first added line that matches
   * is the first line that matches; only lines that interact need the whole search.
   */
  private Optional<ListLine> firstAdded(SiglistKind kind, String subject) {
    if (candidateLines.interacts(kind) || baselineLines.interacts(kind)) {
      return candidateLines.firstMatch(kind, subject).filter(change::isAdded);
    }
    for (ListLine line : candidateLines.lines(kind)) {
      if (change.isAdded(line) && candidateLines.matches(line, subject)) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  private static void record(Findings found, ChangedLine line, String frame) {
    found.lines.computeIfAbsent(line, k -> new LinkedHashSet<>()).add(frame);
  }

  /** What differs when no line does: the first rule after which the two sides' signatures part. */
  private static String ruleDifference(SignatureTrace before, SignatureTrace after) {
    List<SignatureTrace.RuleStep> b = before.steps();
    List<SignatureTrace.RuleStep> a = after.steps();
    for (int i = 0; i < Math.max(b.size(), a.size()); i++) {
      SignatureTrace.RuleStep sb = i < b.size() ? b.get(i) : null;
      SignatureTrace.RuleStep sa = i < a.size() ? a.get(i) : null;
      if (sb == null || sa == null || !sb.rule().equals(sa.rule())) {
        String rule = sb == null ? sa.rule() : sb.rule();
        return "the rule " + rule + " ran on one side only";
      }
      if (!sb.after().equals(sa.after())) {
        return "the signature rule " + sb.rule() + " gives \"" + sb.after() + "\" on the baseline and \"" + sa.after() + "\" on the candidate"
            + (sb.rule().equals(GENERATION) ? "" : " from the same walk");
      }
    }
    return "the notes or debug log differ, not the siglist lines a walk read";
  }
}
