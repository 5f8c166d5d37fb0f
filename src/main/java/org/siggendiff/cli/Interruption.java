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
  private volatile boolean stopIsNormalEnd;
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

  /** As {@link #watch}, for a command whose normal end is a stop (a server): its own status stands. */
  BooleanSupplier watchAsNormalEnd() {
    stopIsNormalEnd = true;
    return watch();
  }

  boolean watched() {
    return watched;
  }

  /**
   * The status to exit with after a signal, given the command's own: 130, unless stopping is the
   * command's normal end. A signal to a pipeline also ends the writer of its stdin, and the
   * command may meet the end of its input, finish and report before it sees the request: the
   * run was still interrupted.
   */
  int statusAfterSignal(int commandStatus) {
    return stopIsNormalEnd ? commandStatus : ExitCodes.INTERRUPTED;
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
