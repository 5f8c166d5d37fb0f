package org.siggendiff.cli;

import org.siggendiff.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: siggen-diff's version and the Socorro revision its signature rules follow. */
final class VersionProvider implements IVersionProvider {
  /**
   * The Socorro commit whose signature generator this port matches: the newest commit in
   * {@code ../shared/socorro-siglists/MANIFEST.tsv}, the revision the conformance vectors were
   * made with. Update it together with the port when the vectors are regenerated.
   */
  static final String SOCORRO_COMMIT = "f016e1cfc1897a9fb3a224b6a9743472413ec793";

  static final String SOCORRO_COMMIT_DATE = "2026-06-10";

  @Override
  public String[] getVersion() {
    return new String[] {
      "siggen-diff " + Version.get(),
      "signature rules: Socorro " + SOCORRO_COMMIT + " (" + SOCORRO_COMMIT_DATE + ")"
    };
  }
}
