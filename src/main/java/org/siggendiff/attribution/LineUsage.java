package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.internal.stack.LogLine;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;
import org.siggendiff.signature.SignatureTrace;
import org.siggendiff.signature.TraceableResult;

/**
 * Which frames of a run each added or removed line matches, accumulated crash by crash, and the
 * warnings that follow: lines that match nothing, added lines an earlier line already covers
 * (shadowed) or existing lines cover wherever they are (redundant), copies of a line, and added
 * lines whose frames another list gives a contradicting role. Removed lines are tested on the
 * baseline's frames, added lines on the candidate's. Each distinct frame is tested once on each
 * side (up to {@link #MAX_DISTINCT_FRAMES}; beyond that frames are tested again, which costs time
 * but not memory), and one that does not start with the literal start of any line is passed over
 * at once. Safe to feed from many threads.
 */
public final class LineUsage {
  static final int MAX_DISTINCT_FRAMES = 200_000;
  /** Each costs a time bound to find, so few are expected; beyond this many they are not remembered. */
  private static final int MAX_TIMED_OUT_FRAMES = 1_000;
  /** How many other lines a warning names before it counts the rest. */
  private static final int LINES_NAMED = 5;
  /**
   * How many of an added line's unshadowed frames are kept, to ask at the end whether existing
   * lines match them; a line with more is not called redundant. The bound holds the memory and
   * the end's cost to a few lookups a line: a line that matches many frames no existing line
   * matches first is seldom redundant.
   */
  static final int UNSHADOWED_KEPT = 32;
  private static final Comparator<ListLine> BY_INDEX = Comparator.comparingInt(ListLine::index);
  /** The debug line SignatureRunWatchDog writes when it walks thread 0. */
  private static final String WATCHDOG_DEBUG = "SignatureRunWatchDog: ";
  /** The {@code :line} a line-number frame ends with; its lines were tested without it. */
  private static final Pattern LINE_SUFFIX = Pattern.compile(":[^:]*$");
  /** What a pattern has and a frame seldom does: no sentinel Socorro ever listed has one. */
  private static final Pattern PATTERN_LIKE = Pattern.compile("\\.[*+?]|[\\\\^$|\\[\\]{}]");
  private static final SiglistKind[] KINDS = SiglistKind.values();
  /** A frame's sides in {@link #seen}: tested on the baseline's frames, on the candidate's. */
  private static final int BEFORE = 1;
  private static final int AFTER = 2;
  /** In place of a frame's sides in {@link #observe}, when the baseline's loop did not look it up. */
  private static final int NOT_LOOKED_UP = -1;

  private final SiglistChange change;
  private final List<ListLine> added = new ArrayList<>();
  private final List<ListLine> removed = new ArrayList<>();
  /** The same lines by list, indexed by the kind's ordinal, each with its literal start. */
  private final List<List<PrefixedLine>> addedByKind = new ArrayList<>();
  private final List<List<PrefixedLine>> removedByKind = new ArrayList<>();
  /** By identity: the lines are the set's own, and a record's hash costs more the first thousand times. */
  private final Map<ListLine, Stats> stats = new IdentityHashMap<>();
  /** The sides each distinct frame was tested on ({@link #BEFORE}, {@link #AFTER}): one lookup for both. */
  private final ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
  /** Frames a line ran out of time on, with the message, for each side. */
  private final Map<String, String> timedOutBefore = new ConcurrentHashMap<>();
  private final Map<String, String> timedOutAfter = new ConcurrentHashMap<>();
  private final String[] addedPrefixes;
  private final String[] removedPrefixes;
  /**
   * The characters the added and the removed lines' literal starts begin with, each once; null
   * when a line has no literal start. A frame that starts with none of them is passed over
   * without being looked up: the few lines of a weekly change start with few characters.
   */
  private final String addedFirstChars;
  private final String removedFirstChars;
  /** Counts the changes to {@link #stats}, so that the warnings, asked for by every report, are found once. */
  private long version;
  private List<LintWarning> lint;
  private long lintVersion;

