package org.siggendiff.history;

import java.util.Objects;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistSet;

/**
 * One version of the four siglist files, however many commits share it. It holds what it takes
 * to load the set (the files' bytes, or where they are cached), not the loaded set: a long range
 * holds a hundred versions, and each loaded set's matchers take far more memory than its text,
 * so the history loads a version when it signs under it and drops it after.
 *
 * @param key what identifies the version: the files' git object IDs, or their contents' digest
 * @param commit the first commit found with this version, which names it in reports
 */
public record SiglistVersion(String key, String commit, Loader loader) {
  /** Loads the set; each call loads it again. */
  @FunctionalInterface
  public interface Loader {
    SiglistSet load() throws SiglistException;
  }

  public SiglistVersion {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(loader, "loader");
  }

  /** A version whose set is already loaded, for tests. */
  public static SiglistVersion loaded(String key, String commit, SiglistSet set) {
    return new SiglistVersion(key, commit, () -> set);
  }

  /**
   * Loads the set.
   *
   * @throws SiglistException naming each line that does not load, {@code file:line: problem}
   */
  public SiglistSet load() throws SiglistException {
    return loader.load();
  }

  /** The first 12 characters of the commit, as reports show it. */
  public String shortCommit() {
    return commit.substring(0, Math.min(12, commit.length()));
  }
}
