package org.siggendiff.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.crashstats.CrashSource;

/**
 * Looks a crash up in memory, then on disk, then asks the remote source and keeps what it
 * gives, in memory and on disk. A corrupt or unreadable disk entry counts as missing and is
 * replaced.
 */
public final class CachingCrashSource implements CrashSource {
  /** Where lookups may go. */
  public enum Mode {
    /** Cache first, then the remote source. */
    NORMAL,
    /** The cache only: a missing entry is a failure, not a request. */
    OFFLINE,
    /** Ignore disk entries from earlier runs and fetch again. */
    REFRESH
  }

  public static final long DEFAULT_MEMORY_BYTES = 64L << 20;

  private final DiskCache disk;
  private final CrashSource remote;
  private final boolean remoteUsesToken;
  private final Mode mode;
  private final Cache<CrashId, byte[]> memory;
  private final AtomicLong cacheWriteFailures = new AtomicLong();
  private final AtomicReference<String> lastCacheWriteFailure = new AtomicReference<>();

  /**
   * @param remote unused, and may be null, when {@code mode} is {@link Mode#OFFLINE}
   * @param remoteUsesToken recorded with each entry the remote source gives
   * @param memoryBytes how many bytes of crash JSON the memory cache holds
   */
  public CachingCrashSource(DiskCache disk, CrashSource remote, boolean remoteUsesToken, Mode mode, long memoryBytes) {
    if (remote == null && mode != Mode.OFFLINE) {
      throw new IllegalArgumentException("a remote source is needed unless offline");
    }
    this.disk = disk;
    this.remote = remote;
    this.remoteUsesToken = remoteUsesToken;
    this.mode = mode;
    this.memory = Caffeine.newBuilder().maximumWeight(memoryBytes).weigher((CrashId id, byte[] json) -> json.length).build();
  }

  @Override
  public CrashResult get(CrashId id) {
    byte[] remembered = memory.getIfPresent(id);
    if (remembered != null) {
      Optional<ObjectNode> crash = parse(remembered);
      if (crash.isPresent()) {
        return new Found(id, crash.get(), remembered, Origin.MEMORY_CACHE);
      }
    }
    String unusableEntry = null;
    if (mode != Mode.REFRESH) {
      try {
        Optional<byte[]> stored = disk.read(id);
        if (stored.isPresent()) {
          Optional<ObjectNode> crash = parse(stored.get());
          if (crash.isPresent()) {
            // Not copied into memory: the page cache already holds files read lately, and a
            // second copy of every crash of a long run costs the collector more than a reread.
            return new Found(id, crash.get(), stored.get(), Origin.DISK_CACHE);
          }
          unusableEntry = "the cache entry is not a JSON object";
        }
      } catch (IOException e) {
        unusableEntry = "the cache entry cannot be read (" + e.getClass().getSimpleName() + ")";
      }
    }
    if (mode == Mode.OFFLINE) {
      return new Failed(id, FailureKind.NOT_CACHED, unusableEntry != null ? unusableEntry : "not in the cache (offline)");
    }
    CrashResult fetched = remote.get(id);
    if (fetched instanceof Found found) {
      memory.put(id, found.json());
      try {
        disk.write(id, found.json(), remoteUsesToken);
      } catch (IOException e) {
        cacheWriteFailures.incrementAndGet();
        lastCacheWriteFailure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return fetched;
  }

  /** How many fetched crashes could not be written to disk; they were still given out. */
  public long cacheWriteFailures() {
    return cacheWriteFailures.get();
  }

  /** The last disk write failure, if any. */
  public Optional<String> lastCacheWriteFailure() {
    return Optional.ofNullable(lastCacheWriteFailure.get());
  }

  private static Optional<ObjectNode> parse(byte[] json) {
    try {
      return Optional.of(CrashDataAdapter.readProcessedCrash(json));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
