package org.siggendiff.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.pipeline.WaitingIterator;
import org.siggendiff.report.TerminalText;

/**
 * Crash IDs from stdin as they are written, for {@code crashids ... | siggen-diff}: each line is
 * an input as soon as it ends (an invalid one a failed row, named by its line number), only a
 * bounded number are held, and a stop request ends the wait for the next line. A daemon thread
 * reads, since a read of stdin cannot be interrupted; it is left blocked if the run stops first.
 */
final class StdinCrashIds implements WaitingIterator<DiffInput> {
  /** Lines read ahead of the run: enough to keep the workers busy, few enough to hold nothing big. */
  private static final int READ_AHEAD = 4096;
  private static final long POLL_MILLIS = 50;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(READ_AHEAD);
  private final BooleanSupplier stop;
  private Object next;
  private boolean ended;
  private boolean stopped;
  private boolean any;

  StdinCrashIds(Reader stdin, BooleanSupplier stop) {
    this.stop = stop;
    Thread reader = new Thread(() -> read(stdin), "siggen-diff-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Reader stdin) {
    try {
      CrashIdInput.forEachLine(stdin, entry -> {
        put(entry instanceof CrashIdInput.Valid valid
            ? new DiffInput.Lookup(valid.where(), valid.id())
            : new DiffInput.Invalid(entry.where(), ((CrashIdInput.Invalid) entry).reason()));
      });
    } catch (IOException e) {
      // The lines read are processed; what could not be read is a failed row, not a lost one.
      put(new DiffInput.Invalid("stdin", "could not be read to its end: " + TerminalText.clean(String.valueOf(e.getMessage()))));
    } catch (CancellationException e) {
      return;
    }
    put(END);
  }

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
      Object item;
      try {
        item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        break;
      }
      if (item == END) {
        ended = true;
      } else if (item != null) {
        next = item;
        any = true;
      }
    }
    return next != null;
  }

  @Override
  public DiffInput next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    DiffInput input = (DiffInput) next;
    next = null;
    return input;
  }

  @Override
  public boolean ready() {
    return next != null || ended || stopped || !queue.isEmpty();
  }

  /** Whether a stop request came before stdin ended, so that the rest of it was not read. */
  boolean stoppedBeforeEnd() {
    return stopped;
  }

  /** Whether stdin ended without a single crash ID line (blank lines and comments aside); waits for it to end or give one. */
  boolean isEmpty() {
    return !hasNext() && !any && !stopped;
  }
}
