package org.siggendiff.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
import java.util.function.ToLongFunction;

/**
 * Maps inputs on several threads and hands the results to one consumer in input order. At most
 * a window of inputs is in flight, and optionally at most a total weight of them (their bytes),
 * so memory does not grow with the number or size of the inputs, and the consumer runs on the
 * calling thread, so it needs no locking. A result is handed out as soon as it (with the rest
 * of its batch, when inputs go in batches) and every result before it are done, whether or not
 * the window is full.
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
  private final ToLongFunction<? super I> weight;
  private final long maxWeight;
  private final int batch;

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
   * Maps with {@code jobs}' threads and window ({@link Jobs#window}), each thread taking up to
   * {@link Jobs#batch} consecutive inputs at once: for inputs that each take little time,
   * handing them to threads and their results back one by one costs more than mapping them (a
   * thread that waits and is woken is a system call each way). A batch takes only the inputs at
   * hand: one a {@link WaitingIterator} would wait for is not waited for, so the lines a slow
   * writer writes still go out one by one. Results go out a batch at a time.
   *
   * @param onFailure as in {@link #OrderedParallelMap(Function, BiFunction, int, int)}
   */
  public OrderedParallelMap(Function<I, O> function, BiFunction<? super I, Throwable, ? extends O> onFailure, Jobs jobs) {
    this(function, onFailure, jobs.threads(), jobs.window(), input -> 0, Long.MAX_VALUE, jobs.batch());
  }

  /**
   * @param onFailure turns an exception or error the function throws for one input into that
   *     input's result, so that one bad input does not end the run; null to rethrow it
   */
  public OrderedParallelMap(
      Function<I, O> function, BiFunction<? super I, Throwable, ? extends O> onFailure, int threads, int window) {
    this(function, onFailure, threads, window, input -> 0, Long.MAX_VALUE, 1);
  }

  private OrderedParallelMap(Function<I, O> function, BiFunction<? super I, Throwable, ? extends O> onFailure, int threads,
      int window, ToLongFunction<? super I> weight, long maxWeight, int batch) {
    if (threads < 1 || window < threads) {
      throw new IllegalArgumentException("need threads >= 1 and window >= threads");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("need batch >= 1");
    }
    this.function = function;
    this.onFailure = onFailure;
    this.threads = threads;
    this.window = window;
    this.weight = weight;
    this.maxWeight = maxWeight;
    this.batch = batch;
  }

  /**
   * This map with the inputs in flight also kept under a total weight, such as their bytes: no
   * input is taken while those in flight weigh {@code maxWeight} or more (one input is always
   * let in, however heavy), so the window of large documents cannot exhaust memory.
   */
  public OrderedParallelMap<I, O> weighing(ToLongFunction<? super I> weight, long maxWeight) {
    return new OrderedParallelMap<>(function, onFailure, threads, window, weight, maxWeight, batch);
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
      ArrayDeque<InFlight<O>> inFlight = new ArrayDeque<>(window);
      int inputsInFlight = 0;
      long weightInFlight = 0;
      while (true) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().results().isDone()) {
          InFlight<O> done = inFlight.removeFirst();
          inputsInFlight -= done.count();
          weightInFlight -= done.weight();
          for (O result : results(done.results())) {
            consumer.accept(result);
          }
        }
        if (stop.getAsBoolean()) {
          return new Outcome(true, inputsInFlight);
        }
        boolean room = inputsInFlight < window && (inFlight.isEmpty() || weightInFlight < maxWeight);
        if (!inFlight.isEmpty() && !ready(inputs)) {
          // The next input is not there yet: results done meanwhile go out rather than wait for it.
          awaitBriefly(inFlight.peekFirst().results());
        } else if (room && inputs.hasNext()) {
          List<I> taken = new ArrayList<>(Math.min(batch, window - inputsInFlight));
          long takenWeight = 0;
          do {
            I input = inputs.next();
            taken.add(input);
            takenWeight += weight.applyAsLong(input);
          } while (taken.size() < batch
              && inputsInFlight + taken.size() < window
              && weightInFlight + takenWeight < maxWeight
              && ready(inputs)
              && inputs.hasNext());
          inputsInFlight += taken.size();
          weightInFlight += takenWeight;
          inFlight.addLast(new InFlight<>(pool.submit(task(taken)), taken.size(), takenWeight));
        } else if (inFlight.isEmpty()) {
          return new Outcome(false, 0);
        } else {
          awaitBriefly(inFlight.peekFirst().results());
        }
      }
    } finally {
      // Abandoned work is interrupted and given a moment to end, so that nothing it does (a
      // cache write, say) happens after the caller has reported what was done.
      pool.shutdownNow();
      pool.awaitTermination(ABANDON_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Whether the next input is there without waiting for it; any input but a waiting iterator's is. */
  private static boolean ready(Iterator<?> inputs) {
    return !(inputs instanceof WaitingIterator<?> waiting) || waiting.ready();
  }

  /** A batch's results to come, how many inputs it has and what they weigh. */
  private record InFlight<O>(Future<List<O>> results, int count, long weight) {}

  private Callable<List<O>> task(List<I> inputs) {
    return () -> {
      List<O> results = new ArrayList<>(inputs.size());
      for (I input : inputs) {
        // A stopped run abandons the batch: the inputs after this one are not begun.
        if (!results.isEmpty() && Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        results.add(map(input));
      }
      return results;
    };
  }

  private O map(I input) {
    try {
      return function.apply(input);
    } catch (RuntimeException | Error e) {
      if (onFailure == null) {
        throw e;
      }
      return onFailure.apply(input, e);
    }
  }

  /** Waits until the future is done or a short while has passed, whichever is first. */
  private static void awaitBriefly(Future<?> future) throws InterruptedException {
    try {
      future.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The result, or its failure, is collected by the caller once done.
    }
  }

  private static <O> List<O> results(Future<List<O>> future) throws InterruptedException {
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
