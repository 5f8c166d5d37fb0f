package org.siggendiff.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.siggendiff.crashdata.CrashJson;

/** The benchmarks' inputs from the conformance vectors, and their clean-up. */
final class BenchFiles {
  private BenchFiles() {}

  /** The lines of a gzipped text file. */
  static BufferedReader gzipLines(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
  }

  /** The processed crashes of the processed-crash vectors, in order, each as compact JSON. */
  static List<String> processedCrashes(Path vectors) throws IOException {
    List<String> documents = new ArrayList<>();
    try (BufferedReader reader = gzipLines(vectors)) {
      String line;
      while ((line = reader.readLine()) != null) {
        documents.add(CrashJson.parse(line).get("processed_crash").toString());
      }
    }
    return documents;
  }

}
