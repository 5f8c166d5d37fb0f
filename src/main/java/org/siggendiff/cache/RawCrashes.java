package org.siggendiff.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.crashstats.RawCrashFormat;
import org.siggendiff.crashstats.RawCrashResult;

/**
 * Raw crashes in the cache, fetched when missing. Signature generation never reads them: they
 * are kept for people (and {@code explain}), as crashstats-tools' {@code fetch-data} keeps them.
 * A fetch-data folder's raw crashes are used as they are.
 */
public final class RawCrashes {
  /**
   * A raw annotation behind a processed field that signature rules read.
   *
   * @param name the annotation, as in the raw crash
   * @param processedField the processed crash field Socorro makes of it
   */
  public record Annotation(String name, String processedField, JsonNode value) {}

  /**
   * The annotations shown beside the processed fields, in this order. MozCrashReason is read by
   * no rule, but it is what a reader of an abort signature looks for first.
   */
  private static final List<List<String>> RULE_ANNOTATIONS =
      List.of(
          List.of("MozCrashReason", "moz_crash_reason"),
          List.of("AbortMessage", "abort_message"),
          List.of("AsyncShutdownTimeout", "async_shutdown_timeout"),
          List.of("IPCChannelError", "ipc_channel_error"),
          List.of("IPCMessageName", "ipc_message_name"),
          List.of("OOMAllocationSize", "oom_allocation_size"),
          List.of("JSLargeAllocationFailure", "js_large_allocation_failure"),
          List.of("AdditionalMinidumps", "additional_minidumps"),
          List.of("JavaException", "java_exception"),
          List.of("JavaStackTrace", "java_stack_trace"));

  private final DiskCache disk;
  private final CrashStatsClient client;
  private final CachingCrashSource.Mode mode;

  /** @param client unused, and may be null, when {@code mode} is offline */
  public RawCrashes(DiskCache disk, CrashStatsClient client, CachingCrashSource.Mode mode) {
    if (client == null && mode != CachingCrashSource.Mode.OFFLINE) {
      throw new IllegalArgumentException("a client is needed unless offline");
    }
    this.disk = disk;
    this.client = client;
    this.mode = mode;
  }

  /** The raw crash from the cache, else from the API, kept in the cache; never throws. */
  public RawCrashResult get(CrashId id) {
    String unusable = null;
    if (mode != CachingCrashSource.Mode.REFRESH) {
      try {
        Optional<byte[]> stored = disk.readRaw(id);
        if (stored.isPresent()) {
          RawCrashFormat.read(id, stored.get());
          return new RawCrashResult.Had(id, stored.get(), Origin.DISK_CACHE);
        }
      } catch (DiskCache.UnusableEntryException e) {
        unusable = "the raw crash cache entry: " + e.getMessage();
      } catch (IOException e) {
        unusable = "the raw crash cache entry is unusable";
      }
    }
    if (mode == CachingCrashSource.Mode.OFFLINE) {
      return unusable != null
          ? new RawCrashResult.Failed(id, FailureKind.UNUSABLE_CACHE_ENTRY, unusable)
          : new RawCrashResult.Failed(id, FailureKind.NOT_CACHED, "not in the cache (offline)");
    }
    RawCrashResult fetched = client.rawCrash(id);
    if (fetched instanceof RawCrashResult.Had had) {
      try {
        disk.writeRaw(id, had.json());
      } catch (IOException e) {
        String reason = DiskCache.noRoom(e).orElseGet(() -> "cannot write the raw crash to the cache (" + e.getClass().getSimpleName() + ")");
        return new RawCrashResult.Failed(id, FailureKind.CACHE_WRITE_FAILED, reason);
      }
    }
    return fetched;
  }

  /**
   * The raw annotations the signature rules' fields come from, for a cached raw crash: those it
   * has, in a fixed order; empty when the raw crash is not cached or cannot be read.
   */
  public static Optional<List<Annotation>> ruleAnnotations(DiskCache disk, CrashId id) {
    JsonNode raw;
    try {
      Optional<byte[]> stored = disk.readRaw(id);
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      raw = RawCrashFormat.read(id, stored.get());
    } catch (IOException e) {
      return Optional.empty();
    }
    List<Annotation> annotations = new ArrayList<>();
    for (List<String> names : RULE_ANNOTATIONS) {
      JsonNode value = raw.get(names.get(0));
      if (value != null) {
        annotations.add(new Annotation(names.get(0), names.get(1), value));
      }
    }
    return Optional.of(annotations);
  }
}
