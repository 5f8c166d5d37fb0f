package org.siggendiff.siglist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.siggendiff.testing.SharedData;

class SiglistLoaderTest {
  @TempDir Path dir;

  private void write(String file, String content) throws IOException {
    Files.write(dir.resolve(file), content.getBytes(StandardCharsets.UTF_8));
  }

  private void writeAll(String irrelevant) throws IOException {
    write("irrelevant_signature_re.txt", irrelevant);
    write("prefix_signature_re.txt", "malloc\n");
    write("signature_sentinels.txt", "_purecall\n");
    write("signatures_with_line_numbers_re.txt", "js_Interpret\n");
  }

  @Test
  void stripsLinesAndSkipsBlanksAndComments() throws Exception {
    writeAll("# comment\n\n   @0x[0-9a-f]+  \r\n\t# indented comment\nabort\n");
    SiglistSet set = SiglistLoader.load(dir, "demo");
    assertEquals(List.of("@0x[0-9a-f]+", "abort"), set.lines().get(SiglistKind.IRRELEVANT));
    assertEquals("demo", set.source());
    assertTrue(set.irrelevant().matches("abort"));
    assertEquals(List.of("_purecall"), set.sentinels());
  }

  @Test
  void ignoresOtherFilesInTheFolder() throws Exception {
    writeAll("abort\n");
    write("trim_dll_signature_re.txt", "(((\n");
    SiglistLoader.load(dir, "demo");
  }

  @Test
  void aBrokenLineFailsWithFileAndLineNumber() throws Exception {
    writeAll("abort\n# fine\nfoo(bar\n");
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("irrelevant_signature_re.txt") + ":3: missing ), unterminated subpattern"),
        e.getMessage());
  }

  @Test
  void invalidUtf8FailsWithFileAndLineNumber() throws Exception {
    writeAll("abort\n");
    Files.write(dir.resolve("prefix_signature_re.txt"), new byte[] {'o', 'k', '\n', (byte) 0xff, '\n'});
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertTrue(e.getMessage().endsWith("prefix_signature_re.txt:2: not valid UTF-8"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    write("irrelevant_signature_re.txt", "abort\n");
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertTrue(e.getMessage().contains("prefix_signature_re.txt: file is missing"), e.getMessage());
  }

  @Test
  void aFolderWithNoneOfTheListsIsOneProblem() throws Exception {
    Files.writeString(dir.resolve("README.md"), "not a siglist\n");
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertEquals(List.of(dir + ": not a siglist folder: none of the four lists is there (irrelevant_signature_re.txt, "
        + "prefix_signature_re.txt, signature_sentinels.txt, signatures_with_line_numbers_re.txt)"), e.problems());
  }

  @Test
  void aListThatIsNoRegularFileIsRefusedWithoutReadingIt() throws Exception {
    writeAll("abort\n");
    Files.delete(dir.resolve("prefix_signature_re.txt"));
    // A FIFO with no writer would block a read for ever; /dev/zero would fill the memory.
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("prefix_signature_re.txt").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Files.delete(dir.resolve("signature_sentinels.txt"));
    Files.createSymbolicLink(dir.resolve("signature_sentinels.txt"), Path.of("/dev/zero"));
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertEquals(List.of(dir.resolve("prefix_signature_re.txt") + ": not a regular file",
        dir.resolve("signature_sentinels.txt") + ": not a regular file"), e.problems());
  }

  @Test
  void aListOverOneMebibyteIsRefused() throws Exception {
    writeAll("abort\n" + "# padding\n".repeat(110_000));
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertEquals(List.of(dir.resolve("irrelevant_signature_re.txt") + ": larger than 1 MiB (1100006 bytes), more than a siglist holds"),
        e.problems());
  }

  @Test
  void aLineOfUpTo4096CharactersLoadsAndALongerOneIsRefused() throws Exception {
    String longest = "abc" + "x".repeat(4093);
    writeAll("# " + "y".repeat(5000) + "\n" + longest + "\n");
    SiglistSet set = SiglistLoader.load(dir, "demo");
    assertTrue(set.irrelevant().matches(longest + "::Foo"));
    assertFalse(set.irrelevant().matches(longest.substring(1)));

    writeAll("abort\n" + longest + "x\n");
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertEquals(List.of(dir.resolve("irrelevant_signature_re.txt") + ":2: longer than 4096 characters (4097), more than a frame pattern needs"),
        e.problems());
  }

  @Test
  void sentinelsMustBeValidRegularExpressionsToo() throws Exception {
    writeAll("abort\n");
    write("signature_sentinels.txt", "Foo(int\n");
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertTrue(e.getMessage().contains("signature_sentinels.txt:1:"), e.getMessage());
  }

  @Test
  void everyBrokenLineIsReportedNotOnlyTheFirst() throws Exception {
    writeAll("abort\nfoo(bar\nok\n[unclosed\n");
    Files.write(dir.resolve("prefix_signature_re.txt"), new byte[] {'o', 'k', '\n', (byte) 0xff, '\n', 'x', '\n'});
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertEquals(
        List.of(
            dir.resolve("irrelevant_signature_re.txt") + ":2: missing ), unterminated subpattern at position 3",
            dir.resolve("irrelevant_signature_re.txt") + ":4: unterminated character set at position 0",
            dir.resolve("prefix_signature_re.txt") + ":2: not valid UTF-8"),
        e.problems());
    assertEquals(String.join("\n", e.problems()), e.getMessage());
  }

  @Test
  void aMissingFileAndABrokenLineAreBothReported() throws Exception {
    writeAll("a(\n");
    Files.delete(dir.resolve("signature_sentinels.txt"));
    SiglistException e = assertThrows(SiglistException.class, () -> SiglistLoader.load(dir, "demo"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith(dir.resolve("irrelevant_signature_re.txt") + ":1: "), e.getMessage());
    assertEquals(dir.resolve("signature_sentinels.txt") + ": file is missing", e.problems().get(1));
  }

  static Stream<Path> socorroSiglistVersions() throws IOException {
    Path root = Path.of(System.getProperty(SharedData.PROPERTY, "../shared"));
    if (!Files.isDirectory(root.resolve("socorro-siglists"))) {
      return Stream.of(root.resolve("socorro-siglists").resolve("missing"));
    }
    return Stream.concat(folders(root.resolve("socorro-siglists")), folders(root.resolve("socorro-siglists-older")));
  }

  private static Stream<Path> folders(Path parent) throws IOException {
    try (Stream<Path> children = Files.list(parent)) {
      return children.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("socorroSiglistVersions")
  void everySocorroSiglistVersionLoads(Path folder) throws Exception {
    SharedData.root();
    SiglistSet set = SiglistLoader.load(folder, folder.toString());
    assertTrue(set.lines().get(SiglistKind.IRRELEVANT).size() > 50);
    assertTrue(set.lines().get(SiglistKind.PREFIX).size() > 50);
  }
}
