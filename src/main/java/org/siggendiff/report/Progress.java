package org.siggendiff.report;

import java.io.PrintWriter;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: a bar with rate and ETA redrawn in place on a terminal, or a plain line
 * every few seconds when stderr is a file or a pipe. Called from one thread.
 */
public final class Progress {
  private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  /** Where the count is not known beforehand, how much of the input is read, 0 to 1; negative when not known either. */
  private final DoubleSupplier fractionRead;
  private final long start;
  private long done;
  private long lastShown;
  private boolean drawn;

  /**
   * @param label what is counted, such as {@code fetch}
   * @param total how many items there are, or -1 when unknown
   */
  public Progress(PrintWriter err, String label, long total, boolean terminal, LongSupplier nanoTime) {
    this(err, label, total, terminal, nanoTime, () -> -1);
  }

  /**
   * @param total how many items there are, or -1 when unknown
   * @param fractionRead with no total, how much of the input is read, 0 to 1 (a corpus by its
   *     bytes), or negative when not known: a share and an ETA are shown from it
   */
  public Progress(PrintWriter err, String label, long total, boolean terminal, LongSupplier nanoTime, DoubleSupplier fractionRead) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.fractionRead = fractionRead;
    this.start = nanoTime.getAsLong();
    this.lastShown = start;
  }

  public Progress(PrintWriter err, String label, long total, boolean terminal) {
    this(err, label, total, terminal, System::nanoTime);
  }

  /** Progress over an input of unknown count whose share read is known: a corpus, by its bytes. */
  public Progress(PrintWriter err, String label, boolean terminal, DoubleSupplier fractionRead) {
    this(err, label, -1, terminal, System::nanoTime, fractionRead);
  }

  /** Counts one item done, and shows progress when it is time to. */
  public void advance() {
    done++;
    long now = nanoTime.getAsLong();
    if (now - lastShown >= (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
      lastShown = now;
      show(now);
    }
  }

  /** Clears the bar on a terminal, so that the summary starts on a clean line. */
  public void finish() {
    clear();
  }

  /**
   * Takes the bar off the terminal's current line, so that output written to the same terminal
   * starts at its left edge; the next {@link #advance} that is due draws it again.
   */
  public void clear() {
    if (terminal && drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  private void show(long now) {
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder line = new StringBuilder();
    if (terminal) {
      line.append('\r');
    }
    line.append(label).append(": ");
    if (total > 0) {
      if (terminal) {
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
      }
      line.append(done).append('/').append(total).append(String.format(" (%d%%)", 100 * done / total));
    } else {
      line.append(done);
    }
    line.append(String.format(", %.0f/s", rate));
    if (total > 0 && rate > 0 && done < total) {
      line.append(", ETA ").append(duration((long) ((total - done) / rate)));
    } else if (total <= 0) {
      double read = fractionRead.getAsDouble();
      if (read > 0 && read < 1) {
        // Read ahead of the rows by a few hundred crashes at most, a share of the whole by bytes.
        line.append(String.format(", %d%% of the input read, ETA ", (int) (100 * read))).append(duration((long) (seconds * (1 - read) / read)));
      }
    }
    if (terminal) {
      line.append("\033[K");
      err.print(line);
      drawn = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  private static String duration(long seconds) {
    if (seconds >= 3600) {
      return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