  /** A changed line and the text every match of it starts with ({@link #prefix}). */
  private record PrefixedLine(ListLine line, String prefix) {}

  private static final class Stats {
    int frames;
    /** The earlier lines the baseline has too that are first to match one of its frames. */
    final Set<ListLine> shadows = new TreeSet<>(BY_INDEX);
    /** Its distinct frames (as the list sees them) no such line matches first: the first {@link #UNSHADOWED_KEPT}, and how many. */
    final Set<String> unshadowed = new LinkedHashSet<>();
    int unshadowedCount;
    /**
     * Whether a line ran out of time on one of its frames, its own or one asked which line
     * matches first: what it matches, or what shadows it, is then not wholly known.
     */
    boolean incomplete;
    /** For each frame it matched, the line of each list whose role contradicts this one's that matches it first. */
    final Set<ListLine> conflicts = new HashSet<>();
  }

  public LineUsage(SiglistChange change) {
    this.change = change;
    for (SiglistKind kind : SiglistKind.values()) {
      Set<String> texts = new HashSet<>();
      List<ListLine> kindAdded = new ArrayList<>();
      for (ListLine line : change.candidate().lines(kind)) {
        if (change.isAdded(line) && texts.add(line.text())) {
          kindAdded.add(line);
          stats.put(line, new Stats());
        }
      }
      texts.clear();
      List<ListLine> kindRemoved = new ArrayList<>();
      for (ListLine line : change.baseline().lines(kind)) {
        if (change.isRemoved(line) && texts.add(line.text())) {
          kindRemoved.add(line);
          stats.put(line, new Stats());
        }
      }
      added.addAll(kindAdded);
      removed.addAll(kindRemoved);
      addedByKind.add(kindAdded.stream().map(line -> new PrefixedLine(line, prefix(line))).toList());
      removedByKind.add(kindRemoved.stream().map(line -> new PrefixedLine(line, prefix(line))).toList());
    }
    addedPrefixes = added.stream().map(this::prefix).distinct().toArray(String[]::new);
    removedPrefixes = removed.stream().map(this::prefix).distinct().toArray(String[]::new);
    addedFirstChars = firstChars(addedPrefixes);
    removedFirstChars = firstChars(removedPrefixes);
  }

  private static String firstChars(String[] prefixes) {
    StringBuilder chars = new StringBuilder();
    for (String prefix : prefixes) {
      if (prefix.isEmpty()) {
        return null;
      }
      if (chars.indexOf(prefix.substring(0, 1)) < 0) {
        chars.append(prefix.charAt(0));
      }
    }
    return chars.toString();
  }

  /**
   * The normalized frames generation walked for a crash on one side, for {@link #observe}:
   * those of {@code result}'s extra and, when SignatureRunWatchDog walked thread 0 (whose
   * frames then replaced the crashing thread's in the extra, as in Socorro), those of every walk.
   * The second walk is made for shutdown hangs only.
   *
   * @param result the side's result; null for none (a production baseline)
   * @throws UnsignableCrashException when a siglist line runs out of time in the second walk
   */
  public static List<String> framesOf(SignatureGenerator generator, CrashData crash, SignatureResult result) {
    return framesOf(result, () -> generator.trace(crash));
  }

  /** As {@link #framesOf(SignatureGenerator, CrashData, SignatureResult)}, of a result signed traceably: its walks are traced from what signing kept. */
  public static List<String> framesOf(TraceableResult run) {
    return framesOf(run.result(), run::trace);
  }

  private static List<String> framesOf(SignatureResult result, Supplier<SignatureTrace> traced) {
    if (result == null) {
      return List.of();
    }
    List<String> extra = result.extra() == null ? List.of() : result.extra().normalizedFrames();
    if (!ranWatchDog(result)) {
      return extra;
    }
    SignatureTrace trace = traced.get();
    List<String> frames = new ArrayList<>();
    for (SignatureTrace.ThreadWalk walk : trace.walks()) {
      if (walk.walk() != null) {
        walk.walk().frames().forEach(step -> frames.add(step.text()));
      }
    }
    return frames;
  }

