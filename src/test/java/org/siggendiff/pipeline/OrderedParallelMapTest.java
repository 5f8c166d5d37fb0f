package org.siggendiff.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

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

  private static void sleepMillis(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
