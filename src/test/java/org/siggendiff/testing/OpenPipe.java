package org.siggendiff.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** A stdin that stays open until closed, written line by line as {@code crashids | ...} would. */
public final class OpenPipe implements AutoCloseable {
  private final PipedOutputStream writer = new PipedOutputStream();
  private final PipedInputStream reader;

  public OpenPipe() {
    try {
      reader = new PipedInputStream(writer, 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The end a command reads. */
  public InputStream stdin() {
    return reader;
  }

  public void write(String lines) throws IOException {
    writer.write(lines.getBytes(StandardCharsets.UTF_8));
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  /** Waits up to 20 s for {@code condition}, failing the test with {@code what} otherwise. */
  public static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
  }
}
