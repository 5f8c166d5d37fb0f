package org.siggendiff.cli;

import org.siggendiff.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code siggen-diff <version>} for {@code --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"siggen-diff " + Version.get()};
  }
}
