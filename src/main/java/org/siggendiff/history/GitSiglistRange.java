package org.siggendiff.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.sources.Git;

/**
 * The commits of a local git range that change the siglists, and the siglists around each.
 * Git picks the commits ({@code git log --reverse A..B -- <the four files>}), so commits that
 * touch other files only are never read; the files are read by object ID with one
 * {@code git cat-file --batch}, so each distinct version is read once. A version is loaded only
 * when the history signs under it: a line that does not load is the history's to report.
 */
public final class GitSiglistRange {
  static final String SOCORRO_PATH = "socorro/signature/siglists";
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
  /** What git log prints per commit: hash, parents, committer date, subject. */
  private static final String FORMAT = "%H%x1f%P%x1f%cI%x1f%s";

  private final Git git;
  private final Path checkout;
  private final String spec;
  private final Map<String, Optional<String>> keys = new HashMap<>();
  private final Map<String, SiglistVersion> versions = new HashMap<>();
  private List<String> paths;

  private GitSiglistRange(Path checkout, String spec) {
    this.git = new Git(checkout);
    this.checkout = checkout;
    this.spec = spec;
  }

  /**
   * Reads the range {@code from..to} of the checkout: the commits reachable from {@code to} and
   * not from {@code from}, as git defines it.
   *
   * @param spec how the user wrote the source, for messages
   */
  public static SiglistRange read(Path checkout, String spec, String from, String to, boolean firstParent) throws HistoryException {
    return new GitSiglistRange(checkout, spec).read(from, to, firstParent);
  }

  private SiglistRange read(String from, String to, boolean firstParent) throws HistoryException {
    Git.Result top = git(List.of("rev-parse", "--show-prefix"));
    if (top.status() != 0) {
      throw new HistoryException(spec + ": " + checkout + " is not a git repository");
    }
    String prefix = top.text().strip();
    String start = resolve(from);
    String end = resolve(to);
    Optional<List<String>> found = siglistPaths(prefix, end);
    if (found.isEmpty()) {
      found = siglistPaths(prefix, start);
    }
    paths = found.orElseThrow(() -> new HistoryException(
            spec + ": neither " + to + " nor " + from + " has the siglist files, in " + SOCORRO_PATH + " or in the folder given"));
    List<String> args = new ArrayList<>(List.of("log", "-z", "--reverse", "--no-color", "--format=" + FORMAT));
    if (firstParent) {
      args.add("--first-parent");
    }
    args.add(start + ".." + end);
    args.add("--");
    paths.forEach(path -> args.add(":(top,literal)" + path));
    Git.Result log = git(args);
    if (log.status() != 0) {
      throw new HistoryException(spec + ": git log failed: " + log.error());
    }
    List<HistoryCommit> commits = parseLog(log.text());
    if (commits.isEmpty() && !start.equals(end) && git(List.of("merge-base", "--is-ancestor", end, start)).status() == 0) {
      // git's answer to a range written backwards is an empty one; an empty report would read
      // as "no siglist change", which it is not.
      throw new HistoryException(spec + ": the range is empty, as " + to + " is older than " + from
          + " (one of its ancestors); did you mean " + to + ".." + from + "?");
    }

    Set<String> shas = new LinkedHashSet<>();
    shas.add(start);
    for (HistoryCommit commit : commits) {
      shas.addAll(commit.parents());
      shas.add(commit.sha());
    }
    findKeys(shas);
    List<HistoryStep> steps = new ArrayList<>();
    for (HistoryCommit commit : commits) {
      List<Optional<SiglistVersion>> parents = new ArrayList<>();
      // Along the first parent, a merge is compared with its first parent only: it brings its branch's changes.
      for (String parent : firstParent ? commit.parents().subList(0, Math.min(1, commit.parents().size())) : commit.parents()) {
        parents.add(version(parent));
      }
      steps.add(new HistoryStep(commit, parents, version(commit.sha())));
    }
    return new SiglistRange(spec + " (" + start + ".." + end + ")", version(start), steps);
  }

  /** The full hash of a ref, which must not look like an option. */
  private String resolve(String ref) throws HistoryException {
    if (ref.isEmpty()) {
      throw new HistoryException(spec + ": a ref is missing on one side of '..'");
    }
    if (ref.startsWith("-") || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new HistoryException(spec + ": not a git ref: " + ref);
    }
    Git.Result result = git(List.of("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"));
    String sha = result.text().strip();
    if (result.status() != 0 || !SHA.matcher(sha).matches()) {
      throw new HistoryException(spec + ": git cannot find commit " + ref + " in " + checkout);
    }
    return sha;
  }

