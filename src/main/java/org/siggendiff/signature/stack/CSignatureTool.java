package org.siggendiff.signature.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.siggendiff.py.Memo;
import org.siggendiff.py.PyException;
import org.siggendiff.py.PyStrings;
import org.siggendiff.py.PyValues;
import org.siggendiff.siglist.SiglistSet;

/**
 * Socorro's CSignatureTool: normalizes the frames of a C, C++ or Rust stack and walks them
 * through the siglists to pick the frames that form the signature.
 */
public final class CSignatureTool {
  /** Socorro considers at most this many frames, counting inline frames. */
  public static final int MAXIMUM_FRAMES_TO_CONSIDER = 40;

  /** Rust 1.34 panic symbols that lost their module, keyed by source file then function. */
  private static final Map<String, Map<String, String>> MISSING_MODULES =
      Map.of(
          "src/liballoc/raw_vec.rs", Map.of("capacity_overflow", "alloc::raw_vec::capacity_overflow"),
          "src/libcore/option.rs", Map.of("expect_failed", "core::option::expect_failed"),
          "src/libcore/panicking.rs",
              Map.of(
                  "panic_bounds_check", "core::panicking::panic_bounds_check",
                  "panic_fmt", "core::panicking::panic_fmt",
                  "panic", "core::panicking::panic"),
          "src/libcore/slice/mod.rs",
              Map.of("slice_index_order_fail", "core::slice::slice_index_order_fail"),
          "src/libstd/panicking.rs",
              Map.of(
                  "begin_panic_fmt", "std::panicking::begin_panic_fmt",
                  "continue_panic_fmt", "std::panicking::continue_panic_fmt",
                  "rust_panic_with_hook", "std::panicking::rust_panic_with_hook"));

  /** A generated signature with the notes and debug lines that explain it. */
  public record Generated(String signature, List<String> notes, List<String> debugNotes) {}

  private static final int IRRELEVANT = 1;
  private static final int PREFIX = 2;

  private final SiglistSet siglists;
  private final FrameNormalizer normalizer;
  // Which lists a frame matches depends only on its text; crashes share most frames.
  private final Memo<String, Integer> classification = new Memo<>(this::classify, FrameNormalizer.MEMO_SIZE);

  public CSignatureTool(SiglistSet siglists) {
    this.siglists = siglists;
    this.normalizer = new FrameNormalizer(siglists.lineNumbers());
  }

  /**
   * Normalizes the first 40 frames of a thread, inline frames first within each frame; module
   * names are lowercased for Windows.
   */
  public List<String> createFrameList(JsonNode thread, boolean lowercaseModules) {
    JsonNode frames = PyValues.get(thread, "frames");
    if (frames == null) {
      return List.of();
    }
    List<String> normalized = new ArrayList<>();
    Iterator<JsonNode> it = PyValues.iterate(frames);
    while (it.hasNext() && normalized.size() < MAXIMUM_FRAMES_TO_CONSIDER) {
      Frame frame = Frame.of(it.next());
      if (PyValues.truthy(frame.inlines())) {
        Iterator<JsonNode> inlineIt = PyValues.iterate(frame.inlines());
        while (inlineIt.hasNext() && normalized.size() < MAXIMUM_FRAMES_TO_CONSIDER) {
          normalized.add(normalize(frame.inline(inlineIt.next()), lowercaseModules));
        }
        if (normalized.size() >= MAXIMUM_FRAMES_TO_CONSIDER) {
          break;
        }
      }
      normalized.add(normalize(frame, lowercaseModules));
    }
    return normalized;
  }

  private String normalize(Frame frame, boolean lowercaseModules) {
    String path = null;
    if (PyValues.truthy(frame.file())) {
      path = FunctionNames.parseSourceFile(FrameNormalizer.requireText(frame.file(), "split"));
    }
    frame = fixMissingModule(frame, path);
    if (lowercaseModules && PyValues.truthy(frame.module())) {
      String module = FrameNormalizer.requireText(frame.module(), "lower");
      frame = frame.withModule(TextNode.valueOf(PyStrings.lower(module)));
    }
    return normalizer.normalize(frame, path);
  }

  /** Restores the module of Rust 1.34 panic symbols so that sentinels find them. */
  private static Frame fixMissingModule(Frame frame, String path) {
    JsonNode function = frame.function();
    if (function != null && (function.isArray() || function.isObject())) {
      throw PyException.typeError("unhashable type: '" + PyValues.typeName(function) + "'");
    }
    if (path == null || function == null || !function.isTextual()) {
      return frame;
    }
    String fixed = MISSING_MODULES.getOrDefault(path, Map.of()).get(function.textValue());
    return fixed == null ? frame : frame.withFunction(TextNode.valueOf(fixed));
  }

  private int classify(String frame) {
    return (siglists.irrelevant().matches(frame) ? IRRELEVANT : 0)
        | (siglists.prefix().matches(frame) ? PREFIX : 0);
  }

  /** A frame whose consecutive repeats count once: a DLL or shared object, or a nameless frame. */
  private static boolean isMergedModule(String frame) {
    if (frame.startsWith("(unloaded")) {
      return false;
    }
    String lower = PyStrings.lower(frame);
    return lower.contains(".dll")
        || lower.endsWith(".so")
        || frame.equals("XUL")
        || frame.equals("<name omitted>");
  }

  /**
   * Picks the signature frames: starts at the first sentinel if any, skips empty and
   * irrelevant frames and repeats of the same module, keeps prefix frames, and stops after the first other frame.
   */
  public Generated generate(List<String> frames, BigInteger crashingThread) {
    List<String> notes = new ArrayList<>();
    List<String> debug = new ArrayList<>();
    debug.add("using signature lists from " + siglists.source());

    List<String> source = frames;
    int sentinelAt = -1;
    for (String sentinel : siglists.sentinels()) {
      int index = source.indexOf(sentinel);
      if (index >= 0 && (sentinelAt < 0 || index < sentinelAt)) {
        sentinelAt = index;
      }
    }
    if (sentinelAt >= 0) {
      debug.add("sentinel; starting at \"" + source.get(sentinelAt) + "\" index " + sentinelAt);
      source = source.subList(sentinelAt, source.size());
    }

    List<String> picked = new ArrayList<>();
    for (String frame : source) {
      if (frame.isEmpty()) {
        debug.add("empty string; ignoring: \"" + frame + "\"");
        continue;
      }
      int classes = classification.get(frame);
      if ((classes & IRRELEVANT) != 0) {
        debug.add("irrelevant; ignoring: \"" + frame + "\"");
        continue;
      }
      if (!picked.isEmpty()
          && frame.equals(picked.get(picked.size() - 1))
          && isMergedModule(frame)) {
        continue;
      }
      picked.add(frame);
      if ((classes & PREFIX) == 0) {
        debug.add("not a prefix; stop: \"" + frame + "\"");
        break;
      }
      debug.add("prefix; continue iterating: \"" + frame + "\"");
    }

    String signature = String.join(" | ", picked);
    if (signature.isEmpty()) {
      notes.add("CSignatureTool: no frame data for crashing thread (" + crashingThread + ")");
      signature = source.isEmpty() ? "EMPTY: no frame data available" : source.get(0);
    }
    return new Generated(signature, notes, debug);
  }
}
