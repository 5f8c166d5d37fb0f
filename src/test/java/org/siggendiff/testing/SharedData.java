package org.siggendiff.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared reference data ({@code ../shared}: Socorro's siglists and the conformance
 * vectors). Tests that need it are skipped where it is absent, unless the build requires it, as
 * CI does, so that CI cannot pass without it.
 */
public final class SharedData {
  public static final String PROPERTY = "siggendiff.shared";
  public static final String REQUIRED_PROPERTY = "siggendiff.shared.required";
  /** How a skipped test's reason starts, which {@link SkippedParityReport} looks for. */
  static final String NOT_FOUND = "shared data not found at ";

  private SharedData() {}

  /** The shared folder; skips the calling test when it is absent and not required. */
  public static Path root() {
    Path root = Path.of(System.getProperty(PROPERTY, "../shared")).toAbsolutePath().normalize();
    boolean present = Files.isDirectory(root.resolve("conformance"));
    if (!present && Boolean.getBoolean(REQUIRED_PROPERTY)) {
      fail(NOT_FOUND + root + " (set -D" + PROPERTY + "=<folder>)");
    }
    assumeTrue(present, NOT_FOUND + root + "; set -D" + PROPERTY + " to run this test");
    return root;
  }

  public static Path siglists(String folder) {
    return root().resolve("socorro-siglists").resolve(folder);
  }

  public static Path conformance(String file) {
    return root().resolve("conformance").resolve(file);
  }
}
