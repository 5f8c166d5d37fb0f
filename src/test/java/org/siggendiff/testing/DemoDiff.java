package org.siggendiff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.siggendiff.crashdata.CrashJson;

/** The demo corpus and siglists, and the crashes a diff between them moves. */
public final class DemoDiff {
  public static final Path DEMO = Path.of("corpora/demo");
  public static final Path BASELINE = Path.of("siglists/demo/baseline");
  public static final Path CANDIDATE = Path.of("siglists/demo/candidate");

  private DemoDiff() {}

  /** Each jsonl diff row as "crash ID baseline -> candidate", sorted. */
  public static Set<String> moves(String jsonl) throws IOException {
    Set<String> moves = new TreeSet<>();
    for (String line : jsonl.split("\n")) {
      JsonNode row = CrashJson.parse(line);
      moves.add(row.get("crash_id").asText() + " " + row.get("baseline").asText() + " -> " + row.get("candidate").asText());
    }
    return moves;
  }
}
