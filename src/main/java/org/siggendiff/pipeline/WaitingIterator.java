package org.siggendiff.pipeline;

import java.util.Iterator;

/**
 * Inputs that may have to wait for more to arrive, such as lines from a pipe: while they wait,
 * {@link OrderedParallelMap} hands out the results already done instead of holding them back.
 */
public interface WaitingIterator<T> extends Iterator<T> {
  /** Whether {@link #hasNext} would answer at once, without waiting for input. */
  boolean ready();
}
