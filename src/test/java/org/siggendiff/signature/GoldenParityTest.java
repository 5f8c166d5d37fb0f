package org.siggendiff.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.regex.SiglistMatcher;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;

/**
 * Parity on a fresh clone: 659 vectors picked from the conformance set by
 * {@code scripts/make-golden} (every vector family, every rule that leaves a note or a debug
 * line, four siglist changes that move signatures), checked exactly as {@link ConformanceTest}
 * checks all 48,000, with the siglists they read embedded. Needs nothing outside the repository.
 */
class GoldenParityTest {
  private static final String VECTORS = "/golden/vectors.jsonl.gz";
  private static final String SIGLISTS = "/golden/siglists.json.gz";

  private final JsonNode siglists = readSiglists();

  @Test
  void goldenVectorsMatchTheReference() throws IOException {
    ParityVectors.Outcome outcome;
    try (InputStream in = GoldenParityTest.class.getResourceAsStream(VECTORS)) {
      outcome = new ParityVectors(this::generator).replay(in);
    }
    assertEquals(659, outcome.count(), "golden vectors");
    assertEquals(0, outcome.failures().size(), outcome.report(VECTORS));
  }

  @Test
  void goldenVectorsCoverEveryFamilyAndRule() throws IOException {
    List<String> seen = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(GoldenParityTest.class.getResourceAsStream(VECTORS))) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        JsonNode vector = CrashJson.parse(line);
        String id = vector.get("id").asText();
        seen.add("family " + id.substring(0, id.lastIndexOf('-')));
        vector.get("expected").get("notes").forEach(n -> seen.add("note " + n.asText().split(":")[0]));
        vector.get("expected").get("debug_log").forEach(n -> seen.add("debug " + n.asText().split(":")[0]));
      }
    }
    for (String family : List.of("c_real", "annotations", "frame_edge", "thread_edge", "text_edge",
        "siglist_probe", "malformed", "java_trace", "java_exc", "processed", "processed_edge",
        "processed_java", "sighist")) {
      assertTrue(seen.contains("family " + family), family);
    }
    for (String rule : List.of("SignatureGenerationRule", "StackwalkerErrorSignatureRule", "BadHardware",
        "OOMSignature", "AbortSignature", "SignatureShutdownTimeout", "SignatureRunWatchDog",
        "SignatureIPCChannelError", "SignatureIPCMessageName", "StackOverflowSignature", "HungProcess",
        "SigPrintableCharsOnly", "SigFixWhitespace", "SigTruncate")) {
      assertTrue(seen.contains("debug " + rule), rule);
    }
  }

  /**
   * Tracing walks each stack from the frames generation normalized; on every golden vector that
   * gives the same result as generating, and the same walks as walking the stack afresh, also
   * when the walks are made after generation, from what it kept.
   */
  @Test
  void tracingGivesTheResultAndTheWalksOfGeneratingAfreshAlsoFromAKeptGeneration() throws IOException {
    Map<String, SignatureGenerator> generators = new java.util.HashMap<>();
    int walked = 0;
    try (InputStream in = new GZIPInputStream(GoldenParityTest.class.getResourceAsStream(VECTORS))) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        JsonNode vector = CrashJson.parse(line);
        SignatureGenerator generator = generators.computeIfAbsent(vector.get("siglists").asText(), this::generator);
        CrashData crash = vector.has("processed_crash")
            ? CrashDataAdapter.fromProcessedCrash(vector.get("processed_crash"))
            : CrashData.of(vector.get("crash_data"));
        SignatureTrace trace = generator.trace(crash);
        String id = vector.get("id").asText();
        assertEquals(generator.generate(crash), trace.result(), id);
        TraceableResult kept = generator.generateTraceable(crash);
        assertEquals(trace.result(), kept.result(), id);
        assertEquals(trace, kept.trace(), id);
        for (SignatureTrace.ThreadWalk walk : trace.walks()) {
          CrashData thread = walk.rule().equals("SignatureRunWatchDog") ? crash.withCrashingThread(0) : crash;
          if (walk.walk() != null) {
            assertEquals(generator.walk(thread), walk.walk(), id + " " + walk.rule());
            walked++;
          } else {
            PyException failure = assertThrows(PyException.class, () -> generator.walk(thread), id);
            assertEquals(failure.getMessage(), walk.failure(), id);
          }
        }
      }
    }
    assertTrue(walked > 500, "walks compared: " + walked);
  }

  private SignatureGenerator generator(String folder) {
    JsonNode files = siglists.get(folder);
    Map<SiglistKind, List<String>> lines = new EnumMap<>(SiglistKind.class);
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> list = new ArrayList<>();
      files.get(kind.fileName()).forEach(line -> list.add(line.asText()));
      lines.put(kind, list);
    }
    try {
      return new SignatureGenerator(SiglistLoader.fromLines(lines, folder, SiglistMatcher.DEFAULT_TIMEOUT));
    } catch (SiglistException e) {
      throw new IllegalStateException(folder, e);
    }
  }

  private static JsonNode readSiglists() {
    try (InputStream in = new GZIPInputStream(GoldenParityTest.class.getResourceAsStream(SIGLISTS))) {
      return CrashJson.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
