package org.siggendiff.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OrderedParallelMapTest {
  @Test
  void keepsInputOrderWhateverTheTimings() throws InterruptedException {
    List<Integer> inputs = IntStream.range(0, 300).boxed().toList();
    List<Integer> outputs = new ArrayList<>();
    new OrderedParallelMap<Integer, Integer>(
            i -> {
              sleepMillis(ThreadLocalRandom.current().nextInt(3));
              return i * 2;
            },
            4,
            16)
        .run(inputs.iterator(), outputs::add);
    assertEquals(inputs.stream().map(i -> i * 2).toList(), outputs);
  }

  @Test
  void keepsAtMostAWindowInFlight() throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger consumed = new AtomicInteger();
    AtomicInteger worst = new AtomicInteger();
    new OrderedParallelMap<Integer, Integer>(
            i -> {
              worst.accumulateAndGet(started.incrementAndGet() - consumed.get(), Math::max);
              return i;
            },
            3,
            6)
        .run(IntStream.range(0, 200).iterator(), i -> consumed.incrementAndGet());
    assertTrue(worst.get() <= 6, "in flight: " + worst.get());
    assertEquals(200, consumed.get());
  }

  /**
   * Weighed inputs (documents by their bytes) are taken only while those in flight weigh less
   * than the limit: never more than the limit and one input over it, and a heavy input alone
   * still goes through.
   */
  @Test
  void keepsTheWeightInFlightUnderItsLimitAndLetsAHeavyInputThroughAlone() throws InterruptedException {
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger consumed = new AtomicInteger();
    AtomicInteger worst = new AtomicInteger();
    // Inputs weigh 10, but every 50th weighs 1,000, more than the limit of 25 by itself.
    Iterator<Integer> inputs = IntStream.range(0, 200).iterator();
    Iterator<Integer> counted = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return inputs.hasNext();
      }

      @Override
      public Integer next() {
        worst.accumulateAndGet(taken.incrementAndGet() - consumed.get(), Math::max);
        return inputs.next();
      }
    };
    List<Integer> outputs = new ArrayList<>();
    new OrderedParallelMap<Integer, Integer>(
            i -> {
              sleepMillis(1);
              return i;
            },
            3,
            64)
        .weighing(i -> i % 50 == 0 ? 1_000 : 10, 25)
        .run(counted, i -> {
          consumed.incrementAndGet();
          outputs.add(i);
        });
    // 10 + 10 + 10 reaches the limit: a fourth waits.
    assertEquals(3, worst.get(), "inputs in flight at most");
    assertEquals(IntStream.range(0, 200).boxed().toList(), outputs);
  }

  @Test
  void passesOnTheFunctionsException() {
    OrderedParallelMap<Integer, Integer> map =
        new OrderedParallelMap<>(
            i -> {
              if (i == 5) {
                throw new IllegalStateException("five");
              }
              return i;
            },
            2,
            4);
    assertEquals("five", assertThrows(IllegalStateException.class, () -> map.run(IntStream.range(0, 10).iterator(), i -> {})).getMessage());
  }


  @Test
  void handsOutEachResultAsSoonAsItAndTheOnesBeforeItAreDoneWithoutWaitingForAFullWindow() throws InterruptedException {
    AtomicInteger taken = new AtomicInteger();
    List<Integer> takenWhenHandedOut = new ArrayList<>();
    Iterator<Integer> slowInputs =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return taken.get() < 12;
          }

          @Override
          public Integer next() {
            sleepMillis(30);
            return taken.getAndIncrement();
          }
        };
    new OrderedParallelMap<Integer, Integer>(i -> i, 2, 8).run(slowInputs, i -> takenWhenHandedOut.add(taken.get()));
    assertEquals(12, takenWhenHandedOut.size());
    // The first result is ready long before the eighth input is read.
    assertTrue(takenWhenHandedOut.get(0) <= 3, "inputs taken before the first result came out: " + takenWhenHandedOut);
  }

  @Test
  void aFailureMappingTurnsOneInputsExceptionOrErrorIntoItsResultAndTheRunGoesOn() throws InterruptedException {
    List<String> outputs = new ArrayList<>();
    new OrderedParallelMap<Integer, String>(
            i -> {
              if (i == 3) {
                throw new IllegalStateException("three");
              }
              if (i == 5) {
                return String.valueOf(recurse(i));
              }
              return "ok " + i;
            },
            (i, e) -> "failed " + i + ": " + e.getClass().getSimpleName(),
            2,
            4)
        .run(IntStream.range(0, 8).iterator(), outputs::add);
    assertEquals(List.of("ok 0", "ok 1", "ok 2", "failed 3: IllegalStateException", "ok 4", "failed 5: StackOverflowError",
        "ok 6", "ok 7"), outputs);
  }

  @Test
  @Timeout(10)
  void stopsTakingInputsWhenToldAndHandsOutOnlyWhatIsDoneInOrder() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger taken = new AtomicInteger();
    List<Integer> outputs = new ArrayList<>();
    Iterator<Integer> inputs = IntStream.range(0, 1_000).peek(i -> taken.incrementAndGet()).iterator();
    OrderedParallelMap.Outcome outcome =
        new OrderedParallelMap<Integer, Integer>(
                i -> {
                  if (i == 4) {
                    // A crash that hangs: the stop must not wait for it.
                    try {
                      never.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return i;
                },
                2,
                6)
            .run(inputs, i -> {
              outputs.add(i);
              if (i == 3) {
                stop.set(true);
              }
            }, stop::get);
    assertTrue(outcome.stopped());
    assertEquals(List.of(0, 1, 2, 3), outputs);
    assertEquals(taken.get() - 4, outcome.abandoned());
    assertTrue(taken.get() <= 10, "taken after the stop: " + taken.get());
  }

  @Test
  void aBatchIsConsecutiveInputsMappedOnOneThreadAndTheirResultsStillComeOutInOrder() throws InterruptedException {
    List<Integer> outputs = new ArrayList<>();
    List<String> threadOf = Collections.synchronizedList(new ArrayList<>());
    new OrderedParallelMap<Integer, Integer>(
            i -> {
              threadOf.add(i + " " + Thread.currentThread().getName());
              sleepMillis(ThreadLocalRandom.current().nextInt(2));
              return i;
            },
            null,
            new Jobs(2, 4))
        .run(IntStream.range(0, 40).iterator(), outputs::add);
    assertEquals(IntStream.range(0, 40).boxed().toList(), outputs);
    // Inputs 4k to 4k+3 are one batch: one thread maps them all.
    for (int batch = 0; batch < 10; batch++) {
      int first = batch * 4;
      String thread = threadNameOf(threadOf, first);
      for (int i = first + 1; i < first + 4; i++) {
        assertEquals(thread, threadNameOf(threadOf, i), "input " + i);
      }
    }
  }

  @Test
  void aFailureInABatchIsThatInputsResultAndTheRestOfTheBatchIsStillMapped() throws InterruptedException {
    List<String> outputs = new ArrayList<>();
    new OrderedParallelMap<Integer, String>(
            i -> {
              if (i == 5) {
                throw new IllegalStateException("five");
              }
              return "ok " + i;
            },
            (i, e) -> "failed " + i,
            new Jobs(2, 4))
        .run(IntStream.range(0, 8).iterator(), outputs::add);
    assertEquals(List.of("ok 0", "ok 1", "ok 2", "ok 3", "ok 4", "failed 5", "ok 6", "ok 7"), outputs);
  }

  /** A line typed into a pipe is signed and written at once, not held until a batch is full. */
  @Test
  @Timeout(10)
  void aBatchTakesOnlyTheInputsAtHandFromAWaitingIterator() throws InterruptedException {
    AtomicInteger taken = new AtomicInteger();
    List<Integer> takenWhenHandedOut = new ArrayList<>();
    WaitingIterator<Integer> slowInputs =
        new WaitingIterator<>() {
          private long nextAt = System.nanoTime();

          @Override
          public boolean ready() {
            return System.nanoTime() >= nextAt;
          }

          /** Waits for the next line to be written, as a pipe's reader does. */
          @Override
          public boolean hasNext() {
            while (!ready()) {
              sleepMillis(1);
            }
            return taken.get() < 6;
          }

          @Override
          public Integer next() {
            nextAt = System.nanoTime() + 40_000_000L;
            return taken.getAndIncrement();
          }
        };
    new OrderedParallelMap<Integer, Integer>(i -> i, null, new Jobs(2, 16)).run(slowInputs, i -> takenWhenHandedOut.add(taken.get()));
    assertEquals(6, takenWhenHandedOut.size());
    // Each result comes out before the input after the next one is read.
    for (int i = 0; i < 6; i++) {
      assertTrue(takenWhenHandedOut.get(i) <= i + 2, "inputs taken when each result came out: " + takenWhenHandedOut);
    }
  }

  private static String threadNameOf(List<String> threadOf, int input) {
    return threadOf.stream().filter(entry -> entry.startsWith(input + " ")).findFirst().orElseThrow().split(" ")[1];
  }

  private static int recurse(int depth) {
    return depth == Integer.MIN_VALUE ? 0 : recurse(depth + 1) + 1;
  }

  private static void sleepMillis(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
