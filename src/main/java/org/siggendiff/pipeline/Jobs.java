package org.siggendiff.pipeline;

/**
 * How many inputs a run handles at once, and how many of them a thread takes at a time.
 *
 * @param threads how many inputs are mapped at once
 * @param batch how many consecutive inputs a thread takes at once (see {@link OrderedParallelMap})
 */
public record Jobs(int threads, int batch) {
  /**
   * Inputs a thread takes at once when none waits: fewer hand-overs between threads (on two
   * processors, 60,000 signify lines 8 % and 100,000 cached crashes 15 % faster than one at a
   * time), and still enough batches in flight to keep every thread busy.
   */
  static final int COMPUTING_BATCH = 16;

  public Jobs {
    if (threads < 1 || batch < 1) {
      throw new IllegalArgumentException("need threads >= 1 and batch >= 1");
    }
  }

  /** For inputs that may wait on the network: each input a task of its own, so every thread can wait on one. */
  public static Jobs waiting(int threads) {
    return new Jobs(threads, 1);
  }

  /** For inputs that are only computed on and read from local files: in batches. */
  public static Jobs computing(int threads) {
    return new Jobs(threads, COMPUTING_BATCH);
  }

  /** How many inputs may be in flight: two batches a thread, and never fewer than eight inputs a thread. */
  public int window() {
    return threads * Math.max(8, 2 * batch);
  }
}
