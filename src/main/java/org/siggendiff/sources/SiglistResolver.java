package org.siggendiff.sources;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.siggendiff.files.AtomicFile;
import org.siggendiff.files.FileTree;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;

/**
 * Turns a siglist source as people write it into a loaded siglist set: a folder or a Socorro
 * checkout ({@code DIR}), a git ref of a local checkout ({@code PATH@REF}), Socorro on GitHub
 * ({@code github:REF}, {@code github:pull/N}), or {@code production}. Sources read from git or
 * GitHub are kept under {@code <cache>/siglists/<sha>/}, so they work offline afterwards.
 */
public final class SiglistResolver {
  static final String SOCORRO_PATH = "socorro/signature/siglists";
  public static final String PRODUCTION = "production";
  private static final String SOURCES = "a source is DIR, PATH@REF, github:REF or github:pull/N";
  private static final String SOURCES_WITH_PRODUCTION = "a source is DIR, PATH@REF, github:REF, github:pull/N or production";
  public static final String DEFAULT_GITHUB_REPO = "mozilla-services/socorro";
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  /**
   * @param cacheRoot the cache folder; siglists go in its {@code siglists/} folder
   * @param githubApi GitHub's API URL, parsed only when GitHub is asked: parsing a host name
   *     loads the JDK's IDN tables, which a run from folders need not wait for
   * @param offline resolve GitHub refs from the cache only
   */
  public record Settings(Path cacheRoot, String githubApi, String githubRepo, boolean offline) {
    /** The API URL, ending in a slash. */
    HttpUrl githubApiUrl() throws SiglistSourceException {
      HttpUrl url = HttpUrl.parse(githubApi.endsWith("/") ? githubApi : githubApi + "/");
      if (url == null) {
        throw new SiglistSourceException("the GitHub API URL is not an http(s) URL");
      }
      return url;
    }
  }

  private final Settings settings;
  private final Consumer<String> warnings;

  /** @param warnings told when a source falls back to what the cache remembers */
  public SiglistResolver(Settings settings, Consumer<String> warnings) {
    this.settings = settings;
    this.warnings = warnings;
  }

  /** A baseline (null when there is none) and a candidate, resolved together. */
  public record Pair(ResolvedSiglists baseline, ResolvedSiglists candidate) {}

  /** What is wrong with either side of a {@link Pair}; each list is empty when that side is fine. */
  public static final class PairException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> baselineProblems;
    private final List<String> candidateProblems;

    PairException(List<String> baselineProblems, List<String> candidateProblems) {
      super(String.join("\n", Stream.concat(baselineProblems.stream(), candidateProblems.stream()).toList()));
      this.baselineProblems = List.copyOf(baselineProblems);
      this.candidateProblems = List.copyOf(candidateProblems);
    }

    public List<String> baselineProblems() {
      return baselineProblems;
    }

