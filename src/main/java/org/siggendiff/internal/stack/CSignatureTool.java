package org.siggendiff.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.Memo;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyInt;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.py.PyValues;
import org.siggendiff.internal.regex.SiglistTimeoutException;
import org.siggendiff.siglist.SiglistSet;

/**
 * Socorro's CSignatureTool: normalizes the frames of a C, C++ or Rust stack and walks them
 * through the siglists to pick the frames that form the signature.
 */
public final class CSignatureTool {
  /** Socorro considers at most this many frames, counting inline frames. */
  public static final int MAXIMUM_FRAMES_TO_CONSIDER = 40;

  /** Rust 1.34 panic symbols that lost their module, keyed by function then source file. */
  private static final Map<String, Map<String, String>> MISSING_MODULES =
      Map.of(
          "capacity_overflow", Map.of("src/liballoc/raw_vec.rs", "alloc::raw_vec::capacity_overflow"),
          "expect_failed", Map.of("src/libcore/option.rs", "core::option::expect_failed"),
          "panic_bounds_check", Map.of("src/libcore/panicking.rs", "core::panicking::panic_bounds_check"),
          "panic_fmt", Map.of("src/libcore/panicking.rs", "core::panicking::panic_fmt"),
          "panic", Map.of("src/libcore/panicking.rs", "core::panicking::panic"),
          "slice_index_order_fail", Map.of("src/libcore/slice/mod.rs", "core::slice::slice_index_order_fail"),
          "begin_panic_fmt", Map.of("src/libstd/panicking.rs", "std::panicking::begin_panic_fmt"),
          "continue_panic_fmt", Map.of("src/libstd/panicking.rs", "std::panicking::continue_panic_fmt"),
          "rust_panic_with_hook", Map.of("src/libstd/panicking.rs", "std::panicking::rust_panic_with_hook"));

  /** A generated signature with the notes and debug lines that explain it. */
  public record Generated(String signature, List<String> notes, List<LogLine> debugLines) {
    /** The debug lines as text. */
    public List<String> debugNotes() {
      return LogLine.texts(debugLines);
    }
  }


  private final SiglistSet siglists;
  private final Set<String> sentinels;
  private final FrameMemos memos;
  private final FrameNormalizer normalizer;
  /** This tool's side of the normalized frames it shares ({@link FrameMemos}). */
  private final int side;
  // Which lists a frame matches depends only on its text; crashes share most frames.
  private final Memo<String, Integer> classification = new Memo<>(this::classify, FrameNormalizer.MEMO_SIZE, FrameNormalizer.MEMO_SIZE);
  private final ToIntFunction<String> memoizedClassify = classification::get;

  /** A tool that shares its normalized frames with the other tools of {@code memos}. */
  public CSignatureTool(SiglistSet siglists, FrameMemos memos) {
    this.siglists = siglists;
    this.sentinels = Set.copyOf(siglists.sentinels());
    this.memos = memos;
    FrameMemos.Side shared = memos.join(siglists);
    this.normalizer = shared.normalizer();
    this.side = shared.index();
  }

  /**
   * Normalizes the first 40 frames of a thread, inline frames first within each frame; module
   * names are lowercased for Windows.
   */
  public FrameList createFrameList(JsonNode thread, boolean lowercaseModules) {
    JsonNode frames = PyValues.get(thread, "frames");
    if (frames == null) {
      return FrameList.EMPTY;
    }
    FrameNormalizer.Found found = normalizer.lookUp(frames);
    NormalizedFrame[] normalized = new NormalizedFrame[MAXIMUM_FRAMES_TO_CONSIDER];
    int size = 0;
    Iterator<JsonNode> it = PyValues.iterate(frames);
    for (int index = 0; it.hasNext() && size < MAXIMUM_FRAMES_TO_CONSIDER; index++) {
      Frame frame = Frame.of(it.next());
      if (PyValues.truthy(frame.inlines())) {
        Iterator<JsonNode> inlineIt = PyValues.iterate(frame.inlines());
        while (inlineIt.hasNext() && size < MAXIMUM_FRAMES_TO_CONSIDER) {
          normalized[size++] = normalize(frame.inline(inlineIt.next()), lowercaseModules, null, -1);
        }
        if (size >= MAXIMUM_FRAMES_TO_CONSIDER) {
          break;
        }
      }
      normalized[size++] = normalize(frame, lowercaseModules, found, index);
    }
    return new FrameList(normalized, size);
  }

  private NormalizedFrame normalize(Frame frame, boolean lowercaseModules, FrameNormalizer.Found found, int index) {
    String file = PyValues.truthy(frame.file()) ? FrameNormalizer.requireText(frame.file(), "split") : null;
    frame = fixMissingModule(frame, file);
    if (lowercaseModules && PyValues.truthy(frame.module())) {
      FrameNormalizer.requireText(frame.module(), "lower");
      frame = frame.withLowercaseModule();
    }
    try {
      return normalizer.normalize(frame, file != null && FunctionNames.isRustSource(file), found, index);
    } catch (SiglistTimeoutException e) {
      // A shared normalizer names the line as the set it was made for does; the crash fails naming this set's.
      throw normalizer.timeoutOf(siglists.lineNumbers(), e);
    }
  }

  /**
   * {@link #createFrameList} of a stack of {@code crash}, or the list this thread made last when
   * that was of the same stack of the same crash object by the same normalizer: the other side
   * of a diff, or a trace after generation. Normalizing is a pure function of the stack and the
   * line-number list, and a third of the cost of signing a crash.
   */
  public FrameList createFrameList(CrashData crash, JsonNode thread, boolean lowercaseModules) {
    FrameMemos.Recent recent = memos.recent();
    FrameList frames = recent.of(crash, thread, lowercaseModules, normalizer);
    if (frames == null) {
      frames = createFrameList(thread, lowercaseModules);
      recent.keep(crash, thread, lowercaseModules, normalizer, frames);
    }
    return frames;
  }

