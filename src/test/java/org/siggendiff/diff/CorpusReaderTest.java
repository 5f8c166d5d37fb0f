package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.testing.CrashIds;

class CorpusReaderTest {
  @TempDir Path folder;

  private static List<DiffInput> read(Path... corpora) throws IOException {
    List<DiffInput> inputs = new ArrayList<>();
    try (CorpusReader reader = new CorpusReader(List.of(corpora))) {
      reader.forEachRemaining(inputs::add);
    }
    return inputs;
  }

  @Test
  void readsJsonLinesSkippingBlankLinesAndNamingEachLine() throws IOException {
    Path file = Files.writeString(folder.resolve("c.jsonl"), "{\"a\": 1}\n\n  \n{\"b\": 2}\n");
    List<DiffInput> inputs = read(file);
    assertEquals(2, inputs.size());
    assertEquals(new DiffInput.Document(file + ":1", null, "{\"a\": 1}"), inputs.get(0));
    assertEquals(file + ":4", inputs.get(1).where());
  }

  @Test
  void readsAFolderOfJsonAndJsonLinesFilesInNameOrderAndIgnoresOthers() throws IOException {
    Files.writeString(folder.resolve("b.jsonl"), "{}\n{}\n");
    Files.writeString(folder.resolve("a.json"), "{\"one\": true}");
    Files.writeString(folder.resolve("README.md"), "# not a crash");
    List<DiffInput> inputs = read(folder);
    assertEquals(List.of(folder.resolve("a.json").toString(), folder.resolve("b.jsonl") + ":1", folder.resolve("b.jsonl") + ":2"),
        inputs.stream().map(DiffInput::where).toList());
  }

  @Test
  void readsASavedCorpusAsCrashIdsToLookUp() throws IOException {
    Files.writeString(folder.resolve("query.json"), "{}");
    Files.writeString(folder.resolve(SavedCorpus.CRASH_IDS_FILE), "# saved\n" + CrashIds.text(1) + "\nnope\n");
    List<DiffInput> inputs = read(folder);
    assertEquals(new DiffInput.Lookup(folder.resolve("crashids.txt") + ":2", CrashIds.id(1)), inputs.get(0));
    assertInstanceOf(DiffInput.Invalid.class, inputs.get(1));
    assertEquals(2, inputs.size());
  }

  @Test
  void readsFetchDataFoldersByCrashIdFileNames() throws IOException {
    Path crashes = Files.createDirectories(folder.resolve("processed_crash"));
    Files.writeString(crashes.resolve(CrashIds.text(2)), "{}");
    Files.writeString(crashes.resolve(".tmp-123"), "{}");
    List<DiffInput> inputs = read(folder);
    assertEquals(1, inputs.size());
    assertEquals(CrashIds.text(2), ((DiffInput.Document) inputs.get(0)).crashId());
  }

  @Test
  void aMissingCorpusIsAnError() {
    assertThrows(IOException.class, () -> new CorpusReader(List.of(folder.resolve("missing"))));
  }
}