  private static boolean ranWatchDog(SignatureResult result) {
    return LogLine.anyStartsWith(result.debugLog(), WATCHDOG_DEBUG);
  }

  /**
   * Tests one crash's normalized frames, as each side computed them, against the changed lines.
   *
   * @throws UnsignableCrashException when a changed line runs out of time on one of the frames
   *     (which then fails every crash that has it)
   */
  public void observe(List<String> baselineFrames, List<String> candidateFrames) {
    if (stats.isEmpty()) {
      return;
    }
    // The sides nearly always have the same frames: what is known of each is then looked up once.
    boolean same = baselineFrames.equals(candidateFrames);
    int[] known = same ? new int[baselineFrames.size()] : null;
    for (int i = 0; i < baselineFrames.size(); i++) {
      String frame = baselineFrames.get(i);
      if (!mayStart(frame, removedFirstChars)) {
        // No removed line can match it, so it is neither tested nor failed here.
        if (same) {
          known[i] = NOT_LOOKED_UP;
        }
        continue;
      }
      int sides = sidesSeen(frame);
      if (same) {
        known[i] = sides;
      }
      if ((sides & BEFORE) == 0 && firstTime(frame, BEFORE)) {
        if (mayMatch(frame, removedPrefixes)) {
          test(frame, removedByKind, change.baseline(), timedOutBefore, false);
        }
      } else {
        failIfTimedOut(timedOutBefore, frame);
      }
    }
    for (int i = 0; i < candidateFrames.size(); i++) {
      String frame = candidateFrames.get(i);
      if (!mayStart(frame, addedFirstChars)) {
        continue;
      }
      int sides = same && known[i] != NOT_LOOKED_UP ? known[i] : sidesSeen(frame);
      if ((sides & AFTER) == 0 && firstTime(frame, AFTER)) {
        if (mayMatch(frame, addedPrefixes)) {
          test(frame, addedByKind, change.candidate(), timedOutAfter, true);
        }
      } else {
        failIfTimedOut(timedOutAfter, frame);
      }
    }
  }

  /**
   * Tests a frame seen for the first time against one side's changed lines, a list at a time:
   * the frame as that list sees it is first asked of all its changed lines at once ({@link
   * SiglistChange#mayDiffer}), and a list none of them matches (nearly every one) is passed
   * over whole; in a list that one of them matches, only the lines whose literal start the frame
   * has are tried (a large change has hundreds of lines in a list).
   */
  private void test(String frame, List<List<PrefixedLine>> byKind, SiglistLines lines, Map<String, String> timedOut, boolean addedLines) {
    UnsignableCrashException failed = null;
    for (SiglistKind kind : KINDS) {
      List<PrefixedLine> kindLines = byKind.get(kind.ordinal());
      if (kindLines.isEmpty()) {
        continue;
      }
      String text = subject(kind, frame);
      if (!change.mayDiffer(kind, text)) {
        continue;
      }
      for (PrefixedLine prefixed : kindLines) {
        ListLine line = prefixed.line();
        try {
          if (!text.startsWith(prefixed.prefix()) || !lines.matches(line, text)) {
            continue;
          }
          if (addedLines) {
            matchedAdded(line, text);
          } else {
            synchronized (this) {
              stats.get(line).frames++;
              version++;
            }
          }
        } catch (UnsignableCrashException e) {
          // The frame is tested once: the other lines are still tested on it, so that what
          // each of them matches is known whole, and the crash then fails.
          synchronized (this) {
            stats.get(line).incomplete = true;
            version++;
          }
          failed = failed != null ? failed : e;
        }
      }
    }
    if (failed != null) {
      throw remember(timedOut, frame, failed);
    }
  }

