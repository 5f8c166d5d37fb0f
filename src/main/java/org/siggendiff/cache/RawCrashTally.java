package org.siggendiff.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Origin;
import org.siggendiff.crashstats.RawCrashResult;

/** What happened to the raw crashes of a run, counted from any thread, every failure listed. */
public final class RawCrashTally {
  private long fetched;
  private long cached;
  private final List<RawCrashResult.Failed> failures = new ArrayList<>();

  public synchronized void add(RawCrashResult result) {
    if (result instanceof RawCrashResult.Had had) {
      if (had.origin() == Origin.API) {
        fetched++;
      } else {
        cached++;
      }
    } else {
      failures.add((RawCrashResult.Failed) result);
    }
  }

  /** Failures in crash ID order, since lookups end in any order. */
  public synchronized List<RawCrashResult.Failed> failures() {
    return failures.stream().sorted(Comparator.comparing(RawCrashResult.Failed::id)).toList();
  }

  /** The tally as lines for stderr; reasons are this program's words, crash IDs validated. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    StringBuilder counts = new StringBuilder("raw crashes: ").append(fetched).append(" fetched, ").append(cached).append(" already cached");
    Map<FailureKind, Long> byKind = new LinkedHashMap<>();
    failures.forEach(failure -> byKind.merge(failure.kind(), 1L, Long::sum));
    for (FailureKind kind : FailureKind.values()) {
      if (byKind.containsKey(kind)) {
        counts.append(", ").append(byKind.get(kind)).append(' ').append(kind.label());
      }
    }
    lines.add(counts.toString());
    for (RawCrashResult.Failed failure : failures()) {
      lines.add("  raw crash " + failure.id() + ": " + failure.reason());
    }
    return lines;
  }

  /** The tally as JSON, such as for a {@code raw_crashes} member of a JSON summary. */
  public synchronized ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("fetched", fetched);
    json.put("cached", cached);
    ArrayNode failed = json.putArray("failures");
    for (RawCrashResult.Failed failure : failures()) {
      failed.addObject().put("crash_id", failure.id().value()).put("reason", failure.kind().label()).put("detail", failure.reason());
    }
    return json;
  }
}