  /** The walk {@link #generate} made over {@code frames}, traced from what it returned. */
  public Walk walk(FrameList frames, Generated generated) {
    int start = -1;
    for (int i = 0; i < frames.size() && start < 0; i++) {
      if (frames.get(i).sentinel(side, sentinels)) {
        start = i;
      }
    }
    List<Walk.Step> steps = new ArrayList<>(frames.size());
    String last = null;
    boolean stopped = false;
    for (int i = 0; i < frames.size(); i++) {
      NormalizedFrame frame = frames.get(i);
      Walk.Role role;
      if (i < start) {
        role = Walk.Role.BEFORE_START;
      } else if (stopped) {
        role = Walk.Role.NOT_REACHED;
      } else if (frame.text.isEmpty()) {
        role = Walk.Role.EMPTY;
      } else {
        int classes = frame.classes(side, memoizedClassify);
        if ((classes & NormalizedFrame.IRRELEVANT) != 0) {
          role = Walk.Role.IRRELEVANT;
        } else if (frame.text.equals(last) && isMergedModule(frame.text)) {
          role = Walk.Role.MERGED;
        } else {
          last = frame.text;
          stopped = (classes & NormalizedFrame.PREFIX) == 0;
          role = stopped ? Walk.Role.END : Walk.Role.PREFIX;
        }
      }
      String subject = frame.lineNumberSubject;
      boolean withLine = subject != null && siglists.lineNumbers().matches(subject);
      steps.add(new Walk.Step(i, frame.text, subject, withLine, frame.sentinel(side, sentinels), role));
    }
    return new Walk(steps, start, generated.signature());
  }

  /** Restores the module of Rust 1.34 panic symbols so that sentinels find them. */
  private static Frame fixMissingModule(Frame frame, String file) {
    JsonNode function = frame.function();
    if (function != null && (function.isArray() || function.isObject())) {
      throw PyException.typeError("unhashable type: '" + PyValues.typeName(function) + "'");
    }
    if (file == null || function == null || !function.isTextual()) {
      return frame;
    }
    Map<String, String> byPath = MISSING_MODULES.get(function.textValue());
    String path = byPath == null ? null : FunctionNames.parseSourceFile(file);
    String fixed = path == null ? null : byPath.get(path);
    return fixed == null ? frame : frame.withFunction(TextNode.valueOf(fixed));
  }

  private int classify(String frame) {
    return (siglists.irrelevant().matches(frame) ? NormalizedFrame.IRRELEVANT : 0)
        | (siglists.prefix().matches(frame) ? NormalizedFrame.PREFIX : 0);
  }

  /**
   * A frame whose consecutive repeats count once: a DLL or shared object, XUL, or a frame
   * whose function has no name.
   */
  private static boolean isMergedModule(String frame) {
    if (frame.startsWith("(unloaded")) {
      return false;
    }
    // Python lowercases first; no character outside ASCII lowercases to '.', 'd', 'l', 's' or
    // 'o', so an ASCII-only comparison gives the same answer without building the lowercase text.
    return endsWithAsciiLowercased(frame, ".dll")
        || endsWithAsciiLowercased(frame, ".so")
        || frame.equals("XUL")
        || frame.equals("<name omitted>")
        || frame.startsWith("<unknown in");
  }

  private static boolean endsWithAsciiLowercased(String text, String lowercase) {
    int from = text.length() - lowercase.length();
    if (from < 0) {
      return false;
    }
    for (int i = 0; i < lowercase.length(); i++) {
      char c = text.charAt(from + i);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != lowercase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Picks the signature frames: starts at the first sentinel if any, skips empty and
   * irrelevant frames and repeats of the same module, keeps prefix frames, and stops after the first other frame.
   */
  public Generated generate(FrameList frames, BigInteger crashingThread) {
    List<String> notes = new ArrayList<>();
    List<LogLine> debug = new ArrayList<>();
    debug.add(LogLine.of("using signature lists from ", siglists.source()));

    // Socorro takes the smallest index of any sentinel: the first frame that is one.
    int start = 0;
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).sentinel(side, sentinels)) {
        debug.add(LogLine.of("sentinel; starting at \"", frames.get(i).text, "\" index ", Integer.toString(i)));
        start = i;
        break;
      }
    }

    List<String> picked = new ArrayList<>();
    for (int i = start; i < frames.size(); i++) {
      String frame = frames.text(i);
      if (frame.isEmpty()) {
        debug.add(LogLine.of("empty string; ignoring: \"", frame, "\""));
        continue;
      }
      int classes = frames.get(i).classes(side, memoizedClassify);
      if ((classes & NormalizedFrame.IRRELEVANT) != 0) {
        debug.add(LogLine.of("irrelevant; ignoring: \"", frame, "\""));
        continue;
      }
      if (!picked.isEmpty()
          && frame.equals(picked.get(picked.size() - 1))
          && isMergedModule(frame)) {
        continue;
      }
      picked.add(frame);
      if ((classes & NormalizedFrame.PREFIX) == 0) {
        debug.add(LogLine.of("not a prefix; stop: \"", frame, "\""));
        break;
      }
      debug.add(LogLine.of("prefix; continue iterating: \"", frame, "\""));
    }

    String signature = String.join(" | ", picked);
    if (signature.isEmpty()) {
      notes.add("CSignatureTool: no frame data for crashing thread (" + PyInt.str(crashingThread) + ")");
      signature = start >= frames.size() ? "EMPTY: no frame data available" : frames.get(start).text;
    }
    return new Generated(signature, notes, debug);
  }
}
