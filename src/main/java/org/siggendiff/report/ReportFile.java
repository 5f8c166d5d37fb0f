package org.siggendiff.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A report written to a temporary file beside its target and renamed over the target once
 * complete, so the target is whole or left as it was; a run that fails to finish leaves no
 * temporary file behind.
 */
public final class ReportFile implements AutoCloseable {
  private final Path target;
  private final Path temporary;
  private final Writer writer;
  private boolean committed;

  private ReportFile(Path target, Path temporary, Writer writer) {
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
  }

  /** Creates the temporary file now, so that a folder that cannot be written is known before the run. */
  public static ReportFile create(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
    try {
      return new ReportFile(absolute, temporary, new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16));
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  public Writer writer() {
    return writer;
  }

  /** Closes the file and puts it in place of the target. */
  public void commit() throws IOException {
    writer.close();
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  /** Removes the temporary file unless it was committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        writer.close();
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
  }
}