    public List<String> candidateProblems() {
      return candidateProblems;
    }
  }

  /**
   * Resolves a baseline and a candidate at once, the candidate on a thread of its own: loading
   * and compiling a set costs a fifth of a second, a third of a short run. Every problem of both
   * sides is reported, the baseline's first.
   *
   * @param baseline null for none
   */
  public Pair resolvePair(String baseline, String candidate) throws PairException {
    FutureTask<ResolvedSiglists> candidateTask = new FutureTask<>(() -> resolve(candidate, false));
    Thread thread = new Thread(candidateTask, "siggen-diff-candidate-siglists");
    thread.setDaemon(true);
    thread.start();
    List<String> baselineProblems = List.of();
    ResolvedSiglists resolvedBaseline = null;
    try {
      resolvedBaseline = baseline == null ? null : resolve(baseline, true);
    } catch (SiglistSourceException e) {
      baselineProblems = e.problems();
    }
    List<String> candidateProblems = List.of();
    ResolvedSiglists resolvedCandidate = null;
    try {
      resolvedCandidate = uninterruptibly(candidateTask);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof SiglistSourceException problem)) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
      candidateProblems = problem.problems();
    }
    if (!baselineProblems.isEmpty() || !candidateProblems.isEmpty()) {
      throw new PairException(baselineProblems, candidateProblems);
    }
    return new Pair(resolvedBaseline, resolvedCandidate);
  }

  /** The task's value; an interrupt (a signal is handled by its own thread) only delays it. */
  private static <T> T uninterruptibly(FutureTask<T> task) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static boolean isSha(String text) {
    return SHA.matcher(text).matches();
  }

  /** Resolves and loads one source; {@code production} is allowed only where the caller says. */
  public ResolvedSiglists resolve(String spec, boolean productionAllowed) throws SiglistSourceException {
    if (spec.isBlank()) {
      throw new SiglistSourceException("an empty source; " + sources(productionAllowed));
    }
    if (spec.equals(PRODUCTION)) {
      if (!productionAllowed) {
        throw new SiglistSourceException("production can only be the baseline");
      }
      return new ResolvedSiglists(spec, Optional.empty(), Optional.empty());
    }
    if (spec.startsWith("github:")) {
      return github(spec, spec.substring("github:".length()));
    }
    Optional<Path> folder = listFolder(spec);
    if (folder.isPresent()) {
      return new ResolvedSiglists(spec, Optional.empty(), Optional.of(load(folder.get(), spec)));
    }
    Optional<CheckoutRef> checkoutRef = checkoutRef(spec);
    if (checkoutRef.isPresent()) {
      return gitRef(spec, checkoutRef.get().checkout(), checkoutRef.get().ref());
    }
    throw new SiglistSourceException(
        spec + (Files.exists(expandHome(spec)) ? ": not a folder" : ": no such folder") + "; " + sources(productionAllowed));
  }

  /** The sources there are, production among them where the caller takes it. */
  private static String sources(boolean productionAllowed) {
    return productionAllowed ? SOURCES_WITH_PRODUCTION : SOURCES;
  }

  /** A {@code PATH@REF} source: a git checkout, and what follows its {@code @}. */
  public record CheckoutRef(Path checkout, String ref) {}

  /**
   * Splits {@code PATH@REF} at the last {@code @} whose left part is a folder, {@code ~}
   * expanded, so that a folder with an {@code @} in its name still works; empty when there is none.
   */
  public static Optional<CheckoutRef> checkoutRef(String spec) {
    for (int at = spec.lastIndexOf('@'); at > 0; at = spec.lastIndexOf('@', at - 1)) {
      Path checkout = expandHome(spec.substring(0, at));
      if (Files.isDirectory(checkout)) {
        return Optional.of(new CheckoutRef(checkout, spec.substring(at + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * The folder whose lists a folder source loads: a Socorro checkout's {@code
   * socorro/signature/siglists}, or the folder itself; empty for any other source.
   */
  public static Optional<Path> listFolder(String spec) {
    if (spec.isBlank() || spec.equals(PRODUCTION) || spec.startsWith("github:")) {
      return Optional.empty();
    }
    Path path = expandHome(spec);
    if (!Files.isDirectory(path)) {
      return Optional.empty();
    }
    Path inCheckout = path.resolve(SOCORRO_PATH);
    return Optional.of(Files.isDirectory(inCheckout) ? inCheckout : path);
  }

  private static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return Path.of(path);
  }

  private ResolvedSiglists gitRef(String spec, Path checkout, String ref) throws SiglistSourceException {
    GitSiglists git = new GitSiglists(checkout, spec);
    String sha = git.resolve(ref);
    Path folder = siglistFolder(sha, "git-" + encode(checkout.toAbsolutePath().normalize().toString()));
    if (!isComplete(folder)) {
      store(folder, git.files(sha));
    }
    return new ResolvedSiglists(spec, Optional.of(sha), Optional.of(load(folder, spec)));
  }

  private ResolvedSiglists github(String spec, String ref) throws SiglistSourceException {
    if (ref.isEmpty()) {
      throw new SiglistSourceException(spec + ": name a branch, tag, commit or pull/N after github:");
    }
    OkHttpClient http =
        new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    try {
      GitHubSiglists github = new GitHubSiglists(http, settings.githubApiUrl(), settings.githubRepo());
      Path remembered = refFile(github.repo(), ref);
      GitHubSiglists.Commit commit;
      if (isSha(ref)) {
        commit = new GitHubSiglists.Commit(ref, github.repo());
      } else if (settings.offline()) {
        commit = rememberedCommit(remembered, github.repo())
            .orElseThrow(() -> new SiglistSourceException(spec + ": not resolved before, and --offline forbids asking GitHub"));
      } else {
        try {
          commit = github.resolve(ref);
          remember(remembered, commit);
        } catch (IOException e) {
          Optional<GitHubSiglists.Commit> last = rememberedCommit(remembered, github.repo());
          if (last.isEmpty()) {
            throw new SiglistSourceException(spec + ": cannot reach GitHub: " + e.getMessage());
          }
          warnings.accept(spec + ": cannot reach GitHub (" + e.getMessage() + "); using " + last.get().sha() + " from the cache");
          commit = last.get();
        }
      }
      Path folder = siglistFolder(commit.sha(), null);
      if (!isComplete(folder)) {
        if (settings.offline()) {
          throw new SiglistSourceException(spec + ": commit " + commit.sha() + " is not in the cache, and --offline forbids fetching it");
        }
        try {
          store(folder, github.files(commit));
        } catch (IOException e) {
          throw new SiglistSourceException(spec + ": cannot fetch the siglists from GitHub: " + e.getMessage());
        }
      }
      return new ResolvedSiglists(spec, Optional.of(commit.sha()), Optional.of(load(folder, spec)));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private Optional<GitHubSiglists.Commit> rememberedCommit(Path file, String repo) {
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
      return isSha(parts[0]) ? Optional.of(new GitHubSiglists.Commit(parts[0], parts.length > 1 ? parts[1] : repo)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Path refFile(String repo, String ref) {
    return settings.cacheRoot().resolve("siglists").resolve("refs").resolve(encode("github:" + repo + ":" + ref));
  }

  /** The cache folder for a commit's siglists; a commit names its files, so one folder serves every source. */
  Path siglistFolder(String sha, String origin) {
    Path root = settings.cacheRoot().resolve("siglists");
    return origin == null ? root.resolve(sha) : root.resolve(sha + "-" + origin);
  }

  /** Anything that could be a path separator or a special name becomes %XX. */
  static String encode(String text) {
    String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    return encoded.length() > 200 ? encoded.substring(0, 160) + "-" + Integer.toHexString(text.hashCode()) : encoded;
  }

  static boolean isComplete(Path folder) {
    for (SiglistKind kind : SiglistKind.values()) {
      if (!Files.isRegularFile(folder.resolve(kind.fileName()))) {
        return false;
      }
    }
    return true;
  }

  /** Writes the four files into a temporary folder, then renames it into place; a failed write leaves nothing behind. */
  static void store(Path folder, Map<SiglistKind, byte[]> files) throws SiglistSourceException {
    try {
      Files.createDirectories(folder.getParent());
      Path temporary = Files.createTempDirectory(folder.getParent(), ".tmp-");
      try {
        for (Map.Entry<SiglistKind, byte[]> file : files.entrySet()) {
          Files.write(temporary.resolve(file.getKey().fileName()), file.getValue());
        }
        Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // Another run stored the same commit first; a commit's files are always the same.
      } finally {
        FileTree.delete(temporary);
      }
    } catch (IOException e) {
      throw new SiglistSourceException("cannot write the siglist cache in " + folder.getParent() + ": " + e.getMessage());
    }
  }

  private static void remember(Path file, GitHubSiglists.Commit commit) throws SiglistSourceException {
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.replace(file, (commit.sha() + " " + commit.repo() + "\n").getBytes(StandardCharsets.US_ASCII), ".tmp-");
    } catch (IOException e) {
      throw new SiglistSourceException("cannot write the siglist cache in " + file.getParent() + ": " + e.getMessage());
    }
  }

  private static SiglistSet load(Path folder, String spec) throws SiglistSourceException {
    try {
      return SiglistLoader.load(folder, spec);
    } catch (SiglistException e) {
      throw new SiglistSourceException(e.problems());
    }
  }
}
