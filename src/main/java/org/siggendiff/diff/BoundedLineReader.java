package org.siggendiff.diff;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.siggendiff.crashdata.CrashJson;

/**
 * Reads lines of UTF-8 text from bytes with a cap on a line's length, so that a file with an
 * endless line (or {@code /dev/zero} behind a symlink) cannot exhaust memory. A line that is too
 * long comes back as a problem, and reading resumes at the next line. Lines end at {@code \n},
 * {@code \r} or {@code \r\n}, as for {@link java.io.BufferedReader}.
 *
 * <p>Lines stay bytes: splitting is all the reading thread does, and whoever uses a line checks
 * and decodes it ({@link #utf8Problem}), on its own thread. Decoding a 20 KB processed crash into a
 * String cost more than everything else the reader does, and JSON is parsed from bytes anyway.
 */
public final class BoundedLineReader implements Closeable {
  /**
   * One line: its bytes, without the line end, or what is wrong with it.
   *
   * @param bytes null when there is a problem
   * @param ascii whether every byte is below 0x80, so the line is UTF-8 without a check of its own
   *     (noted as the line end is looked for, at the cost of one instruction per eight bytes)
   */
  public record Line(long number, byte[] bytes, String problem, boolean ascii) {
    /** The line as text; its bytes must be UTF-8 (see {@link #utf8Problem}). */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private boolean skipLineFeed;
  private byte[] line = new byte[256];
  private long number;
  /** The bytes of the line being read, or-ed together eight at a time: the high bits tell whether it is ASCII. */
  private long lineBits;

  public BoundedLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or null at the end; an input error is thrown as it comes. */
  public Line next() throws IOException {
    int length = 0;
    byte[] whole = null;
    boolean tooLong = false;
    boolean any = false;
    lineBits = 0;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      any = true;
      int start = position;
      int end = lineEnd(start);
      if (!tooLong) {
        int take = end - start;
        if ((long) length + take > maxBytes) {
          tooLong = true;
        } else if (length == 0 && end < limit) {
          // The whole line is in the buffer: copied once, not into the line buffer first.
          whole = Arrays.copyOfRange(buffer, start, end);
        } else {
          if (length + take > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + take), Integer.MAX_VALUE - 8));
          }
          System.arraycopy(buffer, start, line, length, take);
          length += take;
        }
      }
      position = end;
      if (end < limit) {
        skipLineFeed = buffer[end] == '\r';
        position++;
        break;
      }
    }
    number++;
    if (tooLong) {
      line = new byte[256];
      return new Line(number, null, "longer than " + DiffInput.describeBytes(maxBytes), false);
    }
    return new Line(number, whole != null ? whole : Arrays.copyOf(line, length), null, (lineBits & HIGH_BITS) == 0);
  }

  /**
   * Whether bytes of the input are at hand: read but not yet taken, or there to read without
   * waiting. When none are, {@link #next} would wait for the input's writer. The stream is
   * asked only once the buffer is used up, so a file read in bulk costs no extra system call
   * per line.
   */
  public boolean ready() throws IOException {
    return position < limit || in.available() > 0;
  }

  /**
   * The position of the first {@code \n} or {@code \r} from {@code from} in the buffer, or
   * {@link #limit}. Eight bytes at a time: on a corpus of 20 KB lines this loop is all the
   * reading thread does, and the threads that sign wait on it. One test finds the bytes below
   * 0x0E, which both line ends are; JSON has no other such byte outside an odd tab, which is
   * passed over. The bytes passed are or-ed into {@link #lineBits} (a word may take in the
   * line end and bytes after it: the line is then only checked when it need not be).
   */
  private int lineEnd(int from) {
    int i = from;
    int wordEnd = limit - Long.BYTES;
    long bits = 0;
    while (i <= wordEnd) {
      long word = (long) WORDS.get(buffer, i);
      bits |= word;
      long marks = (word - 0x0e0e0e0e0e0e0e0eL) & ~word & HIGH_BITS;
      if (marks == 0) {
        i += Long.BYTES;
        continue;
      }
      // The lowest mark is exact: a byte below 0x0E.
      i += Long.numberOfTrailingZeros(marks) >>> 3;
      if (buffer[i] == '\n' || buffer[i] == '\r') {
        lineBits |= bits;
        return i;
      }
      i++;
    }
    while (i < limit && buffer[i] != '\n' && buffer[i] != '\r') {
      bits |= buffer[i];
      i++;
    }
    lineBits |= bits;
    return i;
  }

  /**
   * Whether the line is empty or whitespace only, as {@link String#isBlank} says of its text;
   * decided from the bytes unless they hold nothing but whitespace and non-ASCII ones.
   */
  public static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b >= 0 && !Character.isWhitespace(b)) {
        return false;
      }
    }
    for (byte b : bytes) {
      if (b < 0) {
        return CrashJson.utf8Problem(bytes) == null && new String(bytes, StandardCharsets.UTF_8).isBlank();
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
