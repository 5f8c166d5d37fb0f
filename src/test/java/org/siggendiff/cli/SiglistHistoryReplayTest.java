package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.SharedData;
import org.siggendiff.testing.SiglistHistoryCases;

/**
 * The siglist-review replay: every real siglist pull request in the manifest, diffed over the
 * 500 history cases as a crash-data corpus, must change exactly the crashes, to exactly the
 * signatures, that the reference computed.
 */
class SiglistHistoryReplayTest {
  @TempDir static Path folder;
  private static Path corpus;
  /** Per siglist folder, the expected signature of each case, by case number. */
  private static final Map<String, Map<Integer, String>> EXPECTED = new LinkedHashMap<>();

  @BeforeAll
  static void readVectors() throws IOException {
    SiglistHistoryCases vectors = SiglistHistoryCases.read();
    EXPECTED.putAll(vectors.expected());
    corpus = folder.resolve("history.jsonl");
    Files.write(corpus, vectors.cases());
  }

  @TestFactory
  Stream<DynamicTest> everyPullRequestMovesTheCrashesTheReferenceSays() throws IOException {
    Path siglists = SharedData.root().resolve("socorro-siglists");
    List<DynamicTest> tests = new ArrayList<>();
    List<String> manifest = Files.readAllLines(siglists.resolve("MANIFEST.tsv"));
    for (String row : manifest.subList(1, manifest.size())) {
      String[] fields = row.split("\t");
      String changed = fields[0];
      String parent = fields[2];
      // The oldest version has no parent, written "-".
      if (parent.isEmpty() || parent.equals("-")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(changed + ": " + fields[4], () -> replay(siglists.resolve(parent), siglists.resolve(changed), parent, changed)));
    }
    assertEquals(30, tests.size(), "pull requests in the manifest");
    return tests.stream();
  }

  private static void replay(Path baseline, Path candidate, String parent, String changed) throws IOException {
    CliRunner.Outcome outcome =
        CliRunner.run("", "--corpus", corpus.toString(), "--baseline", baseline.toString(), "--candidate", candidate.toString(),
            "--format", "jsonl", "--different-only", "--cache-dir", folder.resolve("cache").toString(), "--offline");
    assertEquals(0, outcome.status(), outcome.err());
    Map<Integer, List<String>> actual = new TreeMap<>();
    for (String line : outcome.out().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode row = CrashJson.parse(line);
      String where = row.get("crash_id").asText();
      int number = Integer.parseInt(where.substring(where.lastIndexOf(':') + 1)) - 1;
      actual.put(number, List.of(row.get("baseline").asText(), row.get("candidate").asText()));
    }
    Map<Integer, List<String>> expected = new TreeMap<>();
    EXPECTED.get(changed).forEach((number, signature) -> {
      String before = EXPECTED.get(parent).get(number);
      if (!before.equals(signature)) {
        expected.put(number, List.of(before, signature));
      }
    });
    assertEquals(expected, actual);
  }
}
