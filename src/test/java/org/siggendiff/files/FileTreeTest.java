package org.siggendiff.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeTest {
  @Test
  void deletesTheFolderAndEverythingBelowItButNothingBeside(@TempDir Path dir) throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
    Files.writeString(tree.resolve("deep.txt"), "x");
    Files.writeString(dir.resolve("tree/top.txt"), "y");
    Path beside = Files.writeString(dir.resolve("beside.txt"), "z");

    FileTree.delete(dir.resolve("tree"));

    assertFalse(Files.exists(dir.resolve("tree")));
    assertTrue(Files.exists(beside));
  }

  @Test
  void aFolderThatIsNotThereIsNothingToDo(@TempDir Path dir) throws Exception {
    FileTree.delete(dir.resolve("missing"));
    assertTrue(Files.isDirectory(dir));
  }
}
