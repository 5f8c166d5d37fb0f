package org.siggendiff.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code PATH@REF} is split, for the diff's sources and the history's ranges alike. */
class CheckoutRefTest {
  @Test
  void theRefFollowsTheLastAtWhoseLeftPartIsAFolder(@TempDir Path dir) throws Exception {
    Path checkout = Files.createDirectory(dir.resolve("socorro@fork"));

    assertEquals(
        Optional.of(new SiglistResolver.CheckoutRef(checkout, "main..pull@{1}")),
        SiglistResolver.checkoutRef(checkout + "@main..pull@{1}"));
    assertEquals(Optional.of(new SiglistResolver.CheckoutRef(dir, "main")), SiglistResolver.checkoutRef(dir + "@main"));
  }

  @Test
  void aTildeIsTheHomeFolder() {
    assertEquals(
        Optional.of(new SiglistResolver.CheckoutRef(Path.of(System.getProperty("user.home")), "v1..v2")),
        SiglistResolver.checkoutRef("~@v1..v2"));
  }

  @Test
  void noFolderBeforeAnyAtIsNoCheckout(@TempDir Path dir) {
    assertEquals(Optional.empty(), SiglistResolver.checkoutRef(dir.resolve("missing") + "@main"));
    assertEquals(Optional.empty(), SiglistResolver.checkoutRef("@main"));
    assertEquals(Optional.empty(), SiglistResolver.checkoutRef(dir.toString()));
  }
}
