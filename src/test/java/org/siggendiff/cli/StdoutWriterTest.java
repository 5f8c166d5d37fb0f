package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdoutWriterTest {
  @Test
  void textWrittenBeforeTheBytesComesOutFirstAndTheBytesAsTheyAre() throws IOException {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StdoutWriter writer = new StdoutWriter(stdout);
    writer.print("caf\u00e9\n");
    OutputStream bytes = writer.bytes();
    bytes.write("{\"a\":\"\\u00e9\"}\n".getBytes(StandardCharsets.US_ASCII));
    bytes.flush();
    assertEquals("caf\u00e9\n{\"a\":\"\\u00e9\"}\n", stdout.toString(StandardCharsets.UTF_8));
  }
}
