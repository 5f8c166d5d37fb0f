package org.siggendiff.crashstats;

/** Gives processed crashes by crash ID; implementations are safe to call from many threads. */
public interface CrashSource {
  /** Never throws for a crash that cannot be had: that is a {@link CrashResult.Failed}. */
  CrashResult get(CrashId id);
}
