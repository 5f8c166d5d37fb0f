package org.siggendiff.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; the signature diff itself arrives with the diff runner. */
@Command(
    name = "siggen-diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Socorro crash signatures with exact parity, and siglist change review.",
    subcommands = {SignifyCommand.class, FetchCommand.class})
final class SiggenDiffCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
