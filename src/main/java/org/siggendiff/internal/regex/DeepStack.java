package org.siggendiff.internal.regex;

import java.util.function.BooleanSupplier;

/**
 * Runs a match on a thread of its own whose stack holds {@value #STACK_BYTES} bytes, 64 times a
 * thread's usual: Java's regex engine recurses once per repetition of a group, and a frame of
 * a few thousand characters can need more than a usual stack. Memory is taken only as deep as
 * the match goes, and given back when it ends.
 */
final class DeepStack {
  static final long STACK_BYTES = 64L << 20;

  private DeepStack() {}

  /**
   * What {@code match} answers on a deep stack; what it throws is thrown here. Waits for it
   * even when interrupted (a bounded line has its time bound, the others are linear), and then
   * keeps the interrupt for the caller.
   */
  static boolean matches(BooleanSupplier match) {
    boolean[] answer = new boolean[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        answer[0] = match.getAsBoolean();
      } catch (RuntimeException | Error e) {
        failure[0] = e;
      }
    }, "siggen-diff-deep-match", STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return answer[0];
  }
}
