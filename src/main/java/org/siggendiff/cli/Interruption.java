package org.siggendiff.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C or a termination signal, as a request to stop: the command stops taking new work,
 * writes what it has finished, and returns. Main's shutdown hook requests it and then waits for
 * the command to be done, since the JVM ends as soon as its hooks return.
 */
final class Interruption {
  private volatile boolean requested;
  private volatile boolean watched;
  private volatile int status;
  private final CountDownLatch done = new CountDownLatch(1);

  void request() {
    requested = true;
  }

  boolean requested() {
    return requested;
  }

  /**
   * Says that the running command looks at {@link #requested} and will finish its output when
   * asked to stop; only then is a signal held until it is done. Returns the stop signal.
   */
  BooleanSupplier watch() {
    watched = true;
    return this::requested;
  }

  boolean watched() {
    return watched;
  }

  /** Called when the command has written everything it will write, with its exit status. */
  void done(int exitStatus) {
    status = exitStatus;
    done.countDown();
  }

  /** The command's exit status once it is done, or {@code otherwise} if it is not done within the time given. */
  int awaitStatus(long millis, int otherwise) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS) ? status : otherwise;
  }
}
