package org.siggendiff.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;

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
      if (!sizedWithinBounds(sha, folder)) {
        continue;
      }
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

  /**
   * Whether the four lists are in {@code folder} at {@code sha}, sized in one {@code git cat-file
   * --batch-check} before any is read: a blob from an untrusted branch can be of any size.
   *
   * @throws SiglistSourceException for a list larger than a siglist file may be
   */
  private boolean sizedWithinBounds(String sha, String folder) throws SiglistSourceException {
    StringBuilder objects = new StringBuilder();
    for (SiglistKind kind : SiglistKind.values()) {
      objects.append(sha).append(':').append(folder).append(kind.fileName()).append('\n');
    }
    Git.Result sizes;
    try {
      sizes = git.run(List.of("cat-file", "--batch-check=%(objecttype) %(objectsize)"), objects.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SiglistSourceException(spec + ": " + e.getMessage());
    }
    List<String> lines = sizes.text().lines().toList();
    if (sizes.status() != 0 || lines.size() != SiglistKind.values().length) {
      return false;
    }
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(" ");
      if (fields.length != 2 || !fields[0].equals("blob")) {
        return false;
      }
      if (Long.parseLong(fields[1]) > SiglistLoader.MAX_FILE_BYTES) {
        throw new SiglistSourceException(spec + ": " + folder + SiglistKind.values()[i].fileName() + " at " + sha.substring(0, 12)
            + " is " + fields[1] + " bytes, larger than the 1 MiB a siglist file may be");
      }
    }
    return true;
  }

  private Git.Result git(String... args) throws SiglistSourceException {
    try {
      return git.run(List.of(args));
    } catch (IOException e) {
      throw new SiglistSourceException(spec + ": " + e.getMessage());
    }
  }
}
