package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedOutputTest {
  /** A pipe whose reader went away after the first bytes, as `| head -1` does. */
  private static final class ClosedAfter extends OutputStream {
    private int left;

    ClosedAfter(int bytes) {
      left = bytes;
    }

    @Override
    public void write(int b) throws IOException {
      if (left-- <= 0) {
        throw new IOException("Broken pipe");
      }
    }
  }

  @Test
  void aReaderThatGoesAwayStopsTheRunAsCtrlCWouldAndTheExitStatusSaysSo(@TempDir Path folder) throws IOException {
    Path corpus = folder.resolve("many.jsonl");
    String demo = Files.readString(Path.of("corpora/demo/processed-crashes.jsonl"));
    Files.writeString(corpus, demo.repeat(30));
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new StdoutWriter(new PrintStream(new ClosedAfter(2000))),
        new PrintWriter(err), Map.of(), false, false, false, true, new Interruption());

    int status = Main.run(new String[] {"--corpus", corpus.toString(), "--baseline", "siglists/demo/baseline",
        "--candidate", "siglists/demo/candidate", "--format", "jsonl"}, context);

    assertEquals(3, status, err.toString());
    assertTrue(err.toString().startsWith("siggen-diff: the output was closed, so the run stopped taking crashes\n"), err.toString());
    Matcher read = Pattern.compile("(\\d+) crashes read").matcher(err.toString());
    assertTrue(read.find(), err.toString());
    assertTrue(Integer.parseInt(read.group(1)) < 9_300, "stopped well before the 9,300 crashes: " + read.group(1));
  }
}
