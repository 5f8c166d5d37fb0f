package org.siggendiff.crashstats;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * How the API has been answering across every worker: a run of failed attempts with no
 * success in between pauses all requests once, and a second run stops them, so that a run of
 * thousands of crashes does not keep hammering an API that refuses or cannot be reached. When
 * nothing has ever answered and the first attempts could not even connect, it stops at once.
 */
final class ApiHealth {
  /** Always with seconds: LocalTime's own text leaves them out on a whole minute. */
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final CrashStatsClient.Patience patience;
  private final RateLimiter limiter;
  private final Consumer<String> status;

  private boolean answered;
  private int unreachable;
  private int consecutiveFailures;
  private boolean paused;
  private String stopped;
  private LocalTime announcedUntil = LocalTime.MIN;

  ApiHealth(CrashStatsClient.Patience patience, RateLimiter limiter, Consumer<String> status) {
    this.patience = patience;
    this.limiter = limiter;
    this.status = status;
  }

  /** Why requests have stopped, or null while they go on. */
  synchronized String stopped() {
    return stopped;
  }

  /** An answer that shows the API is there and serving: anything but a 429 or a 5xx. */
  synchronized void served() {
    answered = true;
    consecutiveFailures = 0;
    paused = false;
  }

  /**
   * A failed attempt: a 429, a 5xx, or a network problem.
   *
   * @param unreachable the host could not be resolved or connected to
   */
  synchronized void failed(String problem, boolean unreachable) {
    if (stopped != null) {
      return;
    }
    if (!unreachable) {
      answered = true;
    } else if (!answered && ++this.unreachable >= patience.unreachableAttempts()) {
      stop("cannot reach the API (" + problem + "); stopped before any request was answered");
      return;
    }
    if (++consecutiveFailures < patience.stallAfter()) {
      return;
    }
    consecutiveFailures = 0;
    if (paused) {
      stop(patience.stallAfter() + " requests in a row failed again after a pause (last: " + problem + "); stopped");
      return;
    }
    paused = true;
    limiter.pause(patience.stallPause());
    status.accept(
        patience.stallAfter() + " requests in a row failed (last: " + problem + "); pausing all requests for "
            + describe(patience.stallPause()) + ", until " + CLOCK.format(until(patience.stallPause())));
  }

  /** Says on the status line that every request waits, unless an earlier message already covers it. */
  synchronized void waiting(Duration wait, String why) {
    LocalTime until = until(wait);
    if (wait.compareTo(Duration.ofSeconds(1)) >= 0 && until.isAfter(announcedUntil)) {
      announcedUntil = until;
      status.accept(why + "; all requests wait " + describe(wait) + ", until " + CLOCK.format(until));
    }
  }

  private void stop(String reason) {
    stopped = reason;
    status.accept(reason);
  }

  private LocalTime until(Duration wait) {
    return LocalTime.now().plus(wait).truncatedTo(ChronoUnit.SECONDS);
  }

  static String describe(Duration wait) {
    long seconds = wait.toSeconds();
    if (seconds >= 120) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    return seconds >= 1 ? seconds + " s" : wait.toMillis() + " ms";
  }
}
