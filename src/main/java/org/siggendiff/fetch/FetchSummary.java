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

  void stopped() {
    stopped = true;
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
    err.printf("fetch: %d %s: %d fetched, %d already cached", inputs(), inputs() == 1 ? "input" : "inputs", fetched, cached);
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
