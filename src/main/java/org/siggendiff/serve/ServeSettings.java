package org.siggendiff.serve;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the server listens and what it bounds.
 *
 * @param address where to listen; port 0 picks a free one
 * @param maxBodyBytes the largest CrashSignature request body, and the longest {@code /signify} line
 * @param maxJobs the most jobs one CrashSignature request may have
 * @param requestTimeout how long one CrashSignature request may sign; jobs not started by then get an error result
 * @param drainTimeout how long a stop waits for requests in flight
 * @param threads the worker threads that run requests
 * @param maxWaiting the most requests that wait for a worker; more are answered 503 at once
 */
public record ServeSettings(
    InetSocketAddress address, int maxBodyBytes, int maxJobs, Duration requestTimeout, Duration drainTimeout, int threads,
    int maxWaiting) {
  public static final int DEFAULT_MAX_BODY_BYTES = 32 << 20;
  public static final int DEFAULT_MAX_JOBS = 1000;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Below Main's 5 s shutdown grace, so that a signal's drain ends before the JVM is halted. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(4);
  /**
   * A few seconds of small requests on a busy server; past that a client is better told to come
   * back than kept waiting, and waiting connections no longer pile up without bound.
   */
  public static final int DEFAULT_MAX_WAITING = 256;

  /** Enough workers to keep every core signing while others wait on slow clients. */
  public static int defaultThreads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  /** The defaults, listening on {@code address}. */
  public static ServeSettings defaults(InetSocketAddress address) {
    return new ServeSettings(address, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_JOBS, DEFAULT_REQUEST_TIMEOUT, DEFAULT_DRAIN_TIMEOUT,
        defaultThreads(), DEFAULT_MAX_WAITING);
  }

  public ServeSettings withLimits(int maxBodyBytes, int maxJobs, Duration requestTimeout) {
    return new ServeSettings(address, maxBodyBytes, maxJobs, requestTimeout, drainTimeout, threads, maxWaiting);
  }

  public ServeSettings withDrainTimeout(Duration drainTimeout) {
    return new ServeSettings(address, maxBodyBytes, maxJobs, requestTimeout, drainTimeout, threads, maxWaiting);
  }

  public ServeSettings withWorkers(int threads, int maxWaiting) {
    return new ServeSettings(address, maxBodyBytes, maxJobs, requestTimeout, drainTimeout, threads, maxWaiting);
  }
}
