package org.siggendiff.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.files.AtomicFile;
import org.siggendiff.siglist.SiglistKind;

/**
 * A range of Socorro's commits on GitHub ({@code github:A..B}) for the history: which commits it
 * holds, which of them change a siglist file, and each commit's siglists, fetched once into the
 * cache by commit (where {@code github:REF} keeps them too), so that the same range works offline
 * afterwards.
 *
 * <p>GitHub's compare endpoint lists the commits reachable from {@code B} and not from {@code A}
 * (what git calls {@code A..B}), a page of 100 at a time; a range of more than {@link
 * #MAX_COMMITS} is refused. The commits endpoint with {@code path=} lists, per file, the commits
 * that change it, newest first, as {@code git log B -- FILE} does; its pages are read until one
 * holds no commit of the range and only commits older than every commit of the range.
 */
public final class GitHubSiglistHistory implements AutoCloseable {
  /** Compare pages GitHub serves for one range, at 100 a page. */
  public static final int MAX_COMMITS = 1000;
  /** Pages of one file's commits read at most: 2,000 commits, years of Socorro's history. */
  private static final int MAX_FILE_PAGES = 20;

  /** A commit of the range. */
  public record Commit(String sha, List<String> parents, String date, String subject) {
    public Commit {
      parents = List.copyOf(parents);
    }
  }

  /**
   * @param base the commit {@code A} resolved to
   * @param commits the commits of the range, oldest first
   * @param changing those of them that change a siglist file
   */
  public record Listing(String base, List<Commit> commits, Set<String> changing) {
    public Listing {
      commits = List.copyOf(commits);
      changing = Set.copyOf(changing);
    }
  }

  private final SiglistResolver.Settings settings;
  private final SiglistResolver resolver;
  private final Consumer<String> warnings;
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final GitHubSiglists github;

  public GitHubSiglistHistory(SiglistResolver.Settings settings, Consumer<String> warnings) throws SiglistSourceException {
    this.settings = settings;
    this.resolver = new SiglistResolver(settings, warnings);
    this.warnings = warnings;
    this.github = new GitHubSiglists(http, settings.githubApiUrl(), settings.githubRepo());
  }

  /** How the range is named in messages. */
  public String describe(String from, String to) {
    return "github:" + from + ".." + to + " (" + github.repo() + ")";
  }

  /**
   * Lists the range: from GitHub, and remembered in the cache; from the cache alone with
   * {@code --offline}, or with a warning when GitHub cannot be reached.
   */
  public Listing list(String from, String to) throws SiglistSourceException {
    for (String ref : List.of(from, to)) {
      if (ref.isEmpty() || ref.contains("..") || ref.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
        throw new SiglistSourceException("github:" + from + ".." + to + ": not a ref: " + ref);
      }
    }
    Path remembered = settings.cacheRoot().resolve("siglists").resolve("ranges")
        .resolve(SiglistResolver.encode("github:" + github.repo() + ":" + from + ".." + to));
    if (settings.offline()) {
      return read(remembered).orElseThrow(() -> new SiglistSourceException(
          "github:" + from + ".." + to + ": not listed before, and --offline forbids asking GitHub"));
    }
    Listing listing;
    try {
      listing = fetch(from, to);
    } catch (IOException e) {
      Listing last = read(remembered).orElseThrow(() -> new SiglistSourceException(
          "github:" + from + ".." + to + ": cannot reach GitHub: " + e.getMessage()));
      warnings.accept("github:" + from + ".." + to + ": cannot reach GitHub (" + e.getMessage() + "); using the range as listed before");
      return last;
    }
    write(remembered, listing);
    return listing;
  }

  /** The folder holding the siglists at a commit, fetched into the cache the first time. */
  public Path siglists(String sha) throws SiglistSourceException {
    if (!SiglistResolver.isSha(sha)) {
      throw new SiglistSourceException("github: not a commit: " + sha);
    }
    Path folder = resolver.siglistFolder(sha, null);
    if (SiglistResolver.isComplete(folder)) {
      return folder;
    }
    if (settings.offline()) {
      throw new SiglistSourceException("github: commit " + sha + " is not in the cache, and --offline forbids fetching it");
    }
    try {
      SiglistResolver.store(folder, github.files(new GitHubSiglists.Commit(sha, github.repo())));
    } catch (IOException e) {
      throw new SiglistSourceException("github: cannot fetch the siglists at " + sha + ": " + e.getMessage());
    }
    return folder;
  }

