package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siggendiff.testing.DemoDiff.BASELINE;
import static org.siggendiff.testing.DemoDiff.CANDIDATE;
import static org.siggendiff.testing.DemoDiff.DEMO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.DemoDiff;

/**
 * {@code history --siglists github:A..B} against a WireMock GitHub: the compare endpoint lists the
 * range, the commits endpoint with {@code path=} which commits change each siglist file, and the
 * contents endpoint the files at a commit.
 */
@Timeout(120)
class HistoryGitHubTest {
  private static final String REPO = "/repos/mozilla-services/socorro";
  private static final String SIGLISTS = "socorro/signature/siglists/";
  /** v1, then c1 the demo change, c2 a README only, c3 back to the baseline; older, a commit before v1. */
  private static final String V1 = "a".repeat(40);
  private static final String C1 = "1".repeat(40);
  private static final String C2 = "2".repeat(40);
  private static final String C3 = "3".repeat(40);
  private static final String OLDER = "0".repeat(40);

  @RegisterExtension static WireMockExtension github = CrashStatsStub.server();
  @TempDir static Path folder;
  private static Set<String> diffMoves;
  private Path cache;

  @BeforeAll
  static void diff() throws IOException {
    CliRunner.Outcome diff = CliRunner.run("", "--corpus", DEMO.toString(), "--baseline", BASELINE.toString(), "--candidate",
        CANDIDATE.toString(), "--format", "jsonl", "--different-only", "--offline", "--cache-dir", folder.resolve("diff-cache").toString());
    assertEquals(0, diff.status(), diff.err());
    diffMoves = DemoDiff.moves(diff.out());
    assertTrue(diffMoves.size() > 5, diffMoves.toString());
  }

  @BeforeEach
  void stubGitHub(@TempDir Path cacheFolder) throws IOException {
    cache = cacheFolder;
    ObjectNode compare = JsonNodeFactory.instance.objectNode();
    compare.put("status", "ahead");
    compare.put("total_commits", 3);
    compare.putObject("merge_base_commit").put("sha", V1);
    compare.putObject("base_commit").put("sha", V1);
    ArrayNode commits = compare.putArray("commits");
    commits.add(commit(C1, V1, "2024-01-02T10:00:00Z", "Bug 1234567 - Demo change (#12)\n\nMore text."));
    commits.add(commit(C2, C1, "2024-01-03T10:00:00Z", "Docs only"));
    commits.add(commit(C3, C2, "2024-01-04T10:00:00Z", "Bug 7654321 - Back to the baseline"));
    github.stubFor(get(urlPathEqualTo(REPO + "/compare/v1...main")).willReturn(aResponse().withBody(compare.toString())));
    github.stubFor(get(urlPathEqualTo(REPO + "/compare/v1...nope")).willReturn(aResponse().withStatus(404).withBody("{\"message\": \"Not Found\"}")));
    for (SiglistKind kind : SiglistKind.values()) {
      ArrayNode changing = JsonNodeFactory.instance.arrayNode();
      if (!Files.readString(BASELINE.resolve(kind.fileName())).equals(Files.readString(CANDIDATE.resolve(kind.fileName())))) {
        changing.add(commit(C3, C2, "2024-01-04T10:00:00Z", "Bug 7654321 - Back to the baseline"));
        changing.add(commit(C1, V1, "2024-01-02T10:00:00Z", "Bug 1234567 - Demo change (#12)"));
      }
      changing.add(commit(OLDER, OLDER, "2023-01-01T10:00:00Z", "Initial siglists"));
      github.stubFor(get(urlPathEqualTo(REPO + "/commits")).withQueryParam("path", equalTo(SIGLISTS + kind.fileName()))
          .withQueryParam("sha", equalTo(C3)).willReturn(aResponse().withBody(changing.toString())));
      for (Map.Entry<String, Path> files : Map.of(V1, BASELINE, C1, CANDIDATE, C2, CANDIDATE, C3, BASELINE).entrySet()) {
        github.stubFor(get(urlPathEqualTo(REPO + "/contents/" + SIGLISTS + kind.fileName())).withQueryParam("ref", equalTo(files.getKey()))
            .willReturn(aResponse().withBody(Files.readAllBytes(files.getValue().resolve(kind.fileName())))));
      }
    }
  }

  private static ObjectNode commit(String sha, String parent, String date, String message) {
    ObjectNode commit = JsonNodeFactory.instance.objectNode();
    commit.put("sha", sha);
    commit.putArray("parents").addObject().put("sha", parent);
    ObjectNode inner = commit.putObject("commit");
    inner.put("message", message);
    inner.putObject("committer").put("date", date);
    return commit;
  }

  private CliRunner.Outcome history(String... args) {
    List<String> all = new ArrayList<>(List.of("history", "--corpus", DEMO.toString(), "--cache-dir", cache.toString(),
        "--github-api-url", github.baseUrl(), "--format", "jsonl"));
    all.addAll(List.of(args));
    return CliRunner.run("", all.toArray(String[]::new));
  }

