package org.siggendiff.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class OutputFileTest {
  @TempDir Path dir;

  @Test
  void aFileIsReplacedWholeOnlyWhenCommitted() throws Exception {
    Path report = Files.writeString(dir.resolve("report.csv"), "old\n");
    try (OutputFile file = OutputFile.open(report)) {
      file.writer().write("half");
    }
    assertEquals("old\n", Files.readString(report), "a run that did not finish leaves the file as it was");
    try (OutputFile file = OutputFile.open(report)) {
      file.writer().write("new\n");
      file.commit();
    }
    assertEquals("new\n", Files.readString(report));
    assertEquals(List.of("report.csv"), names(), "no temporary file left");
  }

  @Test
  void throughALinkTheFileItLeadsToIsReplacedAndTheLinkStays() throws Exception {
    Path real = Files.writeString(dir.resolve("real.md"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.md"), real.getFileName());
    try (OutputFile file = OutputFile.open(link)) {
      file.writer().write("new\n");
      file.commit();
    }
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(real));
  }

  @Test
  void aFifoIsWrittenToAndStaysAFifo() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try (OutputFile file = OutputFile.open(fifo)) {
      file.writer().write("rows\n");
      file.commit();
    }
    assertEquals("rows\n", reader.get(10, TimeUnit.SECONDS));
    assertTrue(OutputFile.isSpecial(fifo), "still a FIFO, not a file put in its place");
  }

  @Test
  void aFolderIsRefusedBeforeAnythingIsWritten() {
    IOException e = assertThrows(IOException.class, () -> OutputFile.open(dir));
    assertEquals("it is a folder", e.getMessage());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
