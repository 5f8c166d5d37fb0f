package org.siggendiff.signify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.testing.Fixtures;

/** signify --jsonl writes its lines as bytes to standard output: the same lines as through a writer. */
@Timeout(30)
class SignLinesOutputTest {
  private final SignifyRunner runner = new SignifyRunner(Fixtures.generator(), false, false);

  private static final String LINES = String.join("\n",
      "{\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"Foo\"}, {\"function\": \"caf\u00e9 \\u2603\"}]}]}",
      "{\"threads\": [",
      "[1, 2]",
      "",
      "{\"os\": \"Windows NT\", \"threads\": [{\"frames\": [{\"module\": \"XUL.DLL\"}, {\"module\": \"xul.dll\"}]}]}",
      "[".repeat(1000) + "]".repeat(1000),
      "{\"reason\": \"\u0001\\u0000\", \"abort_message\": \"x\"}") + "\n";

  @Test
  void bytesGiveExactlyTheLinesTheWriterGives() throws IOException {
    byte[] input = LINES.getBytes(StandardCharsets.UTF_8);
    StringWriter text = new StringWriter();
    long textErrors = runner.signLines(new ByteArrayInputStream(input), text, 2, 1 << 20);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long byteErrors = runner.signLines(new ByteArrayInputStream(input), bytes, 2, 1 << 20);
    assertEquals(text.toString(), bytes.toString(StandardCharsets.UTF_8));
    assertEquals(textErrors, byteErrors);
    assertEquals(7, text.toString().split("\n").length);
  }

  @Test
  void linesSignedBeforeTheInputFailsAreStillWrittenOut() {
    // Fewer lines than are written between two flushes, more than are read ahead.
    InputStream failing = new SequenceInputStream(
        new ByteArrayInputStream("{\"threads\": []}\n".repeat(200).getBytes(StandardCharsets.UTF_8)),
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk went away");
          }
        });
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    IOException failure = assertThrows(IOException.class,
        () -> runner.signLines(failing, new BufferedOutputStream(written, 1 << 16), 2, 1 << 20));
    assertEquals("disk went away", failure.getMessage());
    String out = written.toString(StandardCharsets.UTF_8);
    assertTrue(out.length() > 0 && out.endsWith("\n"), out);
    assertTrue(out.startsWith("{\"signature\":\"EMPTY: no frame data available\""), out);
  }
}
