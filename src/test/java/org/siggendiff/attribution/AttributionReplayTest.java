package org.siggendiff.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.testing.SharedData;
import org.siggendiff.testing.SiglistHistoryCases;

/**
 * Every real siglist pull request in the manifest, over the 500 history cases: each crash it
 * moves has a responsible line, and each responsible line is one the pull request adds
 * (present in the candidate's file at that line, absent from the baseline's file) or removes.
 * Prints, per pull request, how many of its changed lines moved a crash and how many did not.
 */
class AttributionReplayTest {
  private static final Map<Integer, CrashData> CASES = new TreeMap<>();

  @BeforeAll
  static void readCases() throws IOException {
    List<String> cases = SiglistHistoryCases.read().cases();
    for (int i = 0; i < cases.size(); i++) {
      CASES.put(i + 1, CrashData.of(CrashJson.parse(cases.get(i))));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyMovedCrashHasAResponsibleLineThePullRequestChanges() throws IOException {
    Path siglists = SharedData.root().resolve("socorro-siglists");
    List<DynamicTest> tests = new ArrayList<>();
    List<String> manifest = Files.readAllLines(siglists.resolve("MANIFEST.tsv"));
    for (String row : manifest.subList(1, manifest.size())) {
      String[] fields = row.split("\t");
      if (fields[2].isEmpty() || fields[2].equals("-")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(fields[0] + ": " + fields[4],
          () -> replay(siglists.resolve(fields[2]), siglists.resolve(fields[0]), fields[0])));
    }
    assertEquals(30, tests.size(), "pull requests in the manifest");
    return tests.stream();
  }

  private static void replay(Path baselineDir, Path candidateDir, String name) throws Exception {
    SignatureGenerator baseline = new SignatureGenerator(SiglistLoader.load(baselineDir, "baseline"));
    SignatureGenerator candidate = new SignatureGenerator(SiglistLoader.load(candidateDir, "candidate"));
    Explainer explainer = new Explainer(new Explainer.Side("baseline", baseline), new Explainer.Side("candidate", candidate));
    SiglistChange change = explainer.change().orElseThrow();
    LineUsage usage = new LineUsage(change);
    Map<ChangedLine, Integer> moved = new LinkedHashMap<>();
    int changedCrashes = 0;
    for (Map.Entry<Integer, CrashData> entry : CASES.entrySet()) {
      String before = baseline.generate(entry.getValue()).signature();
      var afterResult = candidate.generate(entry.getValue());
      var beforeResult = baseline.generate(entry.getValue());
      usage.observe(frames(beforeResult), frames(afterResult));
      if (before.equals(afterResult.signature())) {
        continue;
      }
      changedCrashes++;
      Cause cause = explainer.cause(entry.getValue());
      assertTrue(cause.isLine(), "case " + entry.getKey() + ": " + cause.notALine());
      for (LineCause line : cause.lines()) {
        assertChangedByThePullRequest(line.line(), baselineDir, candidateDir);
        assertFalse(line.frames().isEmpty(), line.toString());
        moved.merge(line.line(), 1, Integer::sum);
      }
    }
    Set<ChangedLine> idle = new LinkedHashSet<>(change.lines());
    idle.removeAll(moved.keySet());
    System.out.printf("attribution %s: %d crashes moved; %d changed lines moved something, %d moved nothing; lint: %d warnings%n",
        name, changedCrashes, moved.size(), idle.size(), usage.lint().size());
    moved.forEach((line, count) -> System.out.printf("  moved %d: %s%n", count, line));
  }

  private static List<String> frames(org.siggendiff.signature.SignatureResult result) {
    return result.extra() == null ? List.of() : result.extra().normalizedFrames();
  }

  /** Checked on the files themselves, not through the attribution's own diff of the lists. */
  private static void assertChangedByThePullRequest(ChangedLine line, Path baselineDir, Path candidateDir) throws IOException {
    Path own = (line.added() ? candidateDir : baselineDir).resolve(line.file());
    Path other = (line.added() ? baselineDir : candidateDir).resolve(line.file());
    List<String> ownLines = Files.readAllLines(own);
    assertEquals(line.text(), ownLines.get(line.line() - 1).strip(), line.toString());
    assertFalse(Files.readAllLines(other).stream().map(String::strip).anyMatch(line.text()::equals), line + " is on both sides");
  }
}
