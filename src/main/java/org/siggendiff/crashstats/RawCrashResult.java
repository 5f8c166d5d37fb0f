package org.siggendiff.crashstats;

import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Origin;

/** What looking up one raw crash gave: its annotations, or why not. */
public sealed interface RawCrashResult permits RawCrashResult.Had, RawCrashResult.Failed {
  CrashId id();

  /**
   * A raw crash, from the API or the cache.
   *
   * @param json the document as crashstats-tools' fetch-data stores it when from the API; the
   *     stored bytes, whoever wrote them, when from the cache
   */
  record Had(CrashId id, byte[] json, Origin origin) implements RawCrashResult {}

  /** A raw crash that could not be had; the processed crash is not affected. */
  record Failed(CrashId id, FailureKind kind, String reason) implements RawCrashResult {}
}
