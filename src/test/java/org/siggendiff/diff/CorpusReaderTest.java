package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
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

  /** Only lists of crash IDs are looked up; a diff of the rest never waits on Crash Stats. */
  @Test
  void saysWhetherItsFilesNameCrashIdsToLookUp() throws IOException {
    Files.writeString(folder.resolve("crashes.jsonl"), "{}\n");
    Files.write(folder.resolve("ids.txt.gz"), gzip(CrashIds.text(1) + "\n"));
    Path saved = Files.createDirectory(folder.resolve("saved"));
    Files.writeString(saved.resolve("crashids.txt"), CrashIds.text(2) + "\n");
    try (CorpusReader documents = new CorpusReader(List.of(folder.resolve("crashes.jsonl")), 1 << 20)) {
      assertFalse(documents.namesCrashIds());
    }
    try (CorpusReader ids = new CorpusReader(List.of(folder.resolve("crashes.jsonl"), folder.resolve("ids.txt.gz")), 1 << 20)) {
      assertTrue(ids.namesCrashIds());
    }
    try (CorpusReader savedCorpus = new CorpusReader(List.of(saved), 1 << 20)) {
      assertTrue(savedCorpus.namesCrashIds());
    }
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

  private static List<DiffInput> read(int maxBytes, Path... corpora) throws IOException {
    List<DiffInput> inputs = new ArrayList<>();
    try (CorpusReader reader = new CorpusReader(List.of(corpora), maxBytes)) {
      reader.forEachRemaining(inputs::add);
    }
    return inputs;
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void linesLongerThanTheCapAreInvalidAndTheNextLinesAreRead() throws IOException {
    Path file = Files.writeString(folder.resolve("c.jsonl"), "{\"a\": 1}\r\n{\"too\": \"long\"}\r{\"b\": 2}");
    List<DiffInput> inputs = read(12, file);
    assertEquals(List.of(
        new DiffInput.Document(file + ":1", null, "{\"a\": 1}"),
        new DiffInput.Invalid(file + ":2", "longer than 12 bytes"),
        new DiffInput.Document(file + ":3", null, "{\"b\": 2}")), inputs);
  }

  @Test
  void aSingleDocumentLargerThanTheCapIsInvalidWithoutBeingReadWhole() throws IOException {
    Files.writeString(folder.resolve("big.json"), "{\"a\": \"" + "x".repeat(100) + "\"}");
    Files.write(folder.resolve("big2.json.gz"), gzip("{\"a\": \"" + "x".repeat(100_000) + "\"}"));
    Files.writeString(folder.resolve("small.json"), "{}");
    List<DiffInput> inputs = read(64, folder);
    assertEquals(List.of(
        new DiffInput.Invalid(folder.resolve("big.json").toString(), "larger than 64 bytes"),
        new DiffInput.Invalid(folder.resolve("big2.json.gz").toString(), "larger than 64 bytes"),
        new DiffInput.Document(folder.resolve("small.json").toString(), null, "{}")), inputs);
  }

  @Test
  void gzipIsRecognisedByItsMagicBytesWhateverTheName() throws IOException {
    Path file = Files.write(folder.resolve("crashes.jsonl"), gzip("{\"a\": 1}\n{\"b\": 2}\n"));
    List<DiffInput> inputs = read(file);
    assertEquals(List.of(new DiffInput.Document(file + ":1", null, "{\"a\": 1}"),
        new DiffInput.Document(file + ":2", null, "{\"b\": 2}")), inputs);
  }

  @Test
  void gzippedCrashIdListsAreRead() throws IOException {
    Path file = Files.write(folder.resolve("ids.txt.gz"), gzip(CrashIds.text(7) + "\n"));
    assertEquals(List.of(new DiffInput.Lookup(file + ":1", CrashIds.id(7))), read(file));
  }

  @Test
  void invalidUtf8InASingleDocumentIsInvalidInput() throws IOException {
    Path file = Files.write(folder.resolve("a.json"), new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
    assertEquals(List.of(new DiffInput.Invalid(file.toString(), "not valid UTF-8")), read(file));
  }

  @Test
  void aMissingCorpusIsAnError() {
    assertThrows(IOException.class, () -> new CorpusReader(List.of(folder.resolve("missing"))));
  }

  @Test
  void theShareReadIsCountedInTheFilesBytesAsStored() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      lines.append("{\"uuid\": \"").append(i).append("\", \"signature\": \"Foo\"}\n");
    }
    Path a = Files.writeString(folder.resolve("a.jsonl"), lines);
    Path b = Files.writeString(folder.resolve("b.jsonl"), lines);

    try (CorpusReader reader = new CorpusReader(List.of(a, b))) {
      assertEquals(0, reader.fractionRead());
      for (int i = 0; i < 2_000; i++) {
        reader.next();
      }
      double half = reader.fractionRead();
      while (reader.hasNext()) {
        reader.next();
      }
      assertTrue(half > 0.45 && half < 0.6, "read ahead by one buffer at most: " + half);
      assertEquals(1, reader.fractionRead());
    }
  }

  @Test
  void aFolderOfOtherThingsIsRefusedAndAnEmptyOneIsACorpusOfNoCrash() throws IOException {
    Path other = Files.createDirectories(folder.resolve("siglists"));
    Files.writeString(other.resolve("README.md"), "not crashes\n");
    Files.createDirectories(other.resolve("demo"));
    Path empty = Files.createDirectories(folder.resolve("empty"));

    IOException refused = assertThrows(IOException.class, () -> new CorpusReader(List.of(other)));

    assertEquals("--corpus " + other + " holds no corpus file (.json or .jsonl, or .gz), no processed_crash folder and no"
        + " crashids.txt, only 2 other entries", refused.getMessage());
    try (CorpusReader none = new CorpusReader(List.of(empty))) {
      assertEquals(List.of(), none.files());
    }
  }

  @Test
  void aCorpusGivenTwiceOrInsideAFolderAlsoGivenIsRefusedNamingBoth() throws IOException {
    Path crashes = Files.createDirectories(folder.resolve("crashes"));
    Path file = Files.writeString(crashes.resolve("a.jsonl"), "{}\n");
    Path link = Files.createSymbolicLink(folder.resolve("link.jsonl"), file);

    IOException twice = assertThrows(IOException.class, () -> new CorpusReader(List.of(file, link)));
    IOException inside = assertThrows(IOException.class, () -> new CorpusReader(List.of(file, crashes)));

    assertEquals("--corpus " + link + " is given twice; each corpus is read once", twice.getMessage());
    assertEquals("--corpus " + file + " is inside --corpus " + crashes + ", which reads it already", inside.getMessage());
  }

  @Test
  void aFileBesideAFolderWhoseNameItStartsWithIsNotInsideIt() throws IOException {
    Path crashes = Files.createDirectories(folder.resolve("crashes"));
    Files.writeString(crashes.resolve("a.jsonl"), "{}\n");
    Path beside = Files.writeString(folder.resolve("crashes-more.jsonl"), "{}\n");

    try (CorpusReader reader = new CorpusReader(List.of(crashes, beside))) {
      assertEquals(2, reader.files().size());
    }
  }
}
