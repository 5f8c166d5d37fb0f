package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: {@code --shard i/N} splits a diff run into N disjoint shares that add up to the whole run. */
@Timeout(120)
class DiffShardTest {
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path folder;

  @Test
  void theUnionOfThreeShardsIsTheUnshardedRun() throws IOException {
    // A bad line and a truncated gzip file: failures are sharded like crashes, and none is lost.
    Path corpus = folder.resolve("corpus");
    Files.createDirectories(corpus);
    Files.copy(Path.of("corpora/demo/processed-crashes.jsonl"), corpus.resolve("demo.jsonl"));
    Files.writeString(corpus.resolve("bad.jsonl"), "{\"not\": \"a crash\"}\nnot json\n[1]\n");
    Files.write(corpus.resolve("broken.jsonl.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});

    Run whole = diff(corpus, null, "whole");
    List<String> shardRows = new ArrayList<>();
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      Run share = diff(corpus, i + "/3", "share" + i);
      assertTrue(share.rows.size() < whole.rows.size(), "each share has only part of the rows");
      shardRows.addAll(share.rows);
      for (String field : List.of("crashes", "changed", "unchanged", "failed")) {
        counts.merge(field, share.summary.get(field).asLong(), Long::sum);
      }
    }
    assertEquals(sorted(whole.rows), sorted(shardRows));
    for (String field : List.of("crashes", "changed", "unchanged", "failed")) {
      assertEquals(whole.summary.get(field).asLong(), counts.get(field), field);
    }
    assertEquals(314, whole.summary.get("crashes").asLong());
    assertEquals(4, whole.summary.get("failed").asLong());
  }

  @Test
  void aBadShardIsAUsageError() {
    for (String bad : List.of("3/3", "1", "a/3", "0/0", "-1/2", "1/")) {
      CliRunner.Outcome outcome = CliRunner.run("", "--corpus", "corpora/demo", "--baseline", "siglists/demo/baseline",
          "--candidate", "siglists/demo/candidate", "--offline", "--cache-dir", folder.toString(), "--shard", bad);
      assertEquals(2, outcome.status(), bad);
      assertTrue(outcome.err().startsWith("siggen-diff: --shard: a shard is i/N"), outcome.err());
      assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    }
  }

  private record Run(List<String> rows, JsonNode summary) {}

  private Run diff(Path corpus, String shard, String name) throws IOException {
    Path summary = folder.resolve(name + ".json");
    List<String> args = new ArrayList<>(List.of("--corpus", corpus.toString(), "--baseline", "siglists/demo/baseline",
        "--candidate", "siglists/demo/candidate", "--format", "jsonl", "--offline", "--cache-dir", folder.toString(),
        "--summary", summary.toString()));
    if (shard != null) {
      args.addAll(List.of("--shard", shard));
    }
    CliRunner.Outcome outcome = CliRunner.run("", args.toArray(String[]::new));
    JsonNode json = JSON.readTree(Files.readString(summary, StandardCharsets.UTF_8));
    assertEquals(json.get("failed").asLong() > 0 ? 3 : 0, outcome.status(), outcome.err());
    return new Run(outcome.out().lines().toList(), json);
  }

  private static List<String> sorted(List<String> rows) {
    String[] copy = rows.toArray(String[]::new);
    Arrays.sort(copy);
    return List.of(copy);
  }
}
