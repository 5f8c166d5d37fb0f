package org.siggendiff.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file the user names for output ({@code --output}, {@code --summary}), written as a shell
 * redirection would write it but whole or not at all: into a temporary file beside it, renamed
 * over it once complete, so a run that fails leaves it as it was. Through a link, the file the
 * link leads to is replaced and the link stays. What is not a regular file ({@code /dev/null},
 * {@code /dev/stdout}, a FIFO, a terminal) is written directly: renaming over it would replace
 * the device or link with a file.
 */
public final class OutputFile implements AutoCloseable {
  private final Path target;
  /** Null when the target is written directly. */
  private final Path temporary;
  private final Writer writer;
  private boolean committed;

  private OutputFile(Path target, Path temporary, Writer writer) {
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
  }

  /**
   * Opens the output now, so that a path that cannot be written is known before any work.
   *
   * @throws IOException saying what is wrong: {@code it is a folder}, or the JDK's reason
   */
  public static OutputFile open(Path path) throws IOException {
    Path absolute = path.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IOException("it is a folder");
    }
    if (isSpecial(absolute)) {
      return new OutputFile(absolute, null, buffered(Files.newOutputStream(absolute, StandardOpenOption.WRITE)));
    }
    Path target = Files.exists(absolute) ? absolute.toRealPath() : absolute;
    Path temporary = AtomicFile.createTemporary(target, "." + target.getFileName() + ".");
    try {
      return new OutputFile(target, temporary, buffered(Files.newOutputStream(temporary)));
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /** Whether {@code path} is there and, links followed, neither a regular file nor a folder. */
  public static boolean isSpecial(Path path) {
    return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
  }

  private static Writer buffered(OutputStream out) {
    // An encoder that reports what it cannot encode, as Files.newBufferedWriter has.
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()), 1 << 16);
  }

  public Writer writer() {
    return writer;
  }

  /** Closes the output and, unless it was written directly, puts it in place of the target. */
  public void commit() throws IOException {
    writer.close();
    if (temporary != null) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
  }

  /** Removes the temporary file unless the output was committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        writer.close();
      } finally {
        if (temporary != null) {
          Files.deleteIfExists(temporary);
        }
      }
    }
  }
}
