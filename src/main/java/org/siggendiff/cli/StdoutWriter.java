package org.siggendiff.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as commands write text to it, UTF-8, through which a command that has its
 * output as bytes already (signify's lines) can also write them as they are.
 */
final class StdoutWriter extends PrintWriter {
  private final OutputStream stream;

  StdoutWriter(OutputStream stream) {
    super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
    this.stream = stream;
  }

  /**
   * Whether writing failed, here or in the stream under this writer: {@code System.out} keeps
   * its own failures (a closed pipe) to itself, as every PrintStream does.
   */
  @Override
  public boolean checkError() {
    return super.checkError() || stream instanceof PrintStream printStream && printStream.checkError();
  }

  /**
   * The stream under this writer, buffered, for UTF-8 bytes; what was written as text before is
   * flushed first. The caller flushes it when done.
   */
  OutputStream bytes() {
    flush();
    return new BufferedOutputStream(stream, 1 << 16);
  }
}
