package org.siggendiff.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.siglist.SiglistKind;

/** Reads the siglists at a git ref of a local checkout with git itself, leaving the work tree alone. */
final class GitSiglists {
  private final Git git;
  private final Path checkout;
  private final String spec;

  GitSiglists(Path checkout, String spec) {
    this.git = new Git(checkout);
    this.checkout = checkout;
    this.spec = spec;
  }

  /** The full commit SHA that {@code ref} names. */
  String resolve(String ref) throws SiglistSourceException {
    if (ref.isEmpty() || ref.startsWith("-")) {
      throw new SiglistSourceException(spec + ": not a git ref: " + ref);
    }
    Git.Result result = git("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
    String sha = result.text().strip();
    if (result.status() != 0 || !SiglistResolver.isSha(sha)) {
      throw new SiglistSourceException(spec + ": git cannot find commit " + ref + " in " + checkout);
    }
    return sha;
  }

  /**
   * The four files at {@code sha}, from {@code socorro/signature/siglists/} below the folder
   * given, or from the folder itself when it holds them.
   */
  Map<SiglistKind, byte[]> files(String sha) throws SiglistSourceException {
    String prefix = git("rev-parse", "--show-prefix").text().strip();
    for (String folder : List.of(prefix + SiglistResolver.SOCORRO_PATH + "/", prefix)) {
      Map<SiglistKind, byte[]> files = new LinkedHashMap<>();
      for (SiglistKind kind : SiglistKind.values()) {
        Git.Result shown = git("show", sha + ":" + folder + kind.fileName());
        if (shown.status() != 0) {
          break;
        }
        files.put(kind, shown.bytes());
      }
      if (files.size() == SiglistKind.values().length) {
        return files;
      }
    }
    throw new SiglistSourceException(
        spec + ": commit " + sha + " has no siglist files in " + SiglistResolver.SOCORRO_PATH + " or in the folder given");
  }

  private Git.Result git(String... args) throws SiglistSourceException {
    try {
      return git.run(List.of(args));
    } catch (IOException e) {
      throw new SiglistSourceException(spec + ": " + e.getMessage());
    }
  }
}
