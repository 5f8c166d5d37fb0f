package org.siggendiff.diff;

import org.siggendiff.crashstats.CrashId;

/** One input of a diff run, with where it came from ({@code line 3}, {@code corpus.jsonl:12}). */
public sealed interface DiffInput permits DiffInput.Lookup, DiffInput.Document, DiffInput.Invalid {
  /**
   * The default cap on one corpus document or JSON Lines line, in bytes: far above any real
   * processed crash, and low enough that a few in flight fit in the heap.
   */
  int DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

  String where();

  /** A size for messages: {@code 32 MiB}, or bytes when not a whole number of MiB. */
  static String describeBytes(long bytes) {
    long mebibyte = 1024 * 1024;
    return bytes % mebibyte == 0 ? bytes / mebibyte + " MiB" : bytes + " bytes";
  }

  /** A crash to get from the crash source. */
  record Lookup(String where, CrashId id) implements DiffInput {}

  /**
   * A processed crash or crash-data document from a corpus, detected by its content.
   *
   * @param crashId the crash ID the corpus names it by, or null; a document's own uuid is used otherwise
   */
  record Document(String where, String crashId, String text) implements DiffInput {}

  /** Input that could not be used, and why. */
  record Invalid(String where, String reason) implements DiffInput {}
}
