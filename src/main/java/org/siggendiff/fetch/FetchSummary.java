package org.siggendiff.fetch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashResult.Failed;
import org.siggendiff.crashstats.CrashResult.FailureKind;
import org.siggendiff.crashstats.CrashResult.Found;
import org.siggendiff.crashstats.CrashResult.Origin;

/** What a fetch run did with each input, counted, with every failure listed. */
public final class FetchSummary {
  /** A crash that could not be had, with the input it came from. */
  public record Failure(String where, Failed failed) {}

  private long fetched;
  private long cached;
  private final List<Failure> failures = new ArrayList<>();
  private final List<CrashIdInput.Invalid> invalid = new ArrayList<>();
  private boolean stopped;
  /** When stopped: the inputs answered by then, and the crashes found, in any order. */
  private long answeredWhenStopped;
  private long inCacheWhenStopped;

  void add(String where, CrashResult result) {
    if (result instanceof Found found) {
      if (found.origin() == Origin.API) {
        fetched++;
      } else {
        cached++;
      }
    } else if (result instanceof Failed failed) {
      failures.add(new Failure(where, failed));
    }
  }

  void addInvalid(CrashIdInput.Invalid entry) {
    invalid.add(entry);
  }

  /**
   * Notes that the run was stopped, when {@code answered} inputs had been looked at (those that
   * waited for an earlier one are not in this summary's list) and {@code inCache} found.
   */
  void stopped(long answered, long inCache) {
    stopped = true;
    answeredWhenStopped = answered;
    inCacheWhenStopped = inCache;
  }

  /** The inputs looked at: those listed here, and when stopped any answered out of order too. */
  public long answered() {
    return Math.max(inputs(), answeredWhenStopped);
  }

  /** The crashes now in the cache, fetched or found there: those listed, and when stopped any found out of order too. */
  public long inCache() {
    return Math.max(fetched + cached, inCacheWhenStopped);
  }

  /** Whether the run was stopped before it had taken and looked at every input. */
  public boolean wasStopped() {
    return stopped;
  }

  public long fetched() {
    return fetched;
  }

  public long cached() {
    return cached;
  }

  public long failed(FailureKind kind) {
    return failures.stream().filter(failure -> failure.failed().kind() == kind).count();
  }

  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  public List<CrashIdInput.Invalid> invalid() {
    return List.copyOf(invalid);
  }

  /** Every input, valid or not. */
  public long inputs() {
    return fetched + cached + failures.size() + invalid.size();
  }

  /** Whether every input was a crash ID that is now in the cache. */
  public boolean complete() {
    return failures.isEmpty() && invalid.isEmpty();
  }

  /** The summary as lines of text; crash text in it is already quoted by whoever made it. */
  public void print(PrintWriter err) {
    if (answered() > inputs()) {
      err.printf("fetch: %d of the %d inputs answered before the stop, in input order:", inputs(), answered());
      err.printf(" %d fetched, %d already cached", fetched, cached);
    } else {
      err.printf("fetch: %d %s: %d fetched, %d already cached", inputs(), inputs() == 1 ? "input" : "inputs", fetched, cached);
    }
    for (FailureKind kind : FailureKind.values()) {
      long count = failed(kind);
      if (count > 0) {
        err.printf(", %d %s", count, kind.label());
      }
    }
    if (!invalid.isEmpty()) {
      err.printf(", %d invalid", invalid.size());
    }
    err.println();
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Failure failure : failures) {
      reasons.merge(failure.failed().described(), 1L, Long::sum);
    }
    reasons.forEach((reason, count) -> err.printf("  %d %s%n", count, reason));
    for (Failure failure : failures) {
      err.printf(
          "  %s %s (%s): %s%n",
          failure.failed().kind().label(), failure.failed().id(), failure.where(), failure.failed().reason());
    }
    for (CrashIdInput.Invalid entry : invalid) {
      err.printf("  invalid input, %s: %s%n", entry.where(), entry.reason());
    }
    err.flush();
  }
}
