package org.siggendiff.crashstats;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What looking up one crash gave: the processed crash, or a typed failure. */
public sealed interface CrashResult permits CrashResult.Found, CrashResult.Failed {
  CrashId id();

  /** Where a found crash came from. */
  enum Origin {
    MEMORY_CACHE,
    DISK_CACHE,
    API
  }

  /** Why a crash could not be had. */
  enum FailureKind {
    /** The API answered 404. */
    NOT_FOUND("not found"),
    /** The API answered 403: no request was sent after the first one. */
    ACCESS_DENIED("access denied"),
    /** Offline, and not in the cache. */
    NOT_CACHED("not in the cache"),
    /** Offline, and its cache entry cannot be used (broken, another crash, not a file). */
    UNUSABLE_CACHE_ENTRY("unusable cache entry"),
    /** Retries ran out, or the answer could not be used. */
    FAILED("failed"),
    /** Had, but the disk cache could not keep it (disk full, permissions): not usable as cached. */
    CACHE_WRITE_FAILED("could not be cached"),
    /** Not asked for: fetching stopped early (the API unreachable or failing, the disk full). */
    NOT_FETCHED("not fetched");

    private final String label;

    FailureKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * A processed crash.
   *
   * @param processedCrash the fields of the crash that signature generation and reports read
   *     (see {@code CrashDataAdapter.readProcessedCrash}); large unused fields, and the threads
   *     no rule reads, are left out
   * @param json the whole document, as the API sent it, for the caches to keep; {@link
   *     #KEPT_ON_DISK} for a crash read from the disk cache, which has it already
   */
  record Found(CrashId id, ObjectNode processedCrash, byte[] json, Origin origin)
      implements CrashResult {
    /**
     * The document of a crash read from the disk cache: not kept, since a long run's reads reuse
     * one buffer a thread, and the file is there.
     */
    public static final byte[] KEPT_ON_DISK = new byte[0];
  }

  /**
   * A crash that could not be had.
   *
   * @param reason what went wrong, worded the same for every crash that failed the same way,
   *     so that a summary can group them
   */
  record Failed(CrashId id, FailureKind kind, String reason) implements CrashResult {
    /** The kind and the reason, the kind once: {@code not found: HTTP 404}, {@code not in the cache (offline)}. */
    public String described() {
      return reason.startsWith(kind.label()) ? reason : kind.label() + ": " + reason;
    }
  }
}
