package org.siggendiff.pipeline;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps inputs on several threads and hands the results to one consumer in input order. At most
 * a window of inputs is in flight, so memory does not grow with the number of inputs, and the
 * consumer runs on the calling thread, so it needs no locking.
 */
public final class OrderedParallelMap<I, O> {
  private final Function<I, O> function;
  private final int threads;
  private final int window;

  /**
   * @param threads how many inputs are mapped at once
   * @param window how many inputs may be in flight, mapped or waiting for an earlier one
   */
  public OrderedParallelMap(Function<I, O> function, int threads, int window) {
    if (threads < 1 || window < threads) {
      throw new IllegalArgumentException("need threads >= 1 and window >= threads");
    }
    this.function = function;
    this.threads = threads;
    this.window = window;
  }

  /** Maps every input; an exception thrown by the function is rethrown here. */
  public void run(Iterator<? extends I> inputs, Consumer<? super O> consumer) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
    try {
      ArrayDeque<Future<O>> inFlight = new ArrayDeque<>(window);
      while (inputs.hasNext()) {
        if (inFlight.size() >= window) {
          consumer.accept(await(inFlight.removeFirst()));
        }
        I input = inputs.next();
        inFlight.addLast(pool.submit(() -> function.apply(input)));
      }
      while (!inFlight.isEmpty()) {
        consumer.accept(await(inFlight.removeFirst()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <O> O await(Future<O> future) throws InterruptedException {
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
