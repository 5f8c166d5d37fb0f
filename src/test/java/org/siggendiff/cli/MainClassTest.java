package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@link Main}'s class file must not hold for the start-up archive to keep picocli's classes. */
class MainClassTest {
  @Test
  void mainMakesNoLambdaSoTheStartUpArchiveKeepsPicocli() throws IOException {
    try (InputStream in = Main.class.getResourceAsStream("Main.class")) {
      assertNotNull(in);
      // A lambda or method reference in Main names the metafactory in its constant pool; made
      // while the archive is dumped, its proxy linked picocli's CommandLine, which the archive
      // then left out with 7 other classes (see the note in Main).
      String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertFalse(constants.contains("java/lang/invoke/LambdaMetafactory"), "Main holds a lambda or a method reference");
    }
  }
}
