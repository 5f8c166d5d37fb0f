package org.siggendiff.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;

/**
 * Writes a file whole or not at all: into a temporary file beside it, then renamed over it, so
 * that a killed process or a full disk never leaves a half-written file under the real name.
 * No fsync: the guarantee is against a killed process, which the rename alone gives.
 */
public final class AtomicFile {
  /** How the bytes reach the temporary file; a test can make it fail like a full disk. */
  @FunctionalInterface
  public interface Writer {
    void write(Path file, byte[] bytes) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Replaces {@code target} with {@code bytes}.
   *
   * @param temporaryPrefix how the temporary file's name starts, so that readers of the folder
   *     can tell it from a real entry
   */
  public static void replace(Path target, byte[] bytes, String temporaryPrefix, FileAttribute<?>... attributes)
      throws IOException {
    replace(target, bytes, temporaryPrefix, Files::write, attributes);
  }

  /** {@link #replace(Path, byte[], String, FileAttribute[])} writing through {@code writer}. */
  public static void replace(
      Path target, byte[] bytes, String temporaryPrefix, Writer writer, FileAttribute<?>... attributes)
      throws IOException {
    Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), temporaryPrefix, ".tmp", attributes);
    try {
      writer.write(temporary, bytes);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
