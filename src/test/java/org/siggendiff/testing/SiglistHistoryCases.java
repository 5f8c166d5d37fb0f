package org.siggendiff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.siggendiff.crashdata.CrashJson;

/**
 * The siglist-history conformance vectors: the 500 crash-data cases, and what the reference
 * signs each as under every siglist folder of the manifest.
 *
 * @param cases the crash-data documents as JSON text, in case-number order (case N at N - 1)
 * @param expected per siglist folder, the reference's signature of each case, by case number
 */
public record SiglistHistoryCases(List<String> cases, Map<String, Map<Integer, String>> expected) {
  private static final String ID_PREFIX = "sighist-";

  /** Reads the vectors from the shared data; skips the calling test when it is absent. */
  public static SiglistHistoryCases read() throws IOException {
    Map<Integer, String> cases = new TreeMap<>();
    Map<String, Map<Integer, String>> expected = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedData.conformance("siglist-history.jsonl.gz"))), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode vector = CrashJson.parse(line);
        int number = Integer.parseInt(vector.get("id").asText().substring(ID_PREFIX.length()));
        cases.putIfAbsent(number, vector.get("crash_data").toString());
        expected.computeIfAbsent(vector.get("siglists").asText(), k -> new TreeMap<>())
            .put(number, vector.get("expected").get("signature").asText());
      }
    }
    return new SiglistHistoryCases(List.copyOf(cases.values()), expected);
  }
}
