package org.siggendiff.history;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.ChangedLines;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.WalkSubjects;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;

/**
 * Follows crashes' signatures over a range of siglist commits, and names the commit (and the
 * siglist lines) that moved each.
 *
 * <p>Crashes are read once and signed in full once, under the first version. After that, a crash
 * is signed again under a version only when the lines that changed could answer differently for
 * one of its frames: a changed sentinel equal to one of its normalized frames, a changed
 * line-number line matching one of its function names, or a changed irrelevant or prefix line
 * matching one of its normalized frames. Every frame of the walked threads counts (the crashing
 * thread, and thread 0, which a shutdown hang is signed by), the ones before the start and after
 * the end of the walk too, since a change elsewhere can move the start or the end. A crash none of
 * whose frames a changed line answers for walks exactly as before, so its signature is the one it
 * had. When a crash is signed again its frames are added to what it is tested on (its frames can
 * change only with the line-number list), so the test never misses a frame. Lists whose lines act
 * on one another when joined (backreferences, global flags) get no shortcut: any change signs
 * every crash again.
 *
 * <p>A version is loaded when a commit is compared with it, and only the two generators a commit
 * needs stay loaded. A version that does not load is skipped with a warning: the commit that
 * brought it moves nothing, and the next commit is compared with the last version that loaded.
 */
public final class SignatureHistory {
  /** A crash to follow; {@code linkable} when {@code id} is a Crash Stats crash ID. */
  public record TrackedCrash(String id, boolean linkable, CrashData data) {}

  /** A commit moved a crash from {@code baseline} (at its first parent) to {@code candidate}. */
  public record Move(String crashId, boolean linkable, String baseline, String candidate, Cause cause) {}

  /**
   * What one commit did.
   *
   * @param compared whether its siglists were compared with those before it, so that its moves
   *     (none, perhaps) are all it moved
   * @param note why it was not compared, or what it was compared with instead of its parent; or null
   */
  public record CommitMoves(HistoryCommit commit, boolean compared, List<Move> moves, String note) {
    public CommitMoves {
      moves = List.copyOf(moves);
    }

    static CommitMoves notCompared(HistoryCommit commit, String why) {
      return new CommitMoves(commit, false, List.of(), why);
    }
  }

  /** One change in a crash's timeline. */
  public record Change(HistoryCommit commit, String from, String to) {}

  /** A crash's signature at the start of the range, and every change after it. */
  public record Timeline(String crashId, boolean linkable, String start, List<Change> changes) {
    public Timeline {
      changes = List.copyOf(changes);
    }
  }

  /** A crash whose signature could not be generated under some version. */
  public record Failure(String crashId, String reason) {}

  /**
   * How much work the shortcut saved.
   *
   * @param versions distinct siglist versions used
   * @param signed signatures generated in all (the full first pass included)
   * @param skipped signatures carried over without generating, because no changed line could move the crash
   */
  public record Stats(long versions, long signed, long skipped) {}

  /**
   * @param warnings the siglist versions that did not load, each naming its commit and every
   *     line at fault ({@code file:line: problem}); the commits they touch say how they were compared
   */
  public record Result(
      List<CommitMoves> commits, List<Timeline> timelines, List<Failure> failures, List<String> warnings, boolean stopped, Stats stats) {
    public Result {
      commits = List.copyOf(commits);
      timelines = List.copyOf(timelines);
      failures = List.copyOf(failures);
      warnings = List.copyOf(warnings);
    }

    public long moves() {
      return commits.stream().mapToLong(commit -> commit.moves().size()).sum();
    }
  }

  /** @param lineNumbers which line-number list the version has, numbered in the order first seen */
  private record Engine(SiglistVersion version, SignatureGenerator generator, int lineNumbers) {}

  /**
   * A commit needs its parent's generator and its own; each holds its loaded lists and frame
   * memos, which take most of the memory, so the others are dropped (and loaded again should a
   * later commit need them, which along a history is rare).
   */
  private static final int ENGINES_KEPT = 2;