  private Listing fetch(String from, String to) throws SiglistSourceException, IOException {
    List<Commit> commits = new ArrayList<>();
    String base = null;
    for (int page = 1; ; page++) {
      JsonNode answer = github.compare(from, to, page);
      if (base == null) {
        base = answer.path("merge_base_commit").path("sha").asText("");
        int total = answer.path("total_commits").asInt(-1);
        if (!SiglistResolver.isSha(base) || total < 0) {
          throw new SiglistSourceException("github:" + from + ".." + to + ": GitHub's answer is not a comparison");
        }
        if (total == 0 && answer.path("status").asText("").equals("behind")) {
          throw new SiglistSourceException("github:" + from + ".." + to + ": the range is empty, as " + to + " is older than "
              + from + " (behind it by " + answer.path("behind_by").asInt() + " commits); did you mean github:" + to + ".." + from + "?");
        }
        if (total > MAX_COMMITS) {
          throw new SiglistSourceException("github:" + from + ".." + to + ": " + total + " commits, more than the " + MAX_COMMITS
              + " a range may have; give a shorter range, or clone the repository and use PATH@A..B");
        }
      }
      JsonNode list = answer.path("commits");
      for (JsonNode commit : list) {
        commits.add(commit(commit));
      }
      if (list.size() < GitHubSiglists.PAGE || page * GitHubSiglists.PAGE >= MAX_COMMITS) {
        break;
      }
    }
    Set<String> inRange = new HashSet<>();
    String oldest = null;
    for (Commit commit : commits) {
      inRange.add(commit.sha());
      oldest = oldest == null || commit.date().compareTo(oldest) < 0 ? commit.date() : oldest;
    }
    Set<String> changing = new LinkedHashSet<>();
    if (!commits.isEmpty()) {
      String head = commits.get(commits.size() - 1).sha();
      for (SiglistKind kind : SiglistKind.values()) {
        changing.addAll(changing(SiglistResolver.SOCORRO_PATH + "/" + kind.fileName(), head, inRange, oldest));
      }
    }
    return new Listing(base, commits, changing);
  }

  /** The commits of the range that change one file. */
  private Set<String> changing(String path, String head, Set<String> inRange, String oldest) throws SiglistSourceException, IOException {
    Set<String> found = new HashSet<>();
    for (int page = 1; page <= MAX_FILE_PAGES; page++) {
      JsonNode list = github.commitsChanging(path, head, page);
      boolean anyInRange = false;
      boolean allOlder = true;
      for (JsonNode commit : list) {
        String sha = commit.path("sha").asText("");
        if (inRange.contains(sha)) {
          found.add(sha);
          anyInRange = true;
        }
        // ISO 8601 dates in UTC, as GitHub gives them, compare as text.
        allOlder &= date(commit).compareTo(oldest) < 0;
      }
      if (list.size() < GitHubSiglists.PAGE || (!anyInRange && allOlder)) {
        break;
      }
    }
    return found;
  }

  private static Commit commit(JsonNode json) throws SiglistSourceException {
    String sha = json.path("sha").asText("");
    if (!SiglistResolver.isSha(sha)) {
      throw new SiglistSourceException("github: GitHub listed a commit without a SHA");
    }
    List<String> parents = new ArrayList<>();
    for (JsonNode parent : json.path("parents")) {
      String parentSha = parent.path("sha").asText("");
      if (SiglistResolver.isSha(parentSha)) {
        parents.add(parentSha);
      }
    }
    String message = json.path("commit").path("message").asText("");
    int newline = message.indexOf('\n');
    return new Commit(sha, parents, date(json), newline < 0 ? message : message.substring(0, newline));
  }

  private static String date(JsonNode commit) {
    return commit.path("commit").path("committer").path("date").asText("");
  }

  private static Optional<Listing> read(Path file) {
    try {
      JsonNode json = CrashJson.parse(Files.readString(file, StandardCharsets.UTF_8));
      List<Commit> commits = new ArrayList<>();
      for (JsonNode commit : json.path("commits")) {
        List<String> parents = new ArrayList<>();
        commit.path("parents").forEach(parent -> parents.add(parent.asText()));
        commits.add(new Commit(commit.path("sha").asText(), parents, commit.path("date").asText(), commit.path("subject").asText()));
      }
      Set<String> changing = new LinkedHashSet<>();
      json.path("changing").forEach(sha -> changing.add(sha.asText()));
      String base = json.path("base").asText("");
      return SiglistResolver.isSha(base) ? Optional.of(new Listing(base, commits, changing)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void write(Path file, Listing listing) throws SiglistSourceException {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("base", listing.base());
    ArrayNode commits = json.putArray("commits");
    for (Commit commit : listing.commits()) {
      ObjectNode node = commits.addObject();
      node.put("sha", commit.sha());
      commit.parents().forEach(node.putArray("parents")::add);
      node.put("date", commit.date());
      node.put("subject", commit.subject());
    }
    listing.changing().forEach(json.putArray("changing")::add);
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.replace(file, CrashJson.mapper().writeValueAsBytes(json), ".tmp-");
    } catch (IOException e) {
      throw new SiglistSourceException("cannot write the siglist cache in " + file.getParent() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
