package org.siggendiff.crashstats;

import java.time.Duration;

/**
 * Spaces requests evenly so that no minute sees more than the limit, and lets a 429 answer
 * pause every caller, not only the one that got it.
 */
final class RateLimiter {
  /**
   * Requests go out at 98 % of the limit: the server counts arrivals, which network jitter
   * bunches up, and a request that hits the limit costs a backoff far longer than the margin.
   */
  private static final double MARGIN = 0.98;

  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  /** @param requestsPerMinute the limit; zero or less means no limit */
  RateLimiter(double requestsPerMinute) {
    this.intervalNanos =
        requestsPerMinute <= 0 ? 0 : (long) (60e9 / (requestsPerMinute * MARGIN));
  }

  /** Waits for this caller's turn. */
  void acquire() throws InterruptedException {
    long wait = reserve();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  /** Holds every caller back for {@code pause} from now. */
  synchronized void pause(Duration pause) {
    nextSlot = Math.max(nextSlot, System.nanoTime() + pause.toNanos());
  }

  private synchronized long reserve() {
    long now = System.nanoTime();
    long slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalNanos;
    return slot - now;
  }
}
