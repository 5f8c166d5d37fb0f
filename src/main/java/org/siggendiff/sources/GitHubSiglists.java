package org.siggendiff.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.siggendiff.Version;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.http.BoundedBody;
import org.siggendiff.siglist.SiglistKind;

/** Socorro's siglists from the GitHub REST API: a ref or pull request resolved to a commit, and the files at it. */
final class GitHubSiglists {
  private static final Pattern PULL = Pattern.compile("pull/([1-9][0-9]{0,9})");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  /** Socorro's siglists are a few KB each; no answer from GitHub here needs more. */
  static final long MAX_ANSWER_BYTES = 64L << 20;

  /** A commit, and the repository that holds it (a fork, for a pull request from one). */
  record Commit(String sha, String repo) {}

  private final OkHttpClient http;
  private final HttpUrl api;
  private final String repo;

  GitHubSiglists(OkHttpClient http, HttpUrl api, String repo) throws SiglistSourceException {
    if (!REPO.matcher(repo).matches()) {
      throw new SiglistSourceException("--github-repo must be OWNER/NAME, not " + repo);
    }
    this.http = http;
    this.api = api;
    this.repo = repo;
  }

  String repo() {
    return repo;
  }

  Commit resolve(String ref) throws SiglistSourceException, IOException {
    var pull = PULL.matcher(ref);
    if (pull.matches()) {
      JsonNode head = CrashJson.parse(get(url("pulls", pull.group(1)), "application/vnd.github+json", "pull request " + pull.group(1))).get("head");
      String sha = head == null ? null : head.path("sha").asText(null);
      String from = head == null ? null : head.path("repo").path("full_name").asText(null);
      if (sha == null || !SiglistResolver.isSha(sha)) {
        throw new SiglistSourceException("github:" + ref + ": the pull request has no head commit");
      }
      return new Commit(sha, from != null && REPO.matcher(from).matches() ? from : repo);
    }
    String sha = get(url("commits", ref), "application/vnd.github.sha", "ref " + ref).strip();
    if (!SiglistResolver.isSha(sha)) {
      throw new SiglistSourceException("github:" + ref + ": GitHub did not answer with a commit SHA");
    }
    return new Commit(sha, repo);
  }

  Map<SiglistKind, byte[]> files(Commit commit) throws SiglistSourceException, IOException {
    Map<SiglistKind, byte[]> files = new EnumMap<>(SiglistKind.class);
    String[] owner = commit.repo().split("/");
    for (SiglistKind kind : SiglistKind.values()) {
      HttpUrl.Builder url = api.newBuilder().addPathSegment("repos").addPathSegment(owner[0]).addPathSegment(owner[1]).addPathSegment("contents");
      for (String segment : (SiglistResolver.SOCORRO_PATH + "/" + kind.fileName()).split("/")) {
        url.addPathSegment(segment);
      }
      url.addQueryParameter("ref", commit.sha());
      files.put(kind, getBytes(url.build(), "application/vnd.github.raw", kind.fileName() + " at " + commit.sha()));
    }
    return files;
  }

  /** How many commits a page of a listing holds; GitHub allows at most 100. */
  static final int PAGE = 100;

  /** One page of {@code compare/BASE...HEAD}: the commits reachable from head and not from base, oldest first. */
  JsonNode compare(String base, String head, int page) throws SiglistSourceException, IOException {
    HttpUrl url = url("compare", base + "..." + head).newBuilder()
        .addQueryParameter("per_page", String.valueOf(PAGE))
        .addQueryParameter("page", String.valueOf(page))
        .build();
    return CrashJson.parse(get(url, "application/vnd.github+json", "range " + base + ".." + head + " (a ref that does not exist?)"));
  }

  /** One page of the commits reachable from {@code head} that change {@code path}, newest first, as {@code git log HEAD -- PATH} lists them. */
  JsonNode commitsChanging(String path, String head, int page) throws SiglistSourceException, IOException {
    String[] owner = repo.split("/");
    HttpUrl url = api.newBuilder().addPathSegment("repos").addPathSegment(owner[0]).addPathSegment(owner[1]).addPathSegment("commits")
        .addQueryParameter("sha", head)
        .addQueryParameter("path", path)
        .addQueryParameter("per_page", String.valueOf(PAGE))
        .addQueryParameter("page", String.valueOf(page))
        .build();
    return CrashJson.parse(get(url, "application/vnd.github+json", "commit " + head));
  }

  private HttpUrl url(String kind, String ref) {
    String[] owner = repo.split("/");
    return api.newBuilder()
        .addPathSegment("repos")
        .addPathSegment(owner[0])
        .addPathSegment(owner[1])
        .addPathSegment(kind)
        .addPathSegment(ref)
        .build();
  }

  private String get(HttpUrl url, String accept, String what) throws SiglistSourceException, IOException {
    return new String(getBytes(url, accept, what), StandardCharsets.UTF_8);
  }

  private byte[] getBytes(HttpUrl url, String accept, String what) throws SiglistSourceException, IOException {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", accept)
            .header("User-Agent", "siggen-diff/" + Version.get())
            .header("X-GitHub-Api-Version", "2022-11-28")
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (response.code() == 404 || response.code() == 422) {
        throw new SiglistSourceException("github: " + repo + " has no " + what);
      }
      if (!response.isSuccessful() || body == null) {
        throw new IOException("GitHub answered HTTP " + response.code() + " for " + what);
      }
      try {
        return BoundedBody.read(body, MAX_ANSWER_BYTES);
      } catch (BoundedBody.TooLargeException e) {
        throw new SiglistSourceException("github: " + repo + ": the answer for " + what + " is larger than the limit of " + BoundedBody.describe(e.limit()));
      }
    }
  }
}