  private static UnsignableCrashException remember(Map<String, String> timedOut, String frame, UnsignableCrashException e) {
    if (timedOut.size() < MAX_TIMED_OUT_FRAMES) {
      timedOut.putIfAbsent(frame, e.getMessage());
    }
    return e;
  }

  /**
   * A frame is tested once, so a later crash with a frame a line ran out of time on fails as the
   * first did, whatever order the crashes come in (a crash handled at the same time as the first
   * one may still pass).
   */
  private static void failIfTimedOut(Map<String, String> timedOut, String frame) {
    if (!timedOut.isEmpty()) {
      String message = timedOut.get(frame);
      if (message != null) {
        throw new UnsignableCrashException(UnsignableCrashException.SIGLIST_TIMEOUT, message, null);
      }
    }
  }

  /** Whether {@code frame} starts with one of {@code firstChars}, or they are null (any frame may match). */
  private static boolean mayStart(String frame, String firstChars) {
    return firstChars == null || (!frame.isEmpty() && firstChars.indexOf(frame.charAt(0)) >= 0);
  }

  /**
   * Whether a frame starts with the literal start of some line: no line can match it
   * otherwise. Asked after the frames seen before (past {@link #mayStart}'s first character):
   * the frames of a run repeat far more than the lines a change touches are few, and a lookup
   * of a frame (a memo's own text, its hash kept) costs less than testing it against hundreds
   * of prefixes.
   */
  private static boolean mayMatch(String frame, String[] prefixes) {
    for (String prefix : prefixes) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@link #literalPrefix} of a changed line; empty in a list whose lines act on one another
   * when joined, where a global flag such as {@code (?i)} on the first line reaches every line.
   */
  private String prefix(ListLine line) {
    return judgedAlone(line.kind()) ? literalPrefix(line) : "";
  }

  /**
   * The text every match of a line starts with ({@code re.match} anchors at the start): its
   * characters up to the first one with a meaning in a pattern, less the last when a quantifier
   * may drop it. Empty, so testing every frame, for a line with an alternation or a flag group.
   * Sentinels are compared whole.
   */
  static String literalPrefix(ListLine line) {
    String text = line.text();
    if (line.kind() == SiglistKind.SENTINELS) {
      return text;
    }
    if (text.indexOf('|') >= 0 || text.contains("(?")) {
      return "";
    }
    int end = 0;
    while (end < text.length() && "\\.^$*+?{}[]()|".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    if (end < text.length() && "*?{".indexOf(text.charAt(end)) >= 0 && end > 0) {
      end--;
    }
    return text.substring(0, end);
  }

  /** The sides {@code frame} was tested on, as far as this thread can see: a lookup that takes no lock. */
  private int sidesSeen(String frame) {
    Integer sides = seen.get(frame);
    return sides == null ? 0 : sides;
  }

  /**
   * Whether {@code frame} is seen on {@code side} for the first time, marked so now. Past
   * {@link #MAX_DISTINCT_FRAMES} frames a new one is not marked, and is tested each time.
   */
  private boolean firstTime(String frame, int side) {
    while (true) {
      Integer old = seen.get(frame);
      if (old == null) {
        if (seen.size() >= MAX_DISTINCT_FRAMES) {
          return true;
        }
        if (seen.putIfAbsent(frame, side) == null) {
          return true;
        }
      } else if ((old & side) != 0) {
        return false;
      } else if (seen.replace(frame, old, old | side)) {
        return true;
      }
    }
  }

  private static String subject(SiglistKind kind, String frame) {
    return kind == SiglistKind.LINE_NUMBERS ? LINE_SUFFIX.matcher(frame).replaceFirst("") : frame;
  }

  /**
   * Counts a frame an added line matches, with the line that matches it first and the lines of
   * contradicting lists that do.
   *
   * @throws UnsignableCrashException when a line runs out of time on {@code subject}; the frame
   *     is counted, what else is known of it is not
   */
  private void matchedAdded(ListLine line, String subject) {
    Optional<ListLine> first = Optional.empty();
    List<ListLine> conflicts = new ArrayList<>(2);
    UnsignableCrashException failed = null;
    try {
      first = change.candidate().firstMatch(line.kind(), subject);
      for (SiglistKind other : conflicting(line.kind())) {
        change.candidate().firstMatch(other, subject).ifPresent(conflicts::add);
      }
    } catch (UnsignableCrashException e) {
      failed = e;
    }
    ListLine shadow =
        first.isPresent() && first.get().index() < line.index() && !change.isAdded(first.get()) ? first.get() : null;
    synchronized (this) {
      version++;
      Stats s = stats.get(line);
      s.frames++;
      if (failed != null) {
        s.incomplete = true;
      } else if (shadow != null) {
        s.shadows.add(shadow);
      } else if (!s.unshadowed.contains(subject)) {
        // Counted once, though tested again past the run's bound on distinct frames.
        s.unshadowedCount++;
        if (s.unshadowed.size() < UNSHADOWED_KEPT) {
          s.unshadowed.add(subject);
        }
      }
      s.conflicts.addAll(conflicts);
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Lists whose role contradicts a list's: a frame in both gets only one of the two roles. */
  private static List<SiglistKind> conflicting(SiglistKind kind) {
    return switch (kind) {
      case IRRELEVANT -> List.of(SiglistKind.PREFIX, SiglistKind.SENTINELS);
      case PREFIX, SENTINELS -> List.of(SiglistKind.IRRELEVANT);
      case LINE_NUMBERS -> List.of();
    };
  }

  /**
   * Whether an added line is one to call a typo, or one the run lacks crashes for: it moved no
   * crash, matched no frame, ran out of time on none, and its list's lines are {@link
   * #judgedAlone judged alone}. The diff's summary and Beam's ask the same.
   */
  public boolean unmatched(ChangedLine line, long crashes, int frames, long timedOut) {
    return line.added() && crashes == 0 && frames == 0 && timedOut == 0 && judgedAlone(line.kind());
  }

  /**
   * Whether what each line of a list matches alone is what it adds to the list: not when the
   * lines act on one another when joined (a global flag such as {@code (?i)} on the first line
   * reaches every other, a backreference's group number moves with the lines before it).
   */
  public boolean judgedAlone(SiglistKind kind) {
    return !change.baseline().interacts(kind) && !change.candidate().interacts(kind);
  }

  /** How many distinct frames of the run each changed line matched, removed lines then added. */
  public synchronized Map<ChangedLine, Integer> frameCounts() {
    Map<ChangedLine, Integer> counts = new LinkedHashMap<>();
    for (ListLine line : removed) {
      counts.put(ChangedLine.of(line, ChangedLine.REMOVED), stats.get(line).frames);
    }
    for (ListLine line : added) {
      counts.put(ChangedLine.of(line, ChangedLine.ADDED), stats.get(line).frames);
    }
    return counts;
  }

  /**
   * The warnings about added lines, in list then file order. A line that matches nothing is
   * only named: over the one or two crashes of an {@code explain} that is expected, and a diff's
   * summary says what it means over its run.
   */
  public synchronized List<LintWarning> lint() {
    if (lint == null || lintVersion != version) {
      lint = List.copyOf(warnings());
      lintVersion = version;
    }
    return lint;
  }

  private List<LintWarning> warnings() {
    List<LintWarning> warnings = new ArrayList<>(DuplicateLines.of(change));
    Map<SiglistKind, Map<String, ListLine>> byText = new EnumMap<>(SiglistKind.class);
    for (ListLine line : added) {
      ChangedLine changed = ChangedLine.of(line, ChangedLine.ADDED);
      Stats s = stats.get(line);
      if (line.text().startsWith("\ufeff")) {
        warnings.add(new LintWarning(changed, LintWarning.Kind.BYTE_ORDER_MARK, null, changed.location()
            + " starts with a byte-order mark (U+FEFF), which Socorro reads as part of the line: save the file as UTF-8 without one"));
      }
      if (line.kind() == SiglistKind.SENTINELS && s.frames == 0 && !s.incomplete && PATTERN_LIKE.matcher(line.text()).find()) {
        warnings.add(new LintWarning(changed, LintWarning.Kind.SENTINEL_PATTERN, null, changed.location()
            + " reads like a pattern, but a sentinel is a whole frame, compared as text: it matches no frame of the crashes given"));
      }
      if (change.candidate().nestsRepeats(line)) {
        warnings.add(new LintWarning(changed, LintWarning.Kind.NESTED_REPEAT, null, changed.location()
            + " repeats a group that itself repeats or alternates, as (a+)+ does, so that the repeats may split a frame more than one"
            + " way: Python's re can then take exponential time on a frame it nearly matches, and Socorro does not bound it (this run does)"));
      }
      LintWarning coverage = coverage(line, changed, s);
      if (coverage != null) {
        warnings.add(coverage);
      }
      List<ListLine> conflicts = s.conflicts.stream().sorted(Comparator.comparing(ListLine::kind).thenComparingInt(ListLine::index)).toList();
      if (conflicts.isEmpty()) {
        conflicts = Optional.ofNullable(sameText(line, byText)).map(List::of).orElse(List.of());
      }
      // One warning per contradicting list, naming each of its lines that is first to match one of this line's frames.
      for (SiglistKind kind : conflicting(line.kind())) {
        List<ListLine> ofKind = conflicts.stream().filter(conflict -> conflict.kind() == kind).toList();
        if (!ofKind.isEmpty()) {
          warnings.add(new LintWarning(changed, LintWarning.Kind.CONFLICT, ofKind.get(0),
              changed.location() + " conflicts with " + locations(ofKind) + ": " + outcome(line.kind(), kind)));
        }
      }
    }
    for (SiglistKind kind : KINDS) {
      if (change.candidate().matchesEverything(kind) && change.emptied(kind)) {
        List<PrefixedLine> gone = removedByKind.get(kind.ordinal());
        ListLine last = gone.get(gone.size() - 1).line();
        warnings.add(new LintWarning(ChangedLine.of(last, ChangedLine.REMOVED), LintWarning.Kind.EMPTY_LIST, null, kind.fileName()
            + " has no lines left: Socorro joins no lines into an empty pattern, which matches every frame, so "
            + (kind == SiglistKind.LINE_NUMBERS ? "every frame keeps its line number" : "every frame is " + role(kind))));
      }
    }
    // Stable: each line's warnings stay in the order above.
    warnings.sort(Comparator.comparing((LintWarning warning) -> warning.line().kind())
        .thenComparingInt(warning -> warning.line().line()));
    return warnings;
  }

  /**
   * What an added line's frames say of it: that there are none, or that lines the baseline has
   * too match every one, first (shadowed) or not (redundant); null when none of these holds, or
   * when what it matches, or what matches its frames first, is not wholly known: it ran out of
   * time on a frame, its list's lines {@link #judgedAlone act on one another}, or it is a
   * line-number line (nothing but whether it matches).
   */
  private LintWarning coverage(ListLine line, ChangedLine changed, Stats s) {
    if (s.incomplete || !judgedAlone(line.kind())) {
      return null;
    }
    if (s.frames == 0) {
      return new LintWarning(changed, LintWarning.Kind.MATCHES_NOTHING, null, changed.location() + " matches no frame of the crashes given");
    }
    if (line.kind() == SiglistKind.LINE_NUMBERS) {
      // Generation tests these lines on a function's name before normalization respaces it
      // (A::B,C, not A::B, C), which the frames seen here no longer show: what else matches
      // that name is not known.
      return null;
    }
    if (s.unshadowedCount == 0) {
      List<ListLine> shadows = List.copyOf(s.shadows);
      String named = shadows.size() == 1 ? "the earlier line " + shadows.get(0).location() + " already matches"
          : "the earlier lines " + locations(shadows) + " already match";
      return new LintWarning(changed, LintWarning.Kind.SHADOWED, shadows.get(0),
          changed.location() + " is shadowed: " + named + " every frame it matches in the crashes given");
    }
    List<ListLine> covering = covering(line, s);
    if (covering.isEmpty()) {
      return null;
    }
    String verb = covering.size() == 1 ? " already matches" : " already match";
    return new LintWarning(changed, LintWarning.Kind.REDUNDANT, covering.get(0),
        changed.location() + " is redundant: " + locations(covering) + verb + " every frame it matches in the crashes given");
  }

  /**
   * The lines the baseline has too that match every frame an added line of a list {@link
   * #judgedAlone judged alone} matched, in file order:
   * for each frame, the first such line to match it; empty when a frame has none, when there
   * were too many frames to keep, or when a line runs out of time. Each kept frame is first
   * asked of the baseline's whole list, which holds every such line: nearly every added line
   * matches a frame no existing line does, and is passed over at once.
   */
  private List<ListLine> covering(ListLine line, Stats s) {
    SiglistKind kind = line.kind();
    SiglistLines candidate = change.candidate();
    if (s.unshadowedCount > s.unshadowed.size()) {
      return List.of();
    }
    try {
      for (String frame : s.unshadowed) {
        if (!change.baseline().contains(kind, frame)) {
          return List.of();
        }
      }
      Set<ListLine> covering = new TreeSet<>(BY_INDEX);
      covering.addAll(s.shadows);
      for (String frame : s.unshadowed) {
        Optional<ListLine> found = candidate.firstMatch(kind, frame, other -> other != line && !change.isAdded(other));
        if (found.isEmpty()) {
          return List.of();
        }
        covering.add(found.get());
      }
      return List.copyOf(covering);
    } catch (UnsignableCrashException e) {
      return List.of();
    }
  }

  /** The first few lines' {@code file:line}, then how many more: a broad line can meet many. */
  private static String locations(List<ListLine> lines) {
    int shown = Math.min(lines.size(), LINES_NAMED);
    String named = lines.subList(0, shown).stream().map(ListLine::location).collect(Collectors.joining(", "));
    return lines.size() > shown ? named + " and " + (lines.size() - shown) + " more" : named;
  }

  /**
   * The same text in a list whose role contradicts the line's, whatever the frames.
   *
   * @param byText each list's first line of each text, filled as needed
   */
  private ListLine sameText(ListLine line, Map<SiglistKind, Map<String, ListLine>> byText) {
    for (SiglistKind other : conflicting(line.kind())) {
      Map<String, ListLine> first = byText.computeIfAbsent(other, kind -> {
        Map<String, ListLine> texts = new HashMap<>();
        change.candidate().lines(kind).forEach(candidate -> texts.putIfAbsent(candidate.text(), candidate));
        return texts;
      });
      ListLine found = first.get(line.text());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String role(SiglistKind kind) {
    return switch (kind) {
      case IRRELEVANT -> "irrelevant";
      case PREFIX -> "a prefix";
      case SENTINELS -> "a sentinel";
      case LINE_NUMBERS -> "with line numbers";
    };
  }

  /**
   * What generation does with a frame both lists hold. A sentinel is found before irrelevant
   * frames are left out (CSignatureTool.generate), so it still cuts the stack.
   */
  private static String outcome(SiglistKind line, SiglistKind other) {
    if (line == SiglistKind.SENTINELS || other == SiglistKind.SENTINELS) {
      return "the stack is still cut at the sentinel, but the sentinel itself is left out as irrelevant";
    }
    return "a frame cannot be " + role(line) + " and " + role(other) + ", and irrelevant wins";
  }
}
