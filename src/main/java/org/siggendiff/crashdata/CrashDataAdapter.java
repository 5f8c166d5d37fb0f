package org.siggendiff.crashdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyInt;
import org.siggendiff.internal.py.PyValues;

/**
 * Socorro's convert_to_crash_data: picks the fields signature generation reads out of a
 * processed crash from Crash Stats, with the same defaults and key presence.
 */
public final class CrashDataAdapter {
  private static final JsonNodeFactory NODES = CompactNodeFactory.INSTANCE;

  private static final JsonSkimmer.Keys READ_FIELDS = new JsonSkimmer.Keys(union(CrashFields.PROCESSED, CrashFields.BOOKKEEPING));
  private static final JsonSkimmer.Keys READ_DUMP_FIELDS = new JsonSkimmer.Keys(CrashFields.DUMP);
  private static final JsonSkimmer.Keys FRAME_FIELDS = new JsonSkimmer.Keys(CrashFields.FRAME);

  private CrashDataAdapter() {}

  /**
   * Parses a processed crash, keeping only what signature generation reads (and {@code uuid}):
   * the fields adaptation picks; of {@code json_dump.threads} the threads the rules read, which
   * are the crashing thread and thread 0 (SignatureRunWatchDog's), each other thread being
   * null in its place; and of each stack frame the fields a frame is read by. What is kept is
   * declared in {@link CrashFields}. The result
   * gives exactly the signature result the whole document would, at a fraction of the cost:
   * module lists and the other threads are passed over by their outline (see {@link
   * JsonSkimmer}) without being tokenized.
   *
   * @throws IOException when the bytes are not one JSON object
   */
  public static ObjectNode readProcessedCrash(byte[] json) throws IOException {
    return readProcessedCrash(json, json.length);
  }

  /** As {@link #readProcessedCrash(byte[])}, of the document in the first {@code length} bytes of {@code json}. */
  public static ObjectNode readProcessedCrash(byte[] json, int length) throws IOException {
    return readProcessedCrash(new JsonSkimmer(json, length), READ_FIELDS, (key, skimmer) -> false);
  }

  /**
   * As {@link #readProcessedCrash(byte[])}, in the same pass handing the other top-level keys
   * that {@code wanted} has to {@code other}, which reads their values or, returning false,
   * leaves them to be passed over.
   */
  static ObjectNode readProcessedCrash(JsonSkimmer skimmer, JsonSkimmer.Keys wanted, JsonSkimmer.KeyReader other) throws IOException {
    if (skimmer.peek() != '{') {
      throw new IOException("not a JSON object");
    }
    ObjectNode crash = NODES.objectNode();
    skimmer.readObject(wanted, key -> {
      boolean read = other.read(key, skimmer);
      if (!READ_FIELDS.has(key)) {
        if (!read) {
          skimmer.skipValue();
        }
      } else if (key.equals("json_dump") && skimmer.peek() == '{') {
        crash.set(key, readDump(skimmer));
      } else {
        crash.set(key, skimmer.readValue());
      }
    });
    skimmer.expectEnd();
    return crash;
  }

  /** The keys {@link #readProcessedCrash(byte[])} reads, for readers that want more in the same pass. */
  static Set<String> readFields() {
    return union(CrashFields.PROCESSED, CrashFields.BOOKKEEPING);
  }

  private static ObjectNode readDump(JsonSkimmer skimmer) throws IOException {
    ObjectNode dump = NODES.objectNode();
    ThreadsRead read = new ThreadsRead();
    // A thread is inside json_dump and its threads array.
    int threadLevel = skimmer.level() + 2;
    skimmer.readObject(READ_DUMP_FIELDS, key -> {
      if (key.equals("threads") && skimmer.peek() == '[') {
        // Which threads are wanted depends on crash_info, which may come later: the threads
        // crash_info so far names are read as they go by, the others only noted. A repeated
        // key keeps its last value, as in Python.
        read.clear(crashingPosition(dump.get("crash_info"), Integer.MAX_VALUE));
        skimmer.readArray(index -> {
          read.starts.add(skimmer.position());
          if (index == 0) {
            read.first = readThread(skimmer);
          } else if (index == read.expected) {
            read.crashing = readThread(skimmer);
          } else {
            skimmer.skipValue();
          }
        });
        dump.set(key, NODES.arrayNode());
      } else {
        if (key.equals("threads")) {
          read.clear(-1);
        }
        dump.set(key, skimmer.readValue());
      }
    });
    // An array here is the placeholder set above: arrays are never read whole.
    if (dump.get("threads") instanceof ArrayNode threads) {
      for (int i = 0; i < read.starts.size(); i++) {
        threads.add(NODES.nullNode());
      }
      if (!read.starts.isEmpty()) {
        threads.set(0, read.first);
      }
      int crashing = crashingPosition(dump.get("crash_info"), read.starts.size());
      if (crashing > 0) {
        threads.set(crashing, crashing == read.expected
            ? read.crashing
            : readThread(skimmer.at(read.starts.get(crashing), threadLevel)));
      }
    }
    return dump;
  }