  private static Set<String> moves(String jsonl, String commit, boolean reversed) throws IOException {
    Set<String> set = new TreeSet<>();
    for (String line : jsonl.split("\n")) {
      JsonNode move = CrashJson.parse(line);
      if (move.get("commit").asText().equals(commit)) {
        String from = move.get(reversed ? "candidate" : "baseline").asText();
        String to = move.get(reversed ? "baseline" : "candidate").asText();
        set.add(move.get("crash_id").asText() + " " + from + " -> " + to);
        assertTrue(move.get("cause").get("lines").size() > 0, line);
      }
    }
    return set;
  }

  @Test
  void eachSiglistCommitOfTheRangeMovesWhatItChangedAndTheCommitTouchingNoSiglistIsNeitherListedNorFetched() throws IOException {
    CliRunner.Outcome outcome = history("--siglists", "github:v1..main");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(diffMoves, moves(outcome.out(), C1, false));
    assertEquals(diffMoves, moves(outcome.out(), C3, true));
    assertEquals(2 * diffMoves.size(), outcome.out().lines().count());
    JsonNode first = CrashJson.parse(outcome.out().lines().findFirst().orElseThrow());
    assertEquals("Bug 1234567 - Demo change (#12)", first.get("subject").asText());
    assertEquals("1234567", first.get("bugs").get(0).asText());
    assertEquals("2024-01-02T10:00:00Z", first.get("date").asText());
    assertTrue(outcome.err().contains("commits changing the siglists: 2"), outcome.err());
    // Each version fetched once, by commit: v1, c1 and c3; c2's lists are c1's.
    github.verify(0, getRequestedFor(urlPathMatching(REPO + "/contents/.*")).withQueryParam("ref", equalTo(C2)));
    github.verify(4, getRequestedFor(urlPathMatching(REPO + "/contents/.*")).withQueryParam("ref", equalTo(C1)));
    assertTrue(Files.isDirectory(cache.resolve("siglists").resolve(C1)));
  }

  @Test
  void theSameRangeRunsOfflineFromTheCacheWithoutAskingGitHub() throws IOException {
    CliRunner.Outcome online = history("--siglists", "github:v1..main");
    assertEquals(0, online.status(), online.err());
    github.resetAll();
    CliRunner.Outcome offline = history("--siglists", "github:v1..main", "--offline");
    assertEquals(0, offline.status(), offline.err());
    assertEquals(online.out(), offline.out());
    assertEquals(0, github.getAllServeEvents().size());
    CliRunner.Outcome notListed = history("--siglists", "github:v1..other", "--offline");
    assertEquals(2, notListed.status());
    assertEquals("history: --siglists github:v1..other: not listed before, and --offline forbids asking GitHub\n", notListed.err());
  }

  @Test
  void aRefThatDoesNotExistIsOneLineAndExit2() {
    CliRunner.Outcome outcome = history("--siglists", "github:v1..nope");
    assertEquals(2, outcome.status());
    assertEquals("history: --siglists github: mozilla-services/socorro has no range v1..nope (a ref that does not exist?)\n",
        outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void firstParentWithGitHubIsRefusedInOneLine() {
    CliRunner.Outcome outcome = history("--siglists", "github:v1..main", "--first-parent");
    assertEquals(2, outcome.status());
    assertEquals("history: --first-parent is not supported with github: ranges; clone the repository and use PATH@A..B\n",
        outcome.err());
  }

  @Test
  void aRangeWrittenBackwardsIsOneLineSayingWhichWayAndExit2() {
    github.stubFor(get(urlPathEqualTo(REPO + "/compare/main...v1")).willReturn(aResponse().withBody(
        "{\"status\": \"behind\", \"ahead_by\": 0, \"behind_by\": 3, \"total_commits\": 0, \"merge_base_commit\": {\"sha\": \""
            + V1 + "\"}, \"commits\": []}")));
    CliRunner.Outcome outcome = history("--siglists", "github:main..v1");
    assertEquals(2, outcome.status());
    assertEquals("history: --siglists github:main..v1: the range is empty, as v1 is older than main (behind it by 3 commits);"
        + " did you mean github:v1..main?\n", outcome.err());
  }

  @Test
  void aRangeLongerThanGitHubListsIsRefusedWithWhatToDo() {
    github.stubFor(get(urlPathEqualTo(REPO + "/compare/old...main")).willReturn(aResponse().withBody(
        "{\"status\": \"ahead\", \"total_commits\": 5000, \"merge_base_commit\": {\"sha\": \"" + V1 + "\"}, \"commits\": []}")));
    CliRunner.Outcome outcome = history("--siglists", "github:old..main");
    assertEquals(2, outcome.status());
    assertEquals("history: --siglists github:old..main: 5000 commits, more than the 1000 a range may have; give a shorter"
        + " range, or clone the repository and use PATH@A..B\n", outcome.err());
  }
}