  /** The four files' paths from the top, in Socorro's folder below the one given or in it, whichever holds them at {@code sha}. */
  private Optional<List<String>> siglistPaths(String prefix, String sha) throws HistoryException {
    for (String folder : List.of(prefix + SOCORRO_PATH + "/", prefix)) {
      List<String> candidate = Arrays.stream(SiglistKind.values()).map(kind -> folder + kind.fileName()).toList();
      StringBuilder input = new StringBuilder();
      candidate.forEach(path -> input.append(sha).append(':').append(path).append('\n'));
      Git.Result result = git(List.of("cat-file", "--batch-check=%(objecttype)"), input.toString().getBytes(StandardCharsets.UTF_8));
      List<String> types = result.text().lines().toList();
      if (result.status() == 0 && types.size() == candidate.size() && types.stream().allMatch("blob"::equals)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private Git.Result git(List<String> args) throws HistoryException {
    return git(args, new byte[0]);
  }

  private Git.Result git(List<String> args, byte[] input) throws HistoryException {
    try {
      return git.run(args, input);
    } catch (IOException e) {
      throw new HistoryException(e.getMessage());
    }
  }

  private static List<HistoryCommit> parseLog(String text) throws HistoryException {
    List<HistoryCommit> commits = new ArrayList<>();
    for (String record : text.split("\0")) {
      String entry = record.strip();
      if (entry.isEmpty()) {
        continue;
      }
      String[] fields = entry.split("\u001f", 4);
      if (fields.length < 4 || !SHA.matcher(fields[0]).matches()) {
        throw new HistoryException("git log gave a line that is not a commit: " + entry.substring(0, Math.min(80, entry.length())));
      }
      List<String> parents = fields[1].isEmpty() ? List.of() : List.of(fields[1].split(" "));
      commits.add(new HistoryCommit(fields[0], parents, fields[2], fields[3]));
    }
    return commits;
  }

  /** The object IDs of the four files at each commit, in one {@code git cat-file --batch-check}. */
  private void findKeys(Set<String> shas) throws HistoryException {
    List<String> asked = shas.stream().filter(sha -> !keys.containsKey(sha)).toList();
    if (asked.isEmpty()) {
      return;
    }
    StringBuilder input = new StringBuilder();
    for (String sha : asked) {
      paths.forEach(path -> input.append(sha).append(':').append(path).append('\n'));
    }
    Git.Result result = git(List.of("cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"), input.toString().getBytes(StandardCharsets.UTF_8));
    List<String> lines = result.text().lines().toList();
    if (result.status() != 0 || lines.size() != asked.size() * paths.size()) {
      throw new HistoryException(spec + ": git cat-file failed: " + result.error());
    }
    for (int i = 0; i < asked.size(); i++) {
      StringBuilder key = new StringBuilder();
      boolean complete = true;
      for (int j = 0; j < paths.size(); j++) {
        String[] fields = lines.get(i * paths.size() + j).split(" ");
        if (fields.length != 3 || !fields[1].equals("blob")) {
          complete = false;
          break;
        }
        // Sized before any is read: the whole range's files are read at once.
        if (Long.parseLong(fields[2]) > SiglistLoader.MAX_FILE_BYTES) {
          throw new HistoryException(spec + ": " + paths.get(j) + " at " + asked.get(i).substring(0, 12) + " is " + fields[2]
              + " bytes, larger than the 1 MiB a siglist file may be");
        }
        key.append(j == 0 ? "" : ",").append(fields[0]);
      }
      keys.put(asked.get(i), complete ? Optional.of(key.toString()) : Optional.empty());
    }
    loadNewVersions(asked);
  }

  /** Reads the files of every version not loaded yet, in one {@code git cat-file --batch}, and loads each version once. */
  private void loadNewVersions(List<String> shas) throws HistoryException {
    Map<String, String> firstCommit = new LinkedHashMap<>();
    for (String sha : shas) {
      keys.get(sha).filter(key -> !versions.containsKey(key)).ifPresent(key -> firstCommit.putIfAbsent(key, sha));
    }
    if (firstCommit.isEmpty()) {
      return;
    }
    Set<String> objects = new LinkedHashSet<>();
    firstCommit.keySet().forEach(key -> objects.addAll(List.of(key.split(","))));
    Map<String, byte[]> contents = catFile(objects);
    for (Map.Entry<String, String> entry : firstCommit.entrySet()) {
      String[] ids = entry.getKey().split(",");
      Map<SiglistKind, byte[]> files = new EnumMap<>(SiglistKind.class);
      SiglistKind[] kinds = SiglistKind.values();
      for (int i = 0; i < kinds.length; i++) {
        files.put(kinds[i], contents.get(ids[i]));
      }
      String sha = entry.getValue();
      String folder = paths.get(0).substring(0, paths.get(0).length() - kinds[0].fileName().length());
      Path atCommit = Path.of(checkout + "@" + sha.substring(0, 12));
      Path where = folder.isEmpty() ? atCommit : atCommit.resolve(folder);
      String source = spec + "@" + sha.substring(0, 12);
      // The bytes are kept, a few KB a file, and loaded when the history signs under them.
      versions.put(entry.getKey(), new SiglistVersion(entry.getKey(), sha, () -> SiglistLoader.load(files, where, source)));
    }
  }

  private Map<String, byte[]> catFile(Set<String> objects) throws HistoryException {
    StringBuilder input = new StringBuilder();
    objects.forEach(id -> input.append(id).append('\n'));
    Git.Result result = git(List.of("cat-file", "--batch"), input.toString().getBytes(StandardCharsets.US_ASCII));
    byte[] out = result.bytes();
    Map<String, byte[]> contents = new HashMap<>();
    int at = 0;
    for (String id : objects) {
      int newline = indexOf(out, (byte) '\n', at);
      if (result.status() != 0 || newline < 0) {
        throw new HistoryException(spec + ": git cat-file --batch failed: " + result.error());
      }
      String[] header = new String(out, at, newline - at, StandardCharsets.US_ASCII).split(" ");
      if (header.length != 3 || !header[0].equals(id) || !header[1].equals("blob")) {
        throw new HistoryException(spec + ": git cat-file --batch gave an unexpected answer for " + id);
      }
      long size = Long.parseLong(header[2]);
      int from = newline + 1;
      contents.put(id, Arrays.copyOfRange(out, from, from + (int) size));
      at = from + (int) size + 1;
    }
    return contents;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private Optional<SiglistVersion> version(String sha) {
    return keys.get(sha).map(versions::get);
  }
}
