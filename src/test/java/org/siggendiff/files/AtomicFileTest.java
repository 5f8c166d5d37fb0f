package org.siggendiff.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path folder;

  @Test
  void replaceWritesTheWholeFileAndLeavesNoTemporary() throws IOException {
    Path target = folder.resolve("summary.json");
    Files.writeString(target, "old");

    AtomicFile.replace(target, "new".getBytes(StandardCharsets.UTF_8), ".summary.json.");

    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), list());
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
    Path target = folder.resolve("entry");
    Files.writeString(target, "old");

    IOException e = assertThrows(IOException.class, () -> AtomicFile.replace(target, new byte[10], ".tmp-", (file, bytes) -> {
      Files.write(file, new byte[3]);
      throw new IOException("No space left on device");
    }));

    assertEquals("No space left on device", e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), list());
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }
}
