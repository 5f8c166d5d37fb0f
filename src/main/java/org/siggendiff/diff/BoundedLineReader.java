package org.siggendiff.diff;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of UTF-8 text from bytes with a cap on a line's length, so that a file with an
 * endless line (or {@code /dev/zero} behind a symlink) cannot exhaust memory. A line that is too
 * long or not valid UTF-8 comes back as a problem, and reading resumes at the next line. Lines
 * end at {@code \n}, {@code \r} or {@code \r\n}, as for {@link java.io.BufferedReader}.
 */
public final class BoundedLineReader implements Closeable {
  /** One line: its text, or what is wrong with it. */
  public record Line(long number, String text, String problem) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private boolean skipLineFeed;
  private byte[] line = new byte[256];
  private long number;

  public BoundedLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or null at the end; an input error is thrown as it comes. */
  public Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    boolean any = false;
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
      int end = start;
      while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
        end++;
      }
      if (!tooLong) {
        int take = end - start;
        if ((long) length + take > maxBytes) {
          tooLong = true;
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
      return new Line(number, null, "longer than " + DiffInput.describeBytes(maxBytes));
    }
    try {
      return new Line(number, utf8.reset().decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
    } catch (CharacterCodingException e) {
      return new Line(number, null, "not valid UTF-8");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
