package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
