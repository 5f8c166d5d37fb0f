package org.siggendiff.history;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit of the range that changes a siglist file.
 *
 * @param sha the full commit hash
 * @param parents the full hashes of its parents, the first parent first
 * @param date the committer date, ISO 8601 as git gives it
 * @param subject the first line of its message, as written (untrusted text)
 */
public record HistoryCommit(String sha, List<String> parents, String date, String subject) {
  /** {@code bug 1234567}, {@code Bug 1234567 -}, {@code Fixes bug #1234567}: Bugzilla numbers have up to 8 digits. */
  private static final Pattern BUG = Pattern.compile("(?i)\\bbug[ :#-]{0,3}([1-9][0-9]{0,7})\\b");

  public HistoryCommit {
    parents = List.copyOf(parents);
  }

  /** The bug numbers the subject names, in order, each once. */
  public List<String> bugs() {
    List<String> bugs = new ArrayList<>();
    Matcher matcher = BUG.matcher(subject.length() > 1000 ? subject.substring(0, 1000) : subject);
    while (matcher.find()) {
      if (!bugs.contains(matcher.group(1))) {
        bugs.add(matcher.group(1));
      }
    }
    return bugs;
  }

  /** The first 12 characters of the hash, as reports show it. */
  public String shortSha() {
    return sha.substring(0, Math.min(12, sha.length()));
  }
}
