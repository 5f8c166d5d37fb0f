package org.siggendiff.crashdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells what a JSON document given as a crash is: a processed crash from Crash Stats, a crash in
 * the signature crash-data schema, either of those wrapped ({@code {"processed_crash": {...}}},
 * {@code {"crash_data": {...}}}, as in exports and the conformance vectors), or not a crash at
 * all. The key sets both schemas are recognised by live here and nowhere else.
 */
public final class CrashDocument {
  /** The crash-data schema: the keys the signature rules read, and the original signature. */
  static final Set<String> CRASH_DATA_KEYS = Set.of(
      "additional_minidumps", "abort_message", "async_shutdown_timeout", "crashing_thread", "hang",
      "ipc_channel_error", "ipc_message_name", "java_exception", "java_stack_trace", "js_large_allocation_failure",
      "mdsw_status_string", "oom_allocation_size", "original_signature", "os", "reason", "threads");

  /**
   * Crash-data keys a processed crash never has at its top level (it keeps threads and the OS
   * inside {@code json_dump}), so that a document with them is crash data even when it also
   * carries a {@code uuid} to name it by.
   */
  private static final Set<String> CRASH_DATA_ONLY_KEYS = Set.of("threads", "os", "original_signature");

  /**
   * Top-level keys of Socorro's processed crash that are not crash-data keys. A processed crash
   * without {@code json_dump} (the stack walker failed) is still one, and Socorro signs it.
   */
  static final Set<String> PROCESSED_CRASH_KEYS = Set.of(
      "uuid", "crash_id", "signature", "proto_signature", "json_dump", "product", "version", "build",
      "release_channel", "os_name", "os_version", "os_pretty_version", "cpu_arch", "cpu_count", "cpu_info",
      "date_processed", "client_crash_date", "submitted_timestamp", "uptime", "install_age", "address",
      "processor_notes", "success", "mdsw_return_code", "started_datetime", "completed_datetime",
      "topmost_filenames", "telemetry_environment", "addons", "addons_checked", "useragent_locale");

  /** Keys that name a crash, beside a wrapped crash or inside one. */
  private static final List<String> ID_KEYS = List.of("crash_id", "uuid");

  private static final String PROCESSED_WRAPPER = "processed_crash";
  private static final String CRASH_DATA_WRAPPER = "crash_data";

  /** Every top-level key classification looks at, and those a processed crash is read by. */
  private static final JsonSkimmer.Keys CLASSIFYING_KEYS = new JsonSkimmer.Keys(union(
      CRASH_DATA_KEYS, PROCESSED_CRASH_KEYS, Set.copyOf(ID_KEYS), Set.of(PROCESSED_WRAPPER, CRASH_DATA_WRAPPER),
      CrashDataAdapter.readFields()));

  /** How many keys, of how many characters at most, a "not a crash document" reason names. */
  private static final int KEYS_SHOWN = 5;
  private static final int KEY_CHARS_SHOWN = 40;

  private CrashDocument() {}

  public enum Kind {
    PROCESSED_CRASH,
    CRASH_DATA
  }

  /** What a document is: a crash of some kind, or why it is not one. */
  public sealed interface Classified permits Crash, NotACrash {}

  /**
   * A crash.
   *
   * @param crash the processed crash or crash data itself, unwrapped
   * @param crashIds the textual values of {@code crash_id} and {@code uuid} beside a wrapped crash,
   *     then inside the crash, in that order; they may or may not be crash IDs
   */
  public record Crash(Kind kind, JsonNode crash, List<String> crashIds) implements Classified {
    /** The crash in the crash-data schema; a processed crash is adapted as Socorro adapts it. */
    public CrashData crashData() {
      return kind == Kind.PROCESSED_CRASH ? CrashDataAdapter.fromProcessedCrash(crash) : CrashData.of(crash);
    }

    /** The signature Socorro stored in a processed crash, or null (crash data has none). */
    public String production() {
      if (kind != Kind.PROCESSED_CRASH) {
        return null;
      }
      JsonNode stored = crash.get("signature");
      return stored != null && stored.isTextual() ? stored.textValue() : null;
    }
  }

  /** @param reason such as {@code not a crash document: keys "a", "b"} */
  public record NotACrash(String reason) implements Classified {}

  /** Classifies a JSON object; anything else is not a crash. */
  public static Classified classify(JsonNode document) {
    if (!document.isObject()) {
      return new NotACrash("not a JSON object");
    }
    Optional<Classified> wrapped = unwrap(document);
    if (wrapped.isPresent()) {
      return wrapped.get();
    }
    Kind kind = kindOf(document);
    if (kind == null) {
      return new NotACrash("not a crash document: " + describeKeys(document));
    }
    List<String> ids = new ArrayList<>(2);
    addIds(document, ids);
    return new Crash(kind, document, ids);
  }

  /**
   * The crash a wrapper object holds ({@code {"processed_crash": {...}}} or {@code
   * {"crash_data": {...}}}, as in exports and the conformance vectors), or why it holds none;
   * empty for an object that is no wrapper.
   */
  public static Optional<Classified> unwrap(JsonNode document) {
    for (String wrapper : List.of(PROCESSED_WRAPPER, CRASH_DATA_WRAPPER)) {
      JsonNode inner = document.get(wrapper);
      if (inner == null) {
        continue;
      }
      if (!inner.isObject()) {
        return Optional.of(new NotACrash("\"" + wrapper + "\" is not a JSON object"));
      }
      Kind kind = wrapper.equals(PROCESSED_WRAPPER) ? Kind.PROCESSED_CRASH : Kind.CRASH_DATA;
      List<String> ids = new ArrayList<>(4);
      addIds(document, ids);
      addIds(inner, ids);
      return Optional.of(new Crash(kind, inner, ids));
    }
    return Optional.empty();
  }

