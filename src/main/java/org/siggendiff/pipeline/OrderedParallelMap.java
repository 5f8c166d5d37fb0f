package org.siggendiff.pipeline;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps inputs on several threads and hands the results to one consumer in input order. At most
 * a window of inputs is in flight, so memory does not grow with the number of inputs, and the
 * consumer runs on the calling thread, so it needs no locking. A result is handed out as soon
 * as it and every result before it are done, whether or not the window is full.
 */
public final class OrderedParallelMap<I, O> {
  /** How often a wait for the next result looks at the stop signal. */
  private static final long STOP_POLL_MILLIS = 50;
  /** How long abandoned work may take to notice it was interrupted, before the run returns anyway. */
  private static final long ABANDON_WAIT_MILLIS = 2_000;

  private final Function<I, O> function;
  private final BiFunction<? super I, Throwable, ? extends O> onFailure;
  private final int threads;
  private final int window;

  /**
   * What a run did.
   *
   * @param abandoned inputs taken but not handed out, because the run was stopped
   */
  public record Outcome(boolean stopped, long abandoned) {}

  /**
   * @param threads how many inputs are mapped at once
   * @param window how many inputs may be in flight, mapped or waiting for an earlier one
   */
  public OrderedParallelMap(Function<I, O> function, int threads, int window) {
    this(function, null, threads, window);
  }

  /**
   * @param onFailure turns an exception or error the function throws for one input into that
   *     input's result, so that one bad input does not end the run; null to rethrow it
   */
  public OrderedParallelMap(
      Function<I, O> function, BiFunction<? super I, Throwable, ? extends O> onFailure, int threads, int window) {
    if (threads < 1 || window < threads) {
      throw new IllegalArgumentException("need threads >= 1 and window >= threads");
    }
    this.function = function;
    this.onFailure = onFailure;
    this.threads = threads;
    this.window = window;
  }

  /** Maps every input; an exception thrown by the function is rethrown here unless it has a failure mapping. */
  public void run(Iterator<? extends I> inputs, Consumer<? super O> consumer) throws InterruptedException {
    run(inputs, consumer, () -> false);
  }

  /**
   * Maps inputs until they run out or {@code stop} says so. Once stopped, no input is taken,
   * the results already done that are next in order are handed out, and the rest is abandoned.
   */
  public Outcome run(Iterator<? extends I> inputs, Consumer<? super O> consumer, BooleanSupplier stop)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
    try {
      ArrayDeque<Future<O>> inFlight = new ArrayDeque<>(window);
      while (true) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
          consumer.accept(result(inFlight.removeFirst()));
        }
        if (stop.getAsBoolean()) {
          return new Outcome(true, inFlight.size());
        }
        if (!inFlight.isEmpty() && inputs instanceof WaitingIterator<?> waiting && !waiting.ready()) {
          // The next input is not there yet: results done meanwhile go out rather than wait for it.
          awaitBriefly(inFlight.peekFirst());
        } else if (inFlight.size() < window && inputs.hasNext()) {
          inFlight.addLast(pool.submit(task(inputs.next())));
        } else if (inFlight.isEmpty()) {
          return new Outcome(false, 0);
        } else {
          awaitBriefly(inFlight.peekFirst());
        }
      }
    } finally {
      // Abandoned work is interrupted and given a moment to end, so that nothing it does (a
      // cache write, say) happens after the caller has reported what was done.
      pool.shutdownNow();
      pool.awaitTermination(ABANDON_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private Callable<O> task(I input) {
    return () -> {
      try {
        return function.apply(input);
      } catch (RuntimeException | Error e) {
        if (onFailure == null) {
          throw e;
        }
        return onFailure.apply(input, e);
      }
    };
  }

  /** Waits until the future is done or a short while has passed, whichever is first. */
  private static void awaitBriefly(Future<?> future) throws InterruptedException {
    try {
      future.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The result, or its failure, is collected by the caller once done.
    }
  }

  private static <O> O result(Future<O> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Daemon threads, so that an abandoned run never keeps the JVM alive. */
  private static final class Workers implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "siggen-diff-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
