package org.siggendiff.signature;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.PyJsonEquality;

/**
 * Checks conformance vectors (the format of {@code ../shared/conformance/README.md}) against
 * this port, under the README's allowances: a rule failure or an AsyncShutdownTimeout parse
 * error may word Python's exception text differently; everything else must match exactly.
 */
final class ParityVectors {
  private static final String PLACEHOLDER = "{SIGLISTS}";
  private static final String RULE_FAILED = ": Rule failed: ";
  private static final String SHUTDOWN_PARSE_ERROR =
      "SignatureShutdownTimeout: Error parsing AsyncShutdownTimeout: ";
  private static final int SHOWN_FAILURES = 15;

  private final Function<String, SignatureGenerator> siglists;
  private final Map<String, SignatureGenerator> generators = new ConcurrentHashMap<>();

  /** @param siglists the generator for a vector's {@code siglists} folder name */
  ParityVectors(Function<String, SignatureGenerator> siglists) {
    this.siglists = siglists;
  }

  /** The vectors read (gzip JSON Lines), and a report of those that differ, empty when none. */
  record Outcome(int count, List<String> failures) {
    String report(String name) {
      StringBuilder report = new StringBuilder();
      failures.stream().limit(SHOWN_FAILURES).forEach(f -> report.append(f).append("\n\n"));
      return failures.size() + " of " + count + " vectors in " + name + " differ:\n" + report;
    }
  }

  Outcome replay(InputStream gzipped) throws IOException {
    List<String> failures = new ArrayList<>();
    int count = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped, 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        count++;
        String failure = check(CrashJson.parse(line));
        if (failure != null) {
          failures.add(failure);
        }
      }
    }
    return new Outcome(count, failures);
  }

  private static JsonNode readFields(JsonNode processedCrash) {
    try {
      return CrashDataAdapter.readProcessedCrash(processedCrash.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What differs between the reference's result and this generator's for the vector, or null. */
  String check(JsonNode vector) {
    String id = vector.get("id").asText();
    String folder = vector.get("siglists").asText();
    SignatureGenerator generator = generators.computeIfAbsent(folder, siglists);
    CrashData crashData;
    if (vector.has("processed_crash")) {
      crashData = CrashDataAdapter.fromProcessedCrash(vector.get("processed_crash"));
      if (!PyJsonEquality.equal(crashData.json(), vector.get("expected_crash_data"))) {
        return id + ": crash data differs\n  expected " + vector.get("expected_crash_data")
            + "\n  actual   " + crashData.json();
      }
      // Reading field by field leaves out what generation does not read, so its crash data is
      // smaller; what must not differ is the signature result, checked below like the other.
      CrashData fromFields = CrashDataAdapter.fromProcessedCrash(readFields(vector.get("processed_crash")));
      String problems = compare(vector, generator, fromFields);
      if (problems != null) {
        return id + " read field by field: " + problems;
      }
    } else {
      crashData = CrashData.of(vector.get("crash_data"));
    }
    String problems = compare(vector, generator, crashData);
    return problems == null ? null : id + " " + problems;
  }

  /** What differs between the reference's result and this generator's, or null. */
  private String compare(JsonNode vector, SignatureGenerator generator, CrashData crashData) {
    String folder = vector.get("siglists").asText();
    SignatureResult actual = generator.generate(crashData);
    String source = generator.siglists().source();
    JsonNode expected = vector.get("expected");
    List<String> problems = new ArrayList<>();
    if (!expected.get("signature").asText().equals(actual.signature())) {
      problems.add("signature: expected " + quote(expected.get("signature").asText())
          + " actual " + quote(actual.signature()));
    }
    List<String> expectedNotes = texts(expected.get("notes"));
    if (!notesMatch(expectedNotes, actual.notes())) {
      problems.add("notes: expected " + expectedNotes + " actual " + actual.notes());
    }
    List<String> expectedDebug = texts(expected.get("debug_log"));
    List<String> actualDebug =
        actual.debugLog().stream().map(l -> l.replace(source, PLACEHOLDER)).toList();
    if (!expectedDebug.equals(actualDebug)) {
      problems.add(debugDiff(expectedDebug, actualDebug));
    }
    String extraProblem = extraDiff(expected.get("extra"), actual.extra());
    if (extraProblem != null) {
      problems.add(extraProblem);
    }
    if (problems.isEmpty()) {
      return null;
    }
    String input = vector.has("processed_crash") ? "" : "\n  input " + abbreviate(vector.get("crash_data").toString());
    return "(" + folder + "):\n  " + String.join("\n  ", problems) + input;
  }

  private static boolean notesMatch(List<String> expected, List<String> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      String a = actual.get(i);
      if (e.equals(a)) {
        continue;
      }
      int failed = e.indexOf(RULE_FAILED);
      if (failed > 0 && a.startsWith(e.substring(0, failed + RULE_FAILED.length()))) {
        continue;
      }
      if (e.startsWith(SHUTDOWN_PARSE_ERROR) && a.startsWith(SHUTDOWN_PARSE_ERROR)) {
        continue;
      }
      return false;
    }
    return true;
  }

  private static String extraDiff(JsonNode expected, SignatureResult.Extra actual) {
    if (actual == null) {
      return expected.isEmpty() ? null : "extra: expected " + expected + " actual {}";
    }
    List<String> expectedFrames = texts(expected.get("normalized_frames"));
    String expectedProto = expected.has("proto_signature") ? expected.get("proto_signature").asText() : null;
    if (actual.normalizedFrames().equals(expectedFrames) && actual.protoSignature().equals(expectedProto)) {
      return null;
    }
    for (int i = 0; i < Math.max(expectedFrames.size(), actual.normalizedFrames().size()); i++) {
      String e = i < expectedFrames.size() ? expectedFrames.get(i) : "<none>";
      String a = i < actual.normalizedFrames().size() ? actual.normalizedFrames().get(i) : "<none>";
      if (!e.equals(a)) {
        return "normalized_frames[" + i + "]: expected " + quote(e) + " actual " + quote(a);
      }
    }
    return "proto_signature: expected " + expectedProto + " actual " + actual.protoSignature();
  }

  private static String debugDiff(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : "<none>";
      String a = i < actual.size() ? actual.get(i) : "<none>";
      if (!e.equals(a)) {
        return "debug_log[" + i + "]: expected " + quote(e) + " actual " + quote(a);
      }
    }
    return "debug_log differs";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    if (array != null) {
      array.forEach(node -> texts.add(node.asText()));
    }
    return texts;
  }

  private static String quote(String s) {
    return org.siggendiff.internal.py.PyRepr.reprString(s);
  }

  private static String abbreviate(String s) {
    return s.length() > 1500 ? s.substring(0, 1500) + "..." : s;
  }
}
