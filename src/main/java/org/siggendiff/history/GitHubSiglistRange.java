package org.siggendiff.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.sources.GitHubSiglistHistory;
import org.siggendiff.sources.SiglistSourceException;

/**
 * The commits of a GitHub range ({@code github:A..B}) that change the siglists, and the siglists
 * around each, as {@link GitSiglistRange} reads a local one. Only the siglists the comparisons need
 * are fetched: at each commit that changes them, and at each parent, found by following commits
 * that change nothing (a commit with one parent that changes no siglist file has its parent's) down
 * to one that does, or out of the range. A version is identified by its files' contents, so
 * commits with the same files share one.
 */
public final class GitHubSiglistRange {
  private final GitHubSiglistHistory github;
  private final String spec;
  private final Map<String, GitHubSiglistHistory.Commit> inRange = new HashMap<>();
  private final Map<String, SiglistVersion> versions = new HashMap<>();
  private GitHubSiglistHistory.Listing listing;

  private GitHubSiglistRange(GitHubSiglistHistory github, String spec) {
    this.github = github;
    this.spec = spec;
  }

  /** Reads the range {@code from..to}; {@code spec} names it in messages. */
  public static SiglistRange read(GitHubSiglistHistory github, String spec, String from, String to) throws HistoryException {
    try {
      return new GitHubSiglistRange(github, spec).read(from, to);
    } catch (SiglistSourceException e) {
      throw new HistoryException(e.problems());
    }
  }

  private SiglistRange read(String from, String to) throws SiglistSourceException, HistoryException {
    listing = github.list(from, to);
    listing.commits().forEach(commit -> inRange.put(commit.sha(), commit));
    List<HistoryStep> steps = new ArrayList<>();
    for (GitHubSiglistHistory.Commit commit : listing.commits()) {
      if (!listing.changing().contains(commit.sha())) {
        continue;
      }
      List<Optional<SiglistVersion>> parents = new ArrayList<>();
      for (String parent : commit.parents()) {
        parents.add(Optional.of(versionAt(parent)));
      }
      steps.add(new HistoryStep(new HistoryCommit(commit.sha(), commit.parents(), commit.date(), commit.subject()), parents,
          Optional.of(version(commit.sha()))));
    }
    Optional<SiglistVersion> start = Optional.of(version(listing.base()));
    String head = listing.commits().isEmpty() ? listing.base() : listing.commits().get(listing.commits().size() - 1).sha();
    return new SiglistRange(github.describe(from, to) + " (" + listing.base() + ".." + head + ")", start, steps);
  }

  /** The siglists at a parent: those of the nearest commit down its line that changed them. */
  private SiglistVersion versionAt(String sha) throws SiglistSourceException, HistoryException {
    String at = sha;
    GitHubSiglistHistory.Commit commit;
    while ((commit = inRange.get(at)) != null && !listing.changing().contains(at) && commit.parents().size() == 1) {
      at = commit.parents().get(0);
    }
    return version(at);
  }

  private SiglistVersion version(String sha) throws SiglistSourceException, HistoryException {
    SiglistVersion known = versions.get(sha);
    if (known != null) {
      return known;
    }
    Path folder = github.siglists(sha);
    String key = digest(folder);
    SiglistVersion version = versions.values().stream().filter(v -> v.key().equals(key)).findFirst()
        .orElseGet(() -> new SiglistVersion(key, sha, () -> SiglistLoader.load(folder, spec + "@" + sha.substring(0, 12))));
    versions.put(sha, version);
    return version;
  }

  /** What identifies a version: a digest of the four files, each with its length. */
  private static String digest(Path folder) throws HistoryException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (SiglistKind kind : SiglistKind.values()) {
        byte[] bytes = Files.readAllBytes(folder.resolve(kind.fileName()));
        sha.update((bytes.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new HistoryException("cannot read the siglist cache in " + folder + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