  /**
   * Classifies a document from its UTF-8 bytes, as {@link #classify(JsonNode)} classifies it
   * parsed. The bytes are checked to be a document the reader takes ({@link JsonChecker}), and a
   * plain processed crash (no wrapper), the common document of a corpus, is then read in part, as
   * a cached crash is ({@link CrashDataAdapter#readProcessedCrash}), jumping over what it does
   * not read: its crash data, production signature and crash IDs are the same, for a fraction of
   * the cost of the whole tree. Anything else is parsed whole.
   *
   * @throws IOException when the bytes are not one JSON value, or nest too deep, as {@link
   *     CrashJson#parse(byte[])} says
   */
  public static Classified classify(byte[] json) throws IOException {
    JsonChecker.Spans spans;
    try {
      spans = JsonChecker.check(json);
    } catch (IOException e) {
      // The reader says what is wrong, in its words, as for any document.
      return classify(CrashJson.parse(json));
    }
    Crash plain = plainProcessedCrash(new JsonSkimmer(json, spans));
    return plain != null ? plain : classify(CrashJson.parse(json));
  }

  /**
   * An unwrapped processed crash read in part, its top-level keys told in the same pass; null
   * when the document is anything else (or its outline is broken: the whole parse says how).
   */
  private static Crash plainProcessedCrash(JsonSkimmer skimmer) {
    // Sized for a processed crash's top-level keys, so that it seldom grows.
    Set<String> present = new HashSet<>(128);
    JsonNode[] crashId = new JsonNode[1];
    ObjectNode crash;
    try {
      crash = CrashDataAdapter.readProcessedCrash(skimmer, CLASSIFYING_KEYS, (key, reader) -> {
        present.add(key);
        if (key.equals("crash_id")) {
          // A repeated key keeps its last value, as in the parsed tree.
          crashId[0] = reader.readValue();
          return true;
        }
        return false;
      });
    } catch (IOException e) {
      return null;
    }
    if (present.contains(PROCESSED_WRAPPER) || present.contains(CRASH_DATA_WRAPPER) || kindOf(present) != Kind.PROCESSED_CRASH) {
      return null;
    }
    List<String> ids = new ArrayList<>(2);
    for (JsonNode value : new JsonNode[] {crashId[0], crash.get("uuid")}) {
      if (value != null && value.isTextual()) {
        ids.add(value.textValue());
      }
    }
    return new Crash(Kind.PROCESSED_CRASH, crash, ids);
  }

  /** The schema of an unwrapped document with these top-level keys, as {@link #kindOf(JsonNode)}. */
  private static Kind kindOf(Set<String> keys) {
    if (keys.contains("json_dump")) {
      return Kind.PROCESSED_CRASH;
    }
    if (!Collections.disjoint(keys, CRASH_DATA_ONLY_KEYS)) {
      return Kind.CRASH_DATA;
    }
    if (!Collections.disjoint(keys, PROCESSED_CRASH_KEYS)) {
      return Kind.PROCESSED_CRASH;
    }
    return !Collections.disjoint(keys, CRASH_DATA_KEYS) ? Kind.CRASH_DATA : null;
  }

  /**
   * Whether an unwrapped document is a processed crash rather than crash data: it has the
   * {@code json_dump} key, which only a processed crash has.
   */
  public static boolean isProcessedCrash(JsonNode document) {
    return document.has("json_dump");
  }

  /** The schema of an unwrapped document, or null when it has no key of either. */
  private static Kind kindOf(JsonNode document) {
    if (isProcessedCrash(document)) {
      return Kind.PROCESSED_CRASH;
    }
    if (hasAny(document, CRASH_DATA_ONLY_KEYS)) {
      return Kind.CRASH_DATA;
    }
    if (hasAny(document, PROCESSED_CRASH_KEYS)) {
      return Kind.PROCESSED_CRASH;
    }
    return hasAny(document, CRASH_DATA_KEYS) ? Kind.CRASH_DATA : null;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return all;
  }

  private static boolean hasAny(JsonNode document, Set<String> keys) {
    for (String key : keys) {
      if (document.has(key)) {
        return true;
      }
    }
    return false;
  }

  private static void addIds(JsonNode object, List<String> ids) {
    for (String key : ID_KEYS) {
      JsonNode value = object.get(key);
      if (value != null && value.isTextual()) {
        ids.add(value.textValue());
      }
    }
  }

  /** A few of the document's keys, quoted and escaped to ASCII, since they are untrusted text. */
  private static String describeKeys(JsonNode document) {
    if (document.isEmpty()) {
      return "no keys";
    }
    StringBuilder text = new StringBuilder("keys ");
    Iterator<String> names = document.fieldNames();
    for (int shown = 0; names.hasNext() && shown < KEYS_SHOWN; shown++) {
      if (shown > 0) {
        text.append(", ");
      }
      quote(names.next(), text);
    }
    if (document.size() > KEYS_SHOWN) {
      text.append(", ... (").append(document.size()).append(" keys)");
    }
    return text.toString();
  }

  private static void quote(String key, StringBuilder text) {
    text.append('"');
    int end = key.offsetByCodePoints(0, Math.min(key.codePointCount(0, key.length()), KEY_CHARS_SHOWN));
    for (int i = 0; i < end; i++) {
      char c = key.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    if (end < key.length()) {
      text.append("...");
    }
    text.append('"');
  }
}
