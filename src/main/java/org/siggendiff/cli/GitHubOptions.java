package org.siggendiff.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.siggendiff.report.TerminalText;
import org.siggendiff.sources.SiglistResolver;
import picocli.CommandLine.Option;

/** Where {@code github:} siglist sources come from, for every command that takes a siglist source. */
final class GitHubOptions implements Validated {
  private static final String DEFAULT_API_URL = "https://api.github.com";

  @Option(names = "--github-repo", paramLabel = "OWNER/NAME", defaultValue = SiglistResolver.DEFAULT_GITHUB_REPO,
      description = "repository of github: sources (default: ${DEFAULT-VALUE})")
  String githubRepo;

  @Option(names = "--github-api-url", paramLabel = "URL", defaultValue = DEFAULT_API_URL,
      description = "GitHub API (default: ${DEFAULT-VALUE})")
  String githubApiUrl;

  /**
   * A URL given is checked before anything runs; the default is one, and is parsed only by a
   * run that reads from GitHub: parsing a host name loads the JDK's IDN tables, 20 ms of every
   * command's start-up.
   */
  @Override
  public void validate() throws UsageError {
    if (!githubApiUrl.equals(DEFAULT_API_URL) && HttpUrl.parse(githubApiUrl) == null) {
      throw new UsageError("--github-api-url is not an http(s) URL");
    }
  }

  /** A resolver keeping fetched siglists under {@code cacheRoot}. */
  SiglistResolver resolver(Path cacheRoot, boolean offline, Consumer<String> warnings) {
    return new SiglistResolver(new SiglistResolver.Settings(cacheRoot, githubApiUrl, githubRepo, offline), warnings);
  }

  /**
   * The baseline (null for none) and candidate sources, resolved at once; every problem of
   * either is a usage error line naming its option.
   */
  static SiglistResolver.Pair resolvePair(SiglistResolver resolver, String baseline, String candidate) throws UsageError {
    try {
      return resolver.resolvePair(baseline, candidate);
    } catch (SiglistResolver.PairException e) {
      List<String> lines = new ArrayList<>();
      e.baselineProblems().forEach(problem -> lines.add("--baseline " + TerminalText.clean(problem)));
      e.candidateProblems().forEach(problem -> lines.add("--candidate " + TerminalText.clean(problem)));
      throw new UsageError(lines);
    }
  }
}
