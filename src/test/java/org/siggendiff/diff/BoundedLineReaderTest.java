package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
  private static List<BoundedLineReader.Line> read(byte[] input, int maxBytes) throws IOException {
    List<BoundedLineReader.Line> lines = new ArrayList<>();
    try (BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(input), maxBytes)) {
      for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Lines as BufferedReader splits them: at \n, \r or \r\n, with no empty line after a last line end. */
  private static List<byte[]> splitSlowly(byte[] input) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < input.length) {
      if (input[i] == '\n' || input[i] == '\r') {
        lines.add(Arrays.copyOfRange(input, start, i));
        i += input[i] == '\r' && i + 1 < input.length && input[i + 1] == '\n' ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < input.length) {
      lines.add(Arrays.copyOfRange(input, start, input.length));
    }
    return lines;
  }

  @Test
  void splitsAtEveryKindOfLineEndWhereverItFallsInAWordOrTheBuffer() throws IOException {
    Random random = new Random(14);
    // Besides text, the bytes around the line ends' values, which a word test could take for one.
    byte[] alphabet = {'a', 'b', '{', '}', '"', '\\', '\t', 0x00, 0x0b, 0x0c, 0x0e, 0x1f, (byte) 0xc3, (byte) 0xa9};
    for (int round = 0; round < 40; round++) {
      // Up to three 64 KB buffers, line ends rare or frequent.
      byte[] input = new byte[random.nextInt(200_000)];
      int endEvery = 1 + random.nextInt(round % 2 == 0 ? 20 : 30_000);
      for (int i = 0; i < input.length; i++) {
        input[i] = random.nextInt(endEvery) == 0
            ? (random.nextBoolean() ? (byte) '\n' : (byte) '\r')
            : alphabet[random.nextInt(alphabet.length)];
      }
      List<byte[]> expected = splitSlowly(input);
      List<BoundedLineReader.Line> actual = read(input, Integer.MAX_VALUE - 8);
      assertEquals(expected.size(), actual.size(), "round " + round);
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i).bytes(), "round " + round + ", line " + (i + 1));
        assertEquals(i + 1, actual.get(i).number());
        assertTrue(!actual.get(i).ascii() || isAscii(expected.get(i)), "round " + round + ", line " + (i + 1));
      }
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aLineIsAsciiUnlessOneOfItsBytesIsNotWhereverItFallsInAWordOrTheBuffer() throws IOException {
    Random random = new Random(15);
    for (int round = 0; round < 40; round++) {
      // Lines of up to 30,000 bytes over up to three 64 KB buffers; one line in three has an é
      // somewhere, some of them in the first bytes, which share a word with the line before.
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      List<Integer> ends = new ArrayList<>();
      int lines = 1 + random.nextInt(12);
      for (int n = 0; n < lines; n++) {
        byte[] line = new byte[random.nextInt(30_000)];
        Arrays.fill(line, (byte) 'a');
        if (line.length >= 2 && random.nextInt(3) == 0) {
          int at = random.nextBoolean() ? random.nextInt(Math.min(line.length - 1, 8)) : random.nextInt(line.length - 1);
          line[at] = (byte) 0xc3;
          line[at + 1] = (byte) 0xa9;
        }
        out.writeBytes(line);
        ends.add(out.size());
        out.write('\n');
      }
      byte[] input = out.toByteArray();
      List<BoundedLineReader.Line> actual = read(input, Integer.MAX_VALUE - 8);
      for (int i = 0; i < lines; i++) {
        int start = i == 0 ? 0 : ends.get(i - 1) + 1;
        int end = ends.get(i);
        String where = "round " + round + ", line " + (i + 1);
        if (!isAscii(Arrays.copyOfRange(input, start, end))) {
          assertFalse(actual.get(i).ascii(), where);
        } else if (isAscii(Arrays.copyOfRange(input, start, Math.min(input.length, end + Long.BYTES)))) {
          // A word read for the line end may take in the next line's first bytes, and no more.
          assertTrue(actual.get(i).ascii(), where);
        }
      }
    }
  }

  @Test
  void aByteAboveAsciiInTheLastBytesOfTheBufferOrTheInputIsSeen() throws IOException {
    for (int length : new int[] {1, 7, 9, 65_533, 65_535, 65_536, 65_537, 65_543}) {
      for (int back = 1; back <= Math.min(length, 9); back++) {
        byte[] input = new byte[length];
        Arrays.fill(input, (byte) 'a');
        input[length - back] = (byte) 0xe9;
        assertFalse(read(input, Integer.MAX_VALUE - 8).get(0).ascii(), length + " bytes, " + back + " from the end");
      }
    }
  }

  @Test
  void aLineOverTheCapIsAProblemAndTheNextLineIsReadWhole() throws IOException {
    byte[] input = ("x".repeat(100) + "\r\nshort\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    List<BoundedLineReader.Line> lines = read(input, 50);
    assertEquals(2, lines.size());
    assertNull(lines.get(0).bytes());
    assertEquals("longer than 50 bytes", lines.get(0).problem());
    assertEquals("short", lines.get(1).text());
    assertEquals(2, lines.get(1).number());
  }
}
