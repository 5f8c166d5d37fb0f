package org.siggendiff.signify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.testing.Fixtures;
import org.siggendiff.testing.OpenPipe;

/**
 * Lines that come slowly ({@code tail -f crashes.jsonl | siggen-diff signify --jsonl}) get their
 * results as they come: written and flushed while the input stays open, not held back until
 * more lines or the end arrive.
 */
@Timeout(60)
class SignLinesStreamTest {
  private final SignifyRunner runner = new SignifyRunner(Fixtures.generator(), false, false);
  private final OpenPipe pipe = new OpenPipe();
  /** Receives only what was flushed: the stream written to buffers everything else. */
  private final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
  private final OutputStream out = new BufferedOutputStream(flushed, 1 << 16);

  private static String crash(String function) {
    return "{\"threads\": [{\"frames\": [{\"function\": \"" + function + "\"}]}]}\n";
  }

  private List<String> flushedLines() {
    String text = flushed.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  @Test
  void eachLinesResultIsFlushedBeforeTheNextLineComes() throws Exception {
    long[] errors = {-1};
    Thread run = new Thread(() -> {
      try {
        errors[0] = runner.signLines(pipe.stdin(), out, 2, 1 << 20);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    run.start();

    pipe.write(crash("Foo::Bar"));
    OpenPipe.await(() -> flushedLines().size() == 1, "the first line's result");
    assertTrue(run.isAlive(), "signify waits for more on the open pipe");
    pipe.write("not json\n");
    OpenPipe.await(() -> flushedLines().size() == 2, "the second line's error");
    pipe.write(crash("Baz::Qux"));
    pipe.close();
    run.join(20_000);

    assertFalse(run.isAlive());
    assertEquals(1, errors[0]);
    List<String> lines = flushedLines();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("{\"signature\":\"Foo::Bar\","), lines.get(0));
    assertTrue(lines.get(1).startsWith("{\"error\":\"line 2: "), lines.get(1));
    assertTrue(lines.get(2).startsWith("{\"signature\":\"Baz::Qux\","), lines.get(2));
  }
}