  private final List<TrackedCrash> crashes;
  private final boolean shortcut;
  private final Map<String, String[]> signatures = new HashMap<>();
  /** Normalized frames, and function names, each with the crashes that have it under some version signed so far. */
  private final NavigableMap<String, CrashList> frames = new TreeMap<>();
  private final NavigableMap<String, CrashList> functions = new TreeMap<>();
  /** Whether a list's lines act on one another, by list (the lists of the versions signed so far). */
  private final Map<List<String>, Boolean> interacting = new IdentityHashMap<>();
  /** Crashes whose walk raised: their frames are not known, so every change signs them again. */
  private final BitSet unknownFrames = new BitSet();
  /**
   * A crash's frames depend on the version only through its line-number list: the same frames are
   * normalized, and only whether a function gets its line number can change. So each crash is
   * walked once per line-number list (a bit for each of the first 64 lists), which most versions
   * share, and signed alone under the others.
   */
  private final Map<List<String>, Integer> lineNumberLists = new HashMap<>();
  /** The generator made last, whose normalized frames the next one shares. */
  private SignatureGenerator lastGenerator;
  private final long[] walkedUnder;
  private final Map<Integer, Failure> failures = new LinkedHashMap<>();
  private final Map<String, Engine> engines = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Engine> eldest) {
      return size() > ENGINES_KEPT;
    }
  };
  /** The versions that did not load, by key: the commit and each {@code file:line: problem}, joined by semicolons. */
  private final Map<String, List<String>> unloadable = new LinkedHashMap<>();
  /** The version signed last, and its lines: the shortcut signs the next version from it. */
  private SiglistVersion last;
  private Map<SiglistKind, List<String>> lastLines;
  /** The version of the latest commit that loaded, for a commit whose parent's siglists do not. */
  private SiglistVersion lastLoaded;
  private long signed;
  private long skipped;

  /**
   * @param shortcut false to sign every crash under every version, which the shortcut must
   *     always agree with (for tests)
   */
  public SignatureHistory(List<TrackedCrash> crashes, boolean shortcut) {
    this.crashes = List.copyOf(crashes);
    this.shortcut = shortcut;
    this.walkedUnder = new long[this.crashes.size()];
  }

  /**
   * Walks the range, oldest commit first.
   *
   * @param progress told after each commit
   * @param stop asked before each commit; when it says so, the commits done so far are the result
   */
  public Result run(SiglistRange range, Runnable progress, BooleanSupplier stop) {
    range.start().ifPresent(version -> {
      if (ensure(version) != null) {
        lastLoaded = version;
      }
    });
    List<CommitMoves> commits = new ArrayList<>();
    // By crash, in input order.
    Map<Integer, List<Change>> changes = new TreeMap<>();
    boolean stopped = false;
    String[] start = range.start().map(version -> signatures.get(version.key())).orElse(null);
    for (HistoryStep step : range.steps()) {
      if (stop.getAsBoolean()) {
        stopped = true;
        break;
      }
      commits.add(commit(step, changes));
      if (start == null) {
        start = step.parents().isEmpty() ? null : step.parents().get(0).map(version -> signatures.get(version.key())).orElse(null);
      }
      progress.run();
    }
    List<Timeline> timelines = new ArrayList<>();
    for (Map.Entry<Integer, List<Change>> entry : changes.entrySet()) {
      TrackedCrash crash = crashes.get(entry.getKey());
      String first = start != null ? start[entry.getKey()] : entry.getValue().get(0).from();
      timelines.add(new Timeline(crash.id(), crash.linkable(), first, entry.getValue()));
    }
    return new Result(commits, timelines, List.copyOf(failures.values()), unloadable.values().stream().flatMap(List::stream).toList(), stopped, new Stats(signatures.size(), signed, skipped));
  }

  private CommitMoves commit(HistoryStep step, Map<Integer, List<Change>> changes) {
    HistoryCommit commit = step.commit();
    if (step.version().isEmpty()) {
      return CommitMoves.notCompared(commit, "the siglist files are not all there at this commit");
    }
    if (step.parents().isEmpty() || step.parents().get(0).isEmpty()) {
      return CommitMoves.notCompared(commit, "the siglist files are not all there before this commit");
    }
    SiglistVersion parent = step.parents().get(0).get();
    SiglistVersion version = step.version().get();
    String[] before = ensure(parent);
    String note = null;
    if (before == null) {
      // A version that does not load is skipped: what changed since the last one that did is
      // this commit's to answer for, so nothing it moved is lost.
      if (lastLoaded == null || lastLoaded.key().equals(version.key())) {
        // Nothing that loaded to compare with; this version, when it loads, is what the next
        // commits are compared with (a range may start at a broken version).
        if (ensure(version) == null) {
          return CommitMoves.notCompared(commit, "skipped: the siglists do not load at this commit");
        }
        lastLoaded = version;
        return CommitMoves.notCompared(commit, "not compared: the siglists do not load before this commit, at " + parent.shortCommit());
      }
      note = "compared with " + lastLoaded.shortCommit() + ": the siglists do not load at its parent " + parent.shortCommit();
      parent = lastLoaded;
      before = ensure(parent);
    }
    List<String[]> others = new ArrayList<>();
    for (Optional<SiglistVersion> other : step.parents().subList(1, step.parents().size())) {
      other.map(this::ensure).ifPresent(others::add);
    }
    String[] after = ensure(version);
    if (after == null) {
      return CommitMoves.notCompared(commit, "skipped: the siglists do not load at this commit");
    }
    lastLoaded = version;
    List<Integer> moved = new ArrayList<>();
    for (int i = 0; i < crashes.size(); i++) {
      if (before[i] == null || after[i] == null || before[i].equals(after[i]) || failures.containsKey(i)) {
        continue;
      }
      int crash = i;
      // A merge moves a crash only when it has a signature no parent had: the branches' own commits moved it otherwise.
      if (others.stream().noneMatch(other -> after[crash].equals(other[crash]))) {
        moved.add(i);
      }
    }
    if (moved.isEmpty()) {
      return new CommitMoves(commit, true, List.of(), note);
    }
    // Tracing both sides is most of a move's cost; the explainer is safe to share between threads.
    Explainer explainer = new Explainer(side(parent), side(version));
    Cause[] causes = new Cause[moved.size()];
    IntStream.range(0, moved.size()).parallel().forEach(k -> causes[k] = cause(explainer, crashes.get(moved.get(k))));
    List<Move> moves = new ArrayList<>(moved.size());
    for (int k = 0; k < moved.size(); k++) {
      int i = moved.get(k);
      moves.add(new Move(crashes.get(i).id(), crashes.get(i).linkable(), before[i], after[i], causes[k]));
      changes.computeIfAbsent(i, key -> new ArrayList<>()).add(new Change(commit, before[i], after[i]));
    }
    return new CommitMoves(commit, true, moves, note);
  }

  private static Cause cause(Explainer explainer, TrackedCrash crash) {
    try {
      return explainer.cause(crash.data());
    } catch (RuntimeException e) {
      return new Cause(List.of(), "not a siglist line: the walks could not be traced: " + e.getMessage());
    }
  }

  private Explainer.Side side(SiglistVersion version) {
    return new Explainer.Side("commit " + version.commit(), engine(version).generator());
  }

  /** The version's generator; only for a version that loaded before. */
  private Engine engine(SiglistVersion version) {
    Engine engine = engines.get(version.key());
    if (engine == null) {
      engine = load(version);
      if (engine == null) {
        throw new IllegalStateException("version " + version.key() + " was signed but does not load");
      }
    }
    return engine;
  }

  /** Loads a version's lists into a generator, kept among the last few; null when they do not load. */
  private Engine load(SiglistVersion version) {
    if (unloadable.containsKey(version.key())) {
      return null;
    }
    SiglistSet set;
    try {
      set = version.load();
    } catch (SiglistException e) {
      unloadable.put(version.key(), e.problems().stream().map(problem -> "commit " + version.shortCommit() + ": " + problem).toList());
      return null;
    }
    List<String> lineNumbers = set.lines().get(SiglistKind.LINE_NUMBERS);
    Integer listNumber = lineNumberLists.get(lineNumbers);
    if (listNumber == null) {
      listNumber = lineNumberLists.size();
      lineNumberLists.put(lineNumbers, listNumber);
    }
    // Consecutive versions nearly always share their line-number list: their frames are then
    // normalized once (100 versions over 10,000 crashes: a tenth faster, peak RSS 310 to 275 MB).
    SignatureGenerator generator = lastGenerator == null ? new SignatureGenerator(set) : lastGenerator.withSiglists(set);
    lastGenerator = generator;
    Engine engine = new Engine(version, generator, listNumber);
    engines.put(version.key(), engine);
    return engine;
  }

  /** The signatures of every crash under a version, generated the first time it is asked for; null when it does not load. */
  private String[] ensure(SiglistVersion version) {
    String[] known = signatures.get(version.key());
    if (known != null) {
      return known;
    }
    Engine engine = engines.containsKey(version.key()) ? engines.get(version.key()) : load(version);
    if (engine == null) {
      return null;
    }
    Map<SiglistKind, List<String>> lines = engine.generator().siglists().lines();
    String[] result;
    if (last == null || !shortcut) {
      result = new String[crashes.size()];
      sign(engine, IntStream.range(0, crashes.size()).toArray(), result);
    } else {
      result = signatures.get(last.key()).clone();
      int[] affected = affected(lastLines, lines).stream().toArray();
      skipped += crashes.size() - affected.length;
      sign(engine, affected, result);
    }
    signatures.put(version.key(), result);
    last = version;
    lastLines = lines;
    return result;
  }

  /** Signs the crashes given under a version, and adds their frames under it to the index. */
  private void sign(Engine engine, int[] which, String[] into) {
    Signed[] results = new Signed[which.length];
    long bit = engine.lineNumbers() < Long.SIZE ? 1L << engine.lineNumbers() : 0;
    IntStream.range(0, which.length).parallel().forEach(k -> {
      int crash = which[k];
      boolean walk = (walkedUnder[crash] & bit) == 0 || unknownFrames.get(crash);
      results[k] = sign(engine, crashes.get(crash).data(), walk);
    });
    signed += which.length;
    for (int k = 0; k < which.length; k++) {
      int crash = which[k];
      Signed result = results[k];
      if (result.failure() != null) {
        failures.putIfAbsent(crash, new Failure(crashes.get(crash).id(), result.failure()));
        continue;
      }
      into[crash] = result.signature();
      if (result.frames() == null) {
        unknownFrames.set(crash);
        continue;
      }
      walkedUnder[crash] |= bit;
      result.frames().forEach(frame -> frames.computeIfAbsent(frame, f -> new CrashList()).add(crash));
      result.functions().forEach(function -> functions.computeIfAbsent(function, f -> new CrashList()).add(crash));
    }
  }

  /** @param frames null when a walk raised; empty when not walked */
  private record Signed(String signature, Set<String> frames, Set<String> functions, String failure) {}

  private static Signed sign(Engine engine, CrashData crash, boolean walk) {
    String signature;
    try {
      signature = engine.generator().generate(crash).signature();
    } catch (RuntimeException e) {
      return new Signed(null, null, null, "signature generation failed under commit " + engine.version().commit() + ": " + e);
    }
    if (!walk) {
      return new Signed(signature, Set.of(), Set.of(), null);
    }
    WalkSubjects subjects = WalkSubjects.of(engine.generator(), crash);
    if (subjects == null) {
      return new Signed(signature, null, null, null);
    }
    return new Signed(signature, subjects.frames(), subjects.functions(), null);
  }

  /** The crashes some line changed between two versions could answer differently for. */
  private BitSet affected(Map<SiglistKind, List<String>> from, Map<SiglistKind, List<String>> to) {
    BitSet affected = new BitSet();
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> before = from.get(kind);
      List<String> after = to.get(kind);
      Set<String> changed = new LinkedHashSet<>(after);
      changed.removeAll(Set.copyOf(before));
      Set<String> removed = new LinkedHashSet<>(before);
      removed.removeAll(Set.copyOf(after));
      changed.addAll(removed);
      if (changed.isEmpty()) {
        continue;
      }
      if (kind == SiglistKind.SENTINELS) {
        changed.forEach(sentinel -> Optional.ofNullable(frames.get(sentinel)).ifPresent(list -> list.addTo(affected)));
        continue;
      }
      ChangedLines matcher = interacts(before) || interacts(after) ? null : ChangedLines.of(changed);
      List<String> prefixes = matcher == null ? null : matcher.literalPrefixes();
      if (matcher == null) {
        affected.set(0, crashes.size());
        return affected;
      }
      NavigableMap<String, CrashList> subjects = kind == SiglistKind.LINE_NUMBERS ? functions : frames;
      if (prefixes == null) {
        subjects.forEach((subject, list) -> {
          if (matcher.matches(subject)) {
            list.addTo(affected);
          }
        });
        continue;
      }
      // Every changed line starts with a literal text, so only the subjects that start with one can match.
      for (String prefix : prefixes) {
        for (Map.Entry<String, CrashList> entry : subjects.tailMap(prefix, true).entrySet()) {
          if (!entry.getKey().startsWith(prefix)) {
            break;
          }
          if (matcher.matches(entry.getKey())) {
            entry.getValue().addTo(affected);
          }
        }
      }
    }
    affected.or(unknownFrames);
    return affected;
  }

  /**
   * The crashes that have a frame: most frames belong to a few crashes, so a small array each
   * (a bit set over every crash would take a kilobyte per frame). A crash signed again may be
   * added twice, which costs nothing but a repeat.
   */
  private static final class CrashList {
    private int[] crashes = new int[2];
    private int size;

    void add(int crash) {
      if (size > 0 && crashes[size - 1] == crash) {
        return;
      }
      if (size == crashes.length) {
        crashes = java.util.Arrays.copyOf(crashes, size * 2);
      }
      crashes[size++] = crash;
    }

    void addTo(BitSet set) {
      for (int i = 0; i < size; i++) {
        set.set(crashes[i]);
      }
    }
  }

  private boolean interacts(List<String> lines) {
    return interacting.computeIfAbsent(lines, ChangedLines::interact);
  }
}
