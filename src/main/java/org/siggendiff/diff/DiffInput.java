package org.siggendiff.diff;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashIdInput;

/** One input of a diff run, with where it came from ({@code line 3}, {@code corpus.jsonl:12}). */
public sealed interface DiffInput permits DiffInput.Lookup, DiffInput.Document, DiffInput.Invalid {
  /**
   * The default cap on one corpus document or JSON Lines line, in bytes: far above any real
   * processed crash, and low enough that a few in flight fit in the heap.
   */
  int DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

  /**
   * How many bytes of documents may wait for or be in the workers at once (one document more
   * aside, however large): a window of inputs holds only crash IDs when they are looked up, but
   * the documents themselves when read from corpora, and those must fit the launcher's 320 MB
   * heap beside what is made of them.
   */
  long MAX_BYTES_IN_FLIGHT = 64L << 20;

  /** What an input weighs in memory while in flight: a document's bytes; a crash ID nothing to speak of. */
  static long bytes(DiffInput input) {
    return input instanceof Document document ? document.json().length : 0;
  }

  String where();

  /** A size for messages: {@code 32 MiB}, or bytes when not a whole number of MiB. */
  static String describeBytes(long bytes) {
    long mebibyte = 1024 * 1024;
    return bytes % mebibyte == 0 ? bytes / mebibyte + " MiB" : bytes + " bytes";
  }

  /** A crash ID entry as a lookup, or the reason it is not one. */
  static DiffInput of(CrashIdInput.Entry entry) {
    if (entry instanceof CrashIdInput.Valid valid) {
      return new Lookup(valid.where(), valid.id());
    }
    return new Invalid(entry.where(), ((CrashIdInput.Invalid) entry).reason());
  }

  /** A crash to get from the crash source. */
  record Lookup(String where, CrashId id) implements DiffInput {}

  /**
   * A processed crash or crash-data document from a corpus, detected by its content.
   *
   * @param crashId the crash ID the corpus names it by, or null; a document's own uuid is used otherwise
   * @param json the document's bytes as read, which should be UTF-8 text: they are checked and
   *     parsed where the document is used, on a worker thread, not where it is read
   * @param utf8 whether the bytes are known to be UTF-8 already (ASCII lines, checked files), so
   *     that the worker need not check them again; a fact about {@code json}, not compared
   */
  record Document(String where, String crashId, byte[] json, boolean utf8) implements DiffInput {
    /** Bytes still to be checked. */
    public Document(String where, String crashId, byte[] json) {
      this(where, crashId, json, false);
    }

    /** A document given as text. */
    public Document(String where, String crashId, String text) {
      this(where, crashId, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Null when the bytes are UTF-8, else what is wrong ({@link CrashJson#utf8Problem}). */
    public String utf8Problem() {
      return utf8 ? null : CrashJson.utf8Problem(json);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Document document
          && where.equals(document.where)
          && Objects.equals(crashId, document.crashId)
          && Arrays.equals(json, document.json);
    }

    @Override
    public int hashCode() {
      return Objects.hash(where, crashId, Arrays.hashCode(json));
    }

    @Override
    public String toString() {
      return "Document[where=" + where + ", crashId=" + crashId + ", " + json.length + " bytes]";
    }
  }

  /** Input that could not be used, and why. */
  record Invalid(String where, String reason) implements DiffInput {}
}
