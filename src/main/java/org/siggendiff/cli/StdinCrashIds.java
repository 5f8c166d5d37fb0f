package org.siggendiff.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.pipeline.WaitingIterator;
import org.siggendiff.report.TerminalText;

/**
 * Crash IDs from stdin as they are written, for {@code crashids ... | siggen-diff} and {@code
 * fetch}: each line is an input as soon as it ends (an invalid one named by its line number),
 * only a bounded number are held, and a stop request ends the wait for the next line. A daemon
 * thread reads, since a read of stdin cannot be interrupted; it is left blocked if the run stops
 * first.
 *
 * @param <T> what a command makes of each line
 */
final class StdinCrashIds<T> implements WaitingIterator<T> {
  /**
   * Lines read ahead of the run: enough to keep the workers busy, few enough to hold nothing big
   * (twice as many at most: a full queue, and the lines taken from it at once).
   */
  private static final int READ_AHEAD = 4096;
  private static final long POLL_MILLIS = 50;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(READ_AHEAD);
  /**
   * Lines taken from the queue together: taken one by one, each would wake the reading thread
   * blocked on a full queue to read one more line, a hand-over between threads a line.
   */
  private final ArrayDeque<Object> taken = new ArrayDeque<>();
  private final BooleanSupplier stop;
  private final Function<CrashIdInput.Entry, T> input;
  private Object next;
  private boolean ended;
  private boolean stopped;
  private boolean any;

  /** Entries the reading thread has made, and whether it met the end of stdin. */
  private final AtomicLong entries = new AtomicLong();
  private volatile boolean readToEnd;

  /** @param input what a command makes of each line's entry, valid or not */
  StdinCrashIds(Reader stdin, Function<CrashIdInput.Entry, T> input, BooleanSupplier stop) {
    this.input = input;
    this.stop = stop;
    Thread reader = new Thread(() -> read(stdin), "siggen-diff-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Reader stdin) {
    try {
      CrashIdInput.forEachLine(stdin, entry -> {
        entries.incrementAndGet();
        put(input.apply(entry));
      });
    } catch (IOException e) {
      // The lines read are processed; what could not be read is an invalid input, not a lost one.
      entries.incrementAndGet();
      put(input.apply(new CrashIdInput.Invalid("stdin", "could not be read to its end: " + TerminalText.clean(String.valueOf(e.getMessage())))));
    } catch (CancellationException e) {
      return;
    } catch (RuntimeException | Error e) {
      // A bug or a broken stream: the command fails on its own thread, as if it had read stdin itself.
      put(new Failure(e));
      return;
    }
    readToEnd = true;
    put(END);
  }

  /** What went wrong on the reading thread, to be thrown where the inputs are taken. */
  private record Failure(Throwable thrown) {}

  private void put(Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException();
    }
  }

  @Override
  public boolean hasNext() {
    while (next == null && !ended && !stopped) {
      if (stop.getAsBoolean()) {
        stopped = true;
        break;
      }
      Object item = taken.poll();
      if (item == null) {
        try {
          item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped = true;
          break;
        }
        queue.drainTo(taken);
      }
      if (item == END) {
        ended = true;
      } else if (item instanceof Failure failure) {
        ended = true;
        if (failure.thrown() instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) failure.thrown();
      } else if (item != null) {
        next = item;
        any = true;
      }
    }
    return next != null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T input = (T) next;
    next = null;
    return input;
  }

  @Override
  public boolean ready() {
    return next != null || ended || stopped || !taken.isEmpty() || !queue.isEmpty();
  }

  /** Whether a stop request came before stdin ended, so that the rest of it was not read. */
  boolean stoppedBeforeEnd() {
    return stopped;
  }

  /** How many entries stdin held, once it has been read to its end (not necessarily taken); else -1. */
  long countIfRead() {
    return readToEnd ? entries.get() : -1;
  }

  /** Whether stdin ended without a single crash ID line (blank lines and comments aside); waits for it to end or give one. */
  boolean isEmpty() {
    return !hasNext() && !any && !stopped;
  }
}
