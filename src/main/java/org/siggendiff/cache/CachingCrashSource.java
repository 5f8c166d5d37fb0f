package org.siggendiff.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.crashstats.ProcessedCrashCheck;

/**
 * Looks a crash up in memory, then on disk, then asks the remote source and keeps what it
 * gives, in memory and on disk. A disk entry that is corrupt, unreadable, too large, or not the
 * crash asked for counts as missing and is replaced. A crash the disk cannot keep is a failure,
 * and once the cache has no room left (a full disk, a used-up quota) no more crashes are fetched.
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
  private final long memoryBytes;
  /**
   * Made by the first crash fetched: only fetched crashes are kept in memory, and a run that
   * fetches none (all cached, or offline) need not load the cache library.
   */
  private volatile Cache<CrashId, byte[]> memory;
  /** Each thread's buffer for disk entries: a crash is parsed before the thread reads the next. */
  private final ThreadLocal<ReadBuffer> buffers = ThreadLocal.withInitial(ReadBuffer::new);
  /** Set by the first write that found no room left: why no more crashes are fetched. */
  private final AtomicReference<String> outOfRoom = new AtomicReference<>();

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
    this.memoryBytes = memoryBytes;
  }

  private Cache<CrashId, byte[]> memory() {
    Cache<CrashId, byte[]> cache = memory;
    if (cache == null) {
      synchronized (this) {
        cache = memory;
        if (cache == null) {
          cache = Caffeine.newBuilder().maximumWeight(memoryBytes).weigher((CrashId id, byte[] json) -> json.length).build();
          memory = cache;
        }
      }
    }
    return cache;
  }

  @Override
  public CrashResult get(CrashId id) {
    Cache<CrashId, byte[]> kept = memory;
    byte[] remembered = kept == null ? null : kept.getIfPresent(id);
    if (remembered != null) {
      Optional<ObjectNode> crash = parse(remembered, remembered.length);
      if (crash.isPresent()) {
        return new Found(id, crash.get(), remembered, Origin.MEMORY_CACHE);
      }
    }
    String unusableEntry = null;
    if (mode != Mode.REFRESH) {
      try {
        ReadBuffer stored = buffers.get();
        if (disk.read(id, stored)) {
          ObjectNode crash = null;
          try {
            crash = CrashDataAdapter.readProcessedCrash(stored.array(), stored.length());
          } catch (IOException e) {
            // Cut short or changed outside siggen-diff: fetched again, unless offline.
            unusableEntry = "the cache entry is broken: " + e.getMessage();
          }
          if (crash != null) {
            Optional<String> problem = ProcessedCrashCheck.problem(id, crash);
            if (problem.isEmpty()) {
              // Not copied into memory: the page cache already holds files read lately, and a
              // second copy of every crash of a long run costs the collector more than a reread.
              return new Found(id, crash, Found.KEPT_ON_DISK, Origin.DISK_CACHE);
            }
            unusableEntry = "the cache entry is " + problem.get();
          }
        }
      } catch (DiskCache.UnusableEntryException e) {
        unusableEntry = e.getMessage();
      } catch (IOException e) {
        unusableEntry = "the cache entry cannot be read (" + e.getClass().getSimpleName() + ")";
      }
    }
    if (mode == Mode.OFFLINE) {
      return unusableEntry != null
          ? new Failed(id, FailureKind.UNUSABLE_CACHE_ENTRY, unusableEntry)
          : new Failed(id, FailureKind.NOT_CACHED, "not in the cache (offline)");
    }
    String full = outOfRoom.get();
    if (full != null) {
      return new Failed(id, FailureKind.NOT_FETCHED, full);
    }
    CrashResult fetched = remote.get(id);
    if (!(fetched instanceof Found found)) {
      return fetched;
    }
    try {
      disk.write(id, found.json(), remoteUsesToken);
    } catch (IOException e) {
      Optional<String> noRoom = DiskCache.noRoom(e);
      if (noRoom.isPresent()) {
        outOfRoom.compareAndSet(null, noRoom.get() + "; stopped fetching");
        return new Failed(id, FailureKind.CACHE_WRITE_FAILED, noRoom.get());
      }
      return new Failed(id, FailureKind.CACHE_WRITE_FAILED, "cannot write to the cache (" + describe(e) + ")");
    }
    memory().put(id, found.json());
    return fetched;
  }

  /** Why no more crashes are fetched, if the cache ran out of room. */
  public Optional<String> stopped() {
    return Optional.ofNullable(outOfRoom.get());
  }

  /** The kind of failure, and the file it was about, relative to the cache when under it. */
  private String describe(IOException e) {
    if (e instanceof FileSystemException fileSystem && fileSystem.getFile() != null) {
      Path file = Path.of(fileSystem.getFile());
      if (file.getFileName() != null && file.getFileName().toString().startsWith(DiskCache.TEMPORARY_PREFIX) && file.getParent() != null) {
        // A temporary file's random name would make every crash's reason different.
        file = file.getParent();
      }
      Path shown = file.startsWith(disk.root()) ? disk.root().relativize(file) : file;
      return e.getClass().getSimpleName() + " on " + shown + (fileSystem.getReason() != null ? ": " + fileSystem.getReason() : "");
    }
    return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
  }

  private static Optional<ObjectNode> parse(byte[] json, int length) {
    try {
      return Optional.of(CrashDataAdapter.readProcessedCrash(json, length));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
