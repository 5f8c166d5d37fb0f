package org.siggendiff.pipeline;

/**
 * How many inputs a run handles at once, and how many of them a thread takes at a time.
 *
 * @param threads how many inputs are mapped at once
 * @param batch how many consecutive inputs a thread takes at once at first (see {@link
 *     OrderedParallelMap})
 * @param maxBatch how many it takes at once at most: a long run's batches grow from {@code
 *     batch} to this, each at most an eighth of the inputs taken so far per thread
 */
public record Jobs(int threads, int batch, int maxBatch) {
  /**
   * Inputs a thread takes at once when none waits: fewer hand-overs between threads (on two
   * processors, 60,000 signify lines 8 % and 100,000 cached crashes 15 % faster than one at a
   * time), and still enough batches in flight to keep every thread busy on a short run.
   */
  static final int COMPUTING_BATCH = 16;
  /**
   * What those batches grow to on a long run (on two processors, alternated with batches of 16
   * throughout: 100,000 cached crashes 125 ms and 60,000 signify lines 50 ms faster, the
   * 15,000-crash corpus diff the same).
   */
  static final int COMPUTING_MAX_BATCH = 64;

  public Jobs {
    if (threads < 1 || batch < 1 || maxBatch < batch) {
      throw new IllegalArgumentException("need threads >= 1, batch >= 1 and maxBatch >= batch");
    }
  }

  /** A batch of {@code batch} inputs throughout. */
  public Jobs(int threads, int batch) {
    this(threads, batch, batch);
  }

  /** For inputs that may wait on the network: each input a task of its own, so every thread can wait on one. */
  public static Jobs waiting(int threads) {
    return new Jobs(threads, 1);
  }

  /** For inputs that are only computed on and read from local files: in batches. */
  public static Jobs computing(int threads) {
    return new Jobs(threads, COMPUTING_BATCH, COMPUTING_MAX_BATCH);
  }

  /** How many inputs may be in flight: two of the largest batches a thread, and never fewer than eight inputs a thread. */
  public int window() {
    return threads * Math.max(8, 2 * maxBatch);
  }

  /** How many inputs the next batch takes, once {@code taken} inputs have been. */
  int batchAfter(long taken) {
    return (int) Math.min(maxBatch, Math.max(batch, taken / (8L * threads)));
  }
}