  /** What one pass over a {@code threads} array found: where each thread starts, and the threads read on the way. */
  private static final class ThreadsRead {
    final List<Integer> starts = new ArrayList<>();
    JsonNode first;
    /** The crashing thread's position as crash_info before the array gave it; one no thread has when none. */
    int expected = -1;
    /** The thread at {@link #expected}, once read. */
    JsonNode crashing;

    void clear(int expected) {
      starts.clear();
      first = null;
      crashing = null;
      this.expected = expected;
    }
  }

  /** The position of the crashing thread in a list of {@code count} threads, or -1 when no rule reads one. */
  private static int crashingPosition(JsonNode crashInfo, int count) {
    try {
      return PyValues.listPosition(CrashData.crashingThread(orNull(path(crashInfo, "crashing_thread"))), count);
    } catch (PyException e) {
      return -1;
    }
  }

  private static JsonNode readThread(JsonSkimmer skimmer) throws IOException {
    if (skimmer.peek() != '{') {
      return skimmer.readValue();
    }
    ObjectNode thread = NODES.objectNode();
    skimmer.readObject(new JsonSkimmer.FieldVisitor() {
      @Override
      public void visit(String key) throws IOException {
        thread.set(key, key.equals("frames") && skimmer.peek() == '[' ? readFrames(skimmer) : skimmer.readValue());
      }
    });
    return thread;
  }

  private static ArrayNode readFrames(JsonSkimmer skimmer) throws IOException {
    ArrayNode frames = NODES.arrayNode();
    skimmer.readArray(new JsonSkimmer.ElementVisitor() {
      @Override
      public void visit(int index) throws IOException {
        frames.add(skimmer.peek() == '{' ? readFrame(skimmer) : skimmer.readValue());
      }
    });
    return frames;
  }

  private static ObjectNode readFrame(JsonSkimmer skimmer) throws IOException {
    ObjectNode frame = NODES.objectNode();
    skimmer.readObject(FRAME_FIELDS, new JsonSkimmer.FieldVisitor() {
      @Override
      public void visit(String key) throws IOException {
        frame.set(key, skimmer.readValue());
      }
    });
    return frame;
  }

  /**
   * Adapts a processed crash (a JSON object) to crash data.
   *
   * @throws UnsignableCrashException where Socorro's convert_to_crash_data would raise
   */
  public static CrashData fromProcessedCrash(JsonNode processed) {
    if (!processed.isObject()) {
      throw new IllegalArgumentException("a processed crash must be a JSON object");
    }
    ObjectNode data = NODES.objectNode();
    data.set("hang", orNull(processed.get("hang")));
    data.set("oom_allocation_size", intOrNone("oom_allocation_size", processed.get("oom_allocation_size")));
    data.set("js_large_allocation_failure", orNull(processed.get("js_large_allocation_failure")));
    data.set("abort_message", orNull(processed.get("abort_message")));
    data.set("mdsw_status_string", orNull(processed.get("mdsw_status_string")));
    data.set("async_shutdown_timeout", orNull(processed.get("async_shutdown_timeout")));
    data.set("ipc_channel_error", orNull(processed.get("ipc_channel_error")));
    data.set("ipc_message_name", orNull(processed.get("ipc_message_name")));
    JsonNode minidumps = processed.get("additional_minidumps");
    data.set("additional_minidumps", minidumps == null ? NODES.arrayNode() : minidumps);
    JsonNode signature = processed.get("signature");
    data.set("original_signature", signature == null ? NODES.textNode("") : signature);

    if (processed.has("json_dump")) {
      JsonNode dump = processed.get("json_dump");
      data.set("crashing_thread", orNull(path(dump, "crash_info", "crashing_thread")));
      data.set("reason", orNull(path(dump, "crash_info", "type")));
      data.set("threads", orNull(path(dump, "threads")));
      data.set("os", orNull(path(dump, "system_info", "os")));
    }
    if (processed.has("java_exception")) {
      data.set("java_exception", processed.get("java_exception"));
    }
    if (processed.has("java_stack_trace")) {
      data.set("java_stack_trace", processed.get("java_stack_trace"));
    }
    return CrashData.of(data);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static JsonNode orNull(JsonNode value) {
    return value == null ? NODES.nullNode() : value;
  }

  /** glom through nested dicts; any miss is the default. */
  private static JsonNode path(JsonNode start, String... keys) {
    JsonNode node = start;
    for (String key : keys) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(key);
    }
    return node;
  }

  /**
   * Socorro's int_or_none: {@code int(value)}, or None when that raises TypeError or ValueError.
   * Anything else it raises (OverflowError for an infinite float) ends convert_to_crash_data,
   * so the crash gets no signature.
   */
  private static JsonNode intOrNone(String field, JsonNode value) {
    try {
      BigInteger parsed = PyInt.of(value);
      return NODES.numberNode(parsed);
    } catch (PyException e) {
      if (e.kind() == PyException.Kind.TYPE_ERROR || e.kind() == PyException.Kind.VALUE_ERROR) {
        return NODES.nullNode();
      }
      throw new UnsignableCrashException(
          "bad value",
          field + ": " + e.kind().pythonName() + ": " + e.getMessage() + " (Socorro's convert_to_crash_data raises it)",
          e);
    }
  }
}
