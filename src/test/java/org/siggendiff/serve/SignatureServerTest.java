package org.siggendiff.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signify.SignifyRunner;
import org.siggendiff.testing.Fixtures;
import org.siggendiff.testing.SharedData;

/** A real HTTP client against the server on an ephemeral loopback port. */
@Timeout(60)
class SignatureServerTest {
  /** A C++ stack whose signature the two test siglist sets tell apart. */
  private static final String CRASH =
      "{'os': 'Linux', 'crashing_thread': 0, 'threads': [{'frames': ["
          + "{'frame': 0, 'function': 'SomeFunc', 'file': 'somefile.cpp', 'line': 20, 'module': 'foo.so', 'module_offset': '0x37a92'},"
          + "{'frame': 1, 'function': 'SomeOtherFunc', 'file': 'other.cpp', 'line': 444, 'module': 'bar.so', 'module_offset': '0x39a55'}]}]}";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> log = new ArrayList<>();
  private SignatureServer server;
  private URI base;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private void start(ServeSettings settings, ServedSiglists... siglists) throws IOException {
    server = new SignatureServer(settings, List.of(siglists), line -> {
      synchronized (log) {
        log.add(line);
      }
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.address().getPort());
  }

  private void start(ServedSiglists... siglists) throws IOException {
    start(loopback(), siglists);
  }

  private static ServeSettings loopback() {
    return ServeSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  private static ServedSiglists served(String name, SiglistSet set) {
    return new ServedSiglists(name, name + "-source", Optional.empty(), Instant.parse("2026-11-29T00:00:00Z"), set);
  }

  private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
    return post(pathAndQuery, body, "application/json");
  }

  private HttpResponse<String> post(String pathAndQuery, String body, String contentType) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String jobs(List<String> crashData) {
    return "{\"jobs\": [" + String.join(", ", crashData) + "]}";
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** What {@code signify --jsonl} prints for these lines, in the CrashSignature result shape (no debug log). */
  private static List<JsonNode> signify(SiglistSet siglists, boolean processed, List<String> lines) throws IOException {
    StringWriter out = new StringWriter();
    new SignifyRunner(new SignatureGenerator(siglists), processed, false)
        .signLines(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), out, 2, 1 << 20);
    List<JsonNode> results = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      ObjectNode result = (ObjectNode) CrashJson.parse(line);
      result.remove("debug_log");
      result.remove("crash_data");
      results.add(result);
    }
    return results;
  }

  private static List<JsonNode> results(HttpResponse<String> response) throws IOException {
    assertEquals(200, response.statusCode(), response.body());
    List<JsonNode> results = new ArrayList<>();
    CrashJson.parse(response.body()).get("results").forEach(results::add);
    return results;
  }

  @Test
  void crashSignatureAnswersEachJobInOrderAsSignifyDoes() throws Exception {
    start(served("basic", Fixtures.basicSiglists()));
    List<String> crashes = List.of(
        json(CRASH),
        "{}",
        json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'malloc'}, {'function': 'js::RunScript'}]}]}"),
        json("{'oom_allocation_size': 1000, 'crashing_thread': 0, 'threads': [{'frames': [{'function': 'f'}]}]}"),
        json("{'abort_message': 'ipc \\u00e9 failed', 'crashing_thread': '0', 'threads': [{'frames': [{'function': 'g\\u0001'}]}]}"),
        json("{'java_stack_trace': 'java.lang.NullPointerException: x\\n\\tat org.A.b(A.java:1)', 'os': 'Android'}"));

    HttpResponse<String> response = post("/api/CrashSignature/", jobs(crashes));

    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    List<JsonNode> results = results(response);
    assertEquals(signify(Fixtures.basicSiglists(), false, crashes), results);
    assertEquals("SomeFunc", results.get(0).get("signature").textValue());
    assertEquals("SomeFunc | SomeOtherFunc", results.get(0).get("extra").get("proto_signature").textValue());
    assertTrue(response.body().chars().allMatch(c -> c < 0x7f), "ASCII-only: " + response.body());
  }

  @Test
  void aProcessedCrashJobIsAdaptedAsSignifyAdaptsIt() throws Exception {
    start(served("basic", Fixtures.basicSiglists()));
    String processed = CrashJson.parse(Files.readString(Fixtures.resource("crashes/processed-crash.json"))).toString();

    List<JsonNode> results = results(post("/api/CrashSignature/", jobs(List.of(processed))));

    assertEquals(signify(Fixtures.basicSiglists(), true, List.of(processed)), results);
    assertNotEquals("EMPTY: no frame data available", results.get(0).get("signature").textValue());
  }

  @Test
  void conformanceCrashDataGetsTheSignaturesSignifyGives() throws Exception {
    Path vectors = SharedData.conformance("crash-data.jsonl.gz");
    List<String> sample = new ArrayList<>();
    String folder = null;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(vectors)), StandardCharsets.UTF_8))) {
      String line;
      for (int i = 0; (line = reader.readLine()) != null; i++) {
        if (i % 10 == 0) {
          JsonNode vector = CrashJson.parse(line);
          folder = vector.get("siglists").asText();
          sample.add(vector.get("crash_data").toString());
        }
      }
    }
    Path siglists = SharedData.siglists(folder);
    SiglistSet set = SiglistLoader.load(siglists, siglists.toString());
    start(served("newest", set));
    List<JsonNode> expected = signify(set, false, sample);

    List<JsonNode> actual = new ArrayList<>();
    for (int from = 0; from < sample.size(); from += 100) {
      actual.addAll(results(post("/api/CrashSignature/", jobs(sample.subList(from, Math.min(sample.size(), from + 100))))));
    }

    assertEquals(1500, actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "vector " + (i * 10));
    }
  }

  @Test
  void eachRequestChoosesItsSiglistsByName(@TempDir Path dir) throws Exception {
    Path candidate = dir.resolve("candidate");
    Files.createDirectories(candidate);
    for (String file : List.of("irrelevant_signature_re.txt", "signature_sentinels.txt", "signatures_with_line_numbers_re.txt")) {
      Files.copy(Fixtures.resource("siglists/basic/" + file), candidate.resolve(file));
    }
    Files.writeString(candidate.resolve("prefix_signature_re.txt"),
        Files.readString(Fixtures.resource("siglists/basic/prefix_signature_re.txt")) + "SomeFunc\n");
    start(served("production", Fixtures.basicSiglists()), served("candidate", SiglistLoader.load(candidate, "candidate")));
    String body = jobs(List.of(json(CRASH)));

    HttpResponse<String> byDefault = post("/api/CrashSignature/", body);
    HttpResponse<String> chosen = post("/api/CrashSignature/?siglists=candidate", body);
    HttpResponse<String> named = post("/api/CrashSignature/?siglists=production", body);
    HttpResponse<String> unknown = post("/api/CrashSignature/?siglists=staging", body);
    HttpResponse<String> typo = post("/api/CrashSignature/?siglist=candidate", body);

    assertEquals("SomeFunc", results(byDefault).get(0).get("signature").textValue());
    assertEquals("production", byDefault.headers().firstValue("Siggen-Siglists").orElseThrow());
    assertEquals("SomeFunc | SomeOtherFunc", results(chosen).get(0).get("signature").textValue());
    assertEquals("candidate", chosen.headers().firstValue("Siggen-Siglists").orElseThrow());
    assertEquals("SomeFunc", results(named).get(0).get("signature").textValue());
    assertEquals(400, unknown.statusCode());
    assertEquals("{\"error\":\"unknown siglists 'staging'; loaded: production, candidate\"}", unknown.body());
    assertEquals(400, typo.statusCode());
    assertEquals("{\"error\":\"unknown parameter 'siglist'; parameters: siglists\"}", typo.body());
    HttpResponse<String> twice = post("/api/CrashSignature/?siglists=candidate&siglists=production", body);
    assertEquals(400, twice.statusCode());
    assertEquals("{\"error\":\"the parameter 'siglists' is given twice\"}", twice.body());
    HttpResponse<String> signify = post("/signify?siglists=candidate", json(CRASH) + "\n", "application/x-ndjson");
    assertEquals("SomeFunc | SomeOtherFunc", CrashJson.parse(signify.body().strip()).get("signature").textValue());
  }

  @Test
  void siglistsAndHealthDescribeWhatIsLoaded() throws Exception {
    start(served("production", Fixtures.basicSiglists()),
        new ServedSiglists("candidate", "~/socorro@my-branch", Optional.of("a".repeat(40)), Instant.parse("2026-11-29T01:02:03Z"),
            Fixtures.basicSiglists()));
    post("/api/CrashSignature/", jobs(List.of("{}", "{}")));

    HttpResponse<String> siglists = get("/siglists");
    HttpResponse<String> health = get("/health");

    assertEquals(200, siglists.statusCode());
    assertEquals(
        "{\"default\":\"production\",\"siglists\":["
            + "{\"name\":\"production\",\"source\":\"production-source\",\"commit\":null,\"loaded_at\":\"2026-11-29T00:00:00Z\"},"
            + "{\"name\":\"candidate\",\"source\":\"~/socorro@my-branch\",\"commit\":\"" + "a".repeat(40)
            + "\",\"loaded_at\":\"2026-11-29T01:02:03Z\"}]}",
        siglists.body());
    assertEquals(200, health.statusCode());
    JsonNode status = CrashJson.parse(health.body());
    assertEquals("ok", status.get("status").textValue());
    assertEquals(2, status.get("signatures").asInt());
    assertEquals(404, get("/nothing-here").statusCode());
    assertEquals(405, get("/api/CrashSignature/").statusCode());
    assertEquals("POST", get("/api/CrashSignature/").headers().firstValue("Allow").orElseThrow());
    assertEquals("GET, HEAD", client.send(HttpRequest.newBuilder(base.resolve("/health")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()).headers().firstValue("Allow").orElseThrow());
    // HEAD is GET without the body, wherever GET is answered.
    HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/health")).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, head.statusCode());
    assertEquals("application/json", head.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("", head.body());
  }

  @Test
  void aBodyOverTheSizeLimitIs413WhetherItsLengthIsSaidOrNot() throws Exception {
    start(loopback().withLimits(10_000, 1000, Duration.ofSeconds(30)), served("basic", Fixtures.basicSiglists()));
    String huge = jobs(List.of("{\"reason\": \"" + "x".repeat(50_000) + "\"}"));

    HttpResponse<String> withLength = post("/api/CrashSignature/", huge);
    HttpResponse<String> chunked = client.send(
        HttpRequest.newBuilder(base.resolve("/api/CrashSignature/"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(413, withLength.statusCode());
    assertEquals("{\"error\":\"the request body is larger than the limit of 10000 bytes\"}", withLength.body());
    assertEquals(413, chunked.statusCode());
    assertEquals(200, post("/api/CrashSignature/", jobs(List.of("{}"))).statusCode(), "the server goes on");
  }

  @Test
  void badJsonIs400WithAOneLineReasonAsCrashStatsWordsIt() throws Exception {
    start(served("basic", Fixtures.basicSiglists()));

    HttpResponse<String> truncated = post("/api/CrashSignature/", "{\"jobs\": [{\"os\":\n \"Linux\"");
    HttpResponse<String> notUtf8 = client.send(HttpRequest.newBuilder(base.resolve("/api/CrashSignature/"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}))
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noJobs = post("/api/CrashSignature/", "{\"jobs\": []}");
    HttpResponse<String> empty = post("/api/CrashSignature/", "");
    HttpResponse<String> notAnObject = post("/api/CrashSignature/", "[{}]");
    HttpResponse<String> notAList = post("/api/CrashSignature/", "{\"jobs\": 5}");
    HttpResponse<String> form = post("/api/CrashSignature/", "{\"jobs\": [{}]}", "application/x-www-form-urlencoded");

    assertEquals(400, truncated.statusCode());
    String reason = CrashJson.parse(truncated.body()).get("detail").textValue();
    assertTrue(reason.startsWith("JSON parse error - Unexpected end-of-input"), reason);
    assertTrue(reason.endsWith("(line 2, column 9)"), reason);
    assertFalse(reason.contains("\n") || reason.contains("Source"), reason);
    assertEquals("{\"detail\":\"JSON parse error - the body is not valid UTF-8\"}", notUtf8.body());
    assertEquals(400, notUtf8.statusCode());
    assertEquals("{\"error\":\"no jobs specified\"}", noJobs.body());
    assertEquals(400, noJobs.statusCode());
    assertEquals("{\"error\":\"no jobs specified\"}", empty.body());
    assertEquals(400, notAnObject.statusCode());
    assertEquals(400, notAList.statusCode());
    assertEquals("{\"error\":\"jobs must be a list of crash data objects\"}", notAList.body());
    assertEquals(415, form.statusCode());
    assertTrue(log.isEmpty(), "bad requests are not logged as errors: " + log);
  }

  @Test
  void aBadJobGetsAnErrorResultForItselfOnly(@TempDir Path dir) throws Exception {
    // A siglist line that backtracks without end, bounded at 100 ms per frame: that crash is unsignable.
    evilSiglists(dir);
    start(served("evil", SiglistLoader.load(dir, "evil", Duration.ofMillis(100))));
    String good = json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'malloc'}, {'function': 'Foo'}]}]}");
    String evil = json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': '" + "a".repeat(30) + "b'}]}]}");

    HttpResponse<String> response = post("/api/CrashSignature/", jobs(List.of(good, "\"not a crash\"", evil, "[1]", good)));

    List<JsonNode> results = results(response);
    assertEquals(5, results.size());
    assertEquals("malloc | Foo", results.get(0).get("signature").textValue());
    assertEquals("malloc | Foo", results.get(4).get("signature").textValue());
    assertEquals(
        "{\"signature\":\"\",\"notes\":[\"job 2: not a JSON object but a string; a job is crash data\"],\"extra\":{},"
            + "\"error\":\"job 2: not a JSON object but a string; a job is crash data\"}",
        results.get(1).toString());
    String timedOut = results.get(2).get("error").textValue();
    assertTrue(timedOut.startsWith("job 3: siglist pattern timed out: "), timedOut);
    assertEquals("", results.get(2).get("signature").textValue());
    assertEquals(List.of(timedOut), List.of(results.get(2).get("notes").get(0).textValue()));
    assertEquals("job 4: not a JSON object but an array; a job is crash data", results.get(3).get("error").textValue());
    assertFalse(results.get(0).has("error"));
  }

  @Test
  void jobsNotStartedWithinTheRequestsTimeBoundGetAnErrorResult(@TempDir Path dir) throws Exception {
    evilSiglists(dir);
    start(loopback().withLimits(1 << 20, 1000, Duration.ofMillis(150)),
        served("evil", SiglistLoader.load(dir, "evil", Duration.ofMillis(100))));
    String good = json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'malloc'}, {'function': 'Foo'}]}]}");
    String evil = json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': '" + "a".repeat(30) + "b'}]}]}");

    List<JsonNode> results = results(post("/api/CrashSignature/", jobs(List.of(evil, evil, good, good))));

    assertEquals(4, results.size());
    assertTrue(results.get(0).get("error").textValue().startsWith("job 1: siglist pattern timed out: "), results.get(0).toString());
    assertEquals("job 4: not signed: the request ran over its time bound of 150 ms, or the server is stopping",
        results.get(3).get("error").textValue());
    assertEquals("", results.get(3).get("signature").textValue());
  }

  /** A siglist set with a line that backtracks without end on thirty a's and a b. */
  private static void evilSiglists(Path dir) throws IOException {
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), "abort\n");
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "malloc\n(.*a){25}$\n");
    Files.writeString(dir.resolve("signature_sentinels.txt"), "_purecall\n");
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "js_Interpret\n");
  }

  @Test
  void moreJobsThanTheCapIs400() throws Exception {
    start(loopback().withLimits(1 << 20, 3, Duration.ofSeconds(30)), served("basic", Fixtures.basicSiglists()));

    HttpResponse<String> tooMany = post("/api/CrashSignature/", jobs(List.of("{}", "{}", "{}", "{}")));

    assertEquals(400, tooMany.statusCode());
    assertEquals("{\"error\":\"too many jobs: 4; at most 3 per request\"}", tooMany.body());
    assertEquals(3, results(post("/api/CrashSignature/", jobs(List.of("{}", "{}", "{}")))).size());
  }

  @Test
  void concurrentRequestsEachGetTheirOwnResults() throws Exception {
    start(served("basic", Fixtures.basicSiglists()));
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        int client = c;
        answers.add(clients.submit(() -> {
          for (int r = 0; r < 25; r++) {
            List<String> batch = new ArrayList<>();
            for (int j = 0; j <= r % 5; j++) {
              batch.add(json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'F" + client + "_" + r + "_" + j + "'}]}]}"));
            }
            List<JsonNode> results = results(post("/api/CrashSignature/", jobs(batch)));
            assertEquals(batch.size(), results.size());
            for (int j = 0; j < batch.size(); j++) {
              assertEquals("F" + client + "_" + r + "_" + j, results.get(j).get("signature").textValue());
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> answer : answers) {
        assertTrue(answer.get());
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void signifyStreamsOneLinePerInputLineInOrder() throws Exception {
    start(loopback().withLimits(4096, 1000, Duration.ofSeconds(30)), served("basic", Fixtures.basicSiglists()));
    List<String> lines = List.of(json(CRASH), "not json", "x".repeat(5000), "[]", "{}", json(CRASH));

    HttpResponse<String> response = post("/signify", String.join("\n", lines) + "\n", "application/x-ndjson");

    assertEquals(200, response.statusCode());
    assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElseThrow());
    String[] out = response.body().split("\n");
    assertEquals(6, out.length, response.body());
    StringWriter expected = new StringWriter();
    new SignifyRunner(new SignatureGenerator(Fixtures.basicSiglists()), false, false)
        .signLines(new ByteArrayInputStream(String.join("\n", lines.subList(0, 2)).getBytes(StandardCharsets.UTF_8)), expected, 2, 1 << 20);
    assertEquals(expected.toString(), out[0] + "\n" + out[1] + "\n");
    assertEquals("{\"error\":\"line 3: longer than 4096 bytes\"}", out[2]);
    assertEquals("{\"error\":\"line 4: not a JSON object\"}", out[3]);
    assertEquals(out[0], out[5]);
    assertTrue(CrashJson.parse(out[4]).has("signature"));
    String processed = CrashJson.parse(Files.readString(Fixtures.resource("crashes/processed-crash.json"))).toString();
    HttpResponse<String> asProcessed = post("/signify?processed=true", processed + "\n", "application/x-ndjson");
    ObjectNode line = (ObjectNode) CrashJson.parse(asProcessed.body().strip());
    assertTrue(line.has("crash_data"), "the --processed contract adds crash_data");
    assertEquals(400, post("/signify?processed=maybe", "{}\n", "application/x-ndjson").statusCode());
  }

  @Test
  void signifyTakesAsManyLinesAsItIsSent() throws Exception {
    start(loopback().withLimits(4096, 1000, Duration.ofSeconds(30)), served("basic", Fixtures.basicSiglists()));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      body.append(json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': 'F" + i + "'}]}]}")).append('\n');
    }
    assertTrue(body.length() > 4096 * 10, "far over the per-line limit in total");

    HttpResponse<String> response = post("/signify", body.toString(), "application/x-ndjson");

    String[] out = response.body().split("\n");
    assertEquals(5000, out.length);
    assertEquals("F4999", CrashJson.parse(out[4999]).get("signature").textValue());
  }

  @Test
  void aStopFinishesTheRequestsInFlightAndTurnsNewOnesAway() throws Exception {
    start(loopback().withDrainTimeout(Duration.ofSeconds(20)), served("basic", Fixtures.basicSiglists()));
    ExecutorService stopper = Executors.newSingleThreadExecutor();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("POST /signify HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      chunk(out, json(CRASH) + "\n");
      assertEquals("HTTP/1.1 200 OK", asciiLine(in));
      while (!asciiLine(in).isEmpty()) {
        // headers
      }
      String first = bodyLine(in);
      assertEquals("SomeFunc", CrashJson.parse(first).get("signature").textValue(), "answered while the request is open");

      Future<Boolean> stopped = stopper.submit(server::stop);
      HttpResponse<String> refused = null;
      for (int tries = 0; tries < 200 && (refused == null || refused.statusCode() != 503); tries++) {
        Thread.sleep(10);
        refused = get("/health");
      }
      assertEquals(503, refused.statusCode());
      assertEquals("{\"error\":\"the server is shutting down\"}", refused.body());
      assertFalse(stopped.isDone(), "the stop waits for the request in flight");

      chunk(out, "{}\n");
      chunk(out, "");
      String second = bodyLine(in);
      assertEquals("EMPTY: no frame data available", CrashJson.parse(second).get("signature").textValue());
      assertEquals("0", asciiLine(in), "the answer ends whole");
      assertTrue(stopped.get(10, TimeUnit.SECONDS), "every request in flight finished");
    } finally {
      stopper.shutdownNow();
    }
  }

  /**
   * Keeps the one worker signing for about two seconds: a job whose frame a siglist line
   * backtracks on until its time bound. (A request waiting for its client holds no worker.)
   */
  private Future<HttpResponse<String>> busySigning(ExecutorService background) throws Exception {
    String evil = json("{'crashing_thread': 0, 'threads': [{'frames': [{'function': '" + "a".repeat(30) + "b'}]}]}");
    Future<HttpResponse<String>> busy = background.submit(() -> post("/api/CrashSignature/", jobs(List.of(evil))));
    Thread.sleep(300);
    return busy;
  }

  /** The answer to a request that must be 200 within a few seconds, though {@code behind} hold connections. */
  private static HttpResponse<String> answeredPromptly(Callable<HttpResponse<String>> request, String behind) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = request.call();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(millis < 5_000, "answered after " + millis + " ms, behind the " + behind);
    return answer;
  }

  /** Sends {@code GET /health} on the socket and returns once it waits for the busy worker. */
  private void waitForTheWorker(Socket socket) throws Exception {
    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.waitingRequests() < 1) {
      assertTrue(System.nanoTime() < deadline, "the request never waited for the worker");
      Thread.sleep(5);
    }
  }

  private ServedSiglists slowToSign(Path dir) throws Exception {
    evilSiglists(dir);
    return served("evil", SiglistLoader.load(dir, "evil", Duration.ofSeconds(2)));
  }

  @Test
  void aRequestStillQueuedForAWorkerWhenTheStopComesIsAnswered503NotDropped(@TempDir Path dir) throws Exception {
    ServeSettings oneWorker = loopback().withDrainTimeout(Duration.ofSeconds(20)).withWorkers(1, ServeSettings.DEFAULT_MAX_WAITING);
    start(oneWorker, slowToSign(dir));
    ExecutorService background = Executors.newFixedThreadPool(2);
    try (Socket queued = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      queued.setSoTimeout(20_000);
      Future<HttpResponse<String>> busy = busySigning(background);
      waitForTheWorker(queued);

      Future<Boolean> stopped = background.submit(server::stop);

      assertEquals("HTTP/1.1 503 Service Unavailable", asciiLine(queued.getInputStream()), "answered, not dropped");
      assertFalse(busy.isDone(), "turned away while the worker was still busy");
      assertEquals(200, busy.get(10, TimeUnit.SECONDS).statusCode(), "the request in flight finished");
      assertTrue(stopped.get(10, TimeUnit.SECONDS));
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  void aRequestPastTheWaitingBoundIsAnswered503AtOnceAndTheOthersStillRun(@TempDir Path dir) throws Exception {
    start(loopback().withWorkers(1, 1), slowToSign(dir));
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (Socket waiting = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        Socket tooMany = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      for (Socket socket : List.of(waiting, tooMany)) {
        socket.setSoTimeout(20_000);
      }
      Future<HttpResponse<String>> busy = busySigning(background);
      waitForTheWorker(waiting);

      tooMany.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream refused = tooMany.getInputStream();
      assertEquals("HTTP/1.1 503 Service Unavailable", asciiLine(refused), "answered while the worker is still busy");
      assertFalse(busy.isDone(), "answered while the worker was still busy");
      List<String> headers = new ArrayList<>();
      for (String line = asciiLine(refused); !line.isEmpty(); line = asciiLine(refused)) {
        headers.add(line.toLowerCase(Locale.ROOT));
      }
      assertTrue(headers.contains("retry-after: 1"), headers.toString());

      assertEquals(200, busy.get(10, TimeUnit.SECONDS).statusCode());
      assertEquals("HTTP/1.1 200 OK", asciiLine(waiting.getInputStream()), "the waiting request runs once the worker is free");
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  void clientsSlowToSendTheirNextSignifyLineDoNotHoldUpTheWorkers() throws Exception {
    start(loopback().withWorkers(1, 8), served("basic", Fixtures.basicSiglists()));
    List<Socket> streams = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        streams.add(socket);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write("POST /signify HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        chunk(out, json(CRASH) + "\n");
        InputStream in = socket.getInputStream();
        assertEquals("HTTP/1.1 200 OK", asciiLine(in));
        while (!asciiLine(in).isEmpty()) {
          // headers
        }
        assertEquals("SomeFunc", CrashJson.parse(bodyLine(in)).get("signature").textValue(), "stream " + i + " answered");
      }

      answeredPromptly(() -> post("/api/CrashSignature/", jobs(List.of(json(CRASH)))), "idle streams");
      // An idle stream goes on once its client sends again.
      OutputStream out = streams.get(0).getOutputStream();
      chunk(out, json(CRASH) + "\n");
      assertEquals("SomeFunc", CrashJson.parse(bodyLine(streams.get(0).getInputStream())).get("signature").textValue());
    } finally {
      for (Socket socket : streams) {
        socket.close();
      }
    }
  }

  @Test
  void clientsSlowToSendTheirHeadersDoNotHoldUpTheWorkers() throws Exception {
    // One worker, and more clients than workers that never finish their headers: the JDK's
    // server reads headers on the thread that runs the request, and used to give them the worker.
    start(loopback().withWorkers(1, 8), served("basic", Fixtures.basicSiglists()));
    try (Clients stalled = connectionsSending(3, "GET /health HTTP/1.1\r\nHost: x\r\n")) {
      assertEquals(3, stalled.sockets().size());
      answeredPromptly(() -> get("/health"), "stalled clients");
      long stopStart = System.nanoTime();
      assertTrue(server.stop(), "a connection still sending its headers is not a request in flight");
      assertTrue((System.nanoTime() - stopStart) / 1_000_000 < 3_000, "the stop waited for the stalled clients");
    }
  }

  @Test
  void clientsSlowToSendASignatureRequestsBodyDoNotHoldUpTheWorkers() throws Exception {
    start(loopback().withWorkers(1, 8), served("basic", Fixtures.basicSiglists()));
    String body = "{\"jobs\": [" + json(CRASH) + "]}";
    try (Clients stalled = stalledSignatureRequests(body, 3, 5)) {
      HttpResponse<String> answer = answeredPromptly(() -> post("/api/CrashSignature/", body, "application/json"), "stalled clients");
      assertTrue(answer.body().contains("SomeFunc"), answer.body());

      // A stalled body that arrives in the end is answered as any other.
      Socket late = stalled.sockets().get(0);
      late.setSoTimeout(10_000);
      late.getOutputStream().write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
      late.getOutputStream().flush();
      assertEquals("HTTP/1.1 200 OK", asciiLine(late.getInputStream()));
    }
  }

  @Test
  void bodiesArrivingTogetherBeyondTheirMemoryAreAnsweredNotLeftWaiting() throws Exception {
    // Memory for one worker's body of up to 128 KiB: two such bodies sent half by half, in turns,
    // each reserve their whole size first, so the second is told the server is busy at once
    // instead of both waiting for memory the other holds.
    start(loopback().withLimits(131_072, 1000, Duration.ofSeconds(30)).withWorkers(1, 8), served("basic", Fixtures.basicSiglists()));
    String body = jobs(List.of("{\"reason\": \"" + "x".repeat(131_000) + "\"}"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertTrue(bytes.length <= 131_072, "within the limit");
    try (Socket first = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        Socket second = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      List<Socket> both = List.of(first, second);
      for (Socket socket : both) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("POST /api/CrashSignature/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(bytes, 0, bytes.length / 2);
        socket.getOutputStream().flush();
        Thread.sleep(200);
      }
      for (Socket socket : both) {
        try {
          socket.getOutputStream().write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
          socket.getOutputStream().flush();
        } catch (IOException turnedAwayAlready) {
          // the busy answer closed the connection before the rest was sent
        }
      }
      Set<String> statuses = new TreeSet<>();
      for (Socket socket : both) {
        statuses.add(asciiLine(socket.getInputStream()));
      }
      assertEquals(Set.of("HTTP/1.1 200 OK", "HTTP/1.1 503 Service Unavailable"), statuses);
    }
    assertEquals(200, post("/api/CrashSignature/", jobs(List.of(json(CRASH)))).statusCode(), "the memory was given back");
  }

  @Test
  void slowSmallBodiesDoNotHoldUpOthersUnderASmallBodyLimit() throws Exception {
    start(loopback().withLimits(60_000, 1000, Duration.ofSeconds(30)).withWorkers(2, 8), served("basic", Fixtures.basicSiglists()));
    String body = jobs(List.of(json(CRASH)));
    try (Clients stalled = stalledSignatureRequests(body, 4, 4)) {
      assertTrue(answeredPromptly(() -> post("/api/CrashSignature/", body), "stalled clients").body().contains("SomeFunc"));
      assertEquals(4, stalled.sockets().size());
    }
  }

  @Test
  void aChunkedBodyReadAheadAtTheLimitIsSignedAndTheConnectionServesTheNextRequest() throws Exception {
    String body = jobs(List.of(json(CRASH)));
    int limit = body.getBytes(StandardCharsets.UTF_8).length;
    start(loopback().withLimits(limit, 1000, Duration.ofSeconds(30)), served("basic", Fixtures.basicSiglists()));
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int round = 0; round < 2; round++) {
        out.write("POST /api/CrashSignature/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        chunk(out, body.substring(0, 10));
        chunk(out, body.substring(10));
        chunk(out, "");
        assertEquals("HTTP/1.1 200 OK", asciiLine(in), "round " + round);
        int length = -1;
        for (String line = asciiLine(in); !line.isEmpty(); line = asciiLine(in)) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring("content-length:".length()).strip());
          }
        }
        assertTrue(length > 0, "a sized answer");
        assertTrue(new String(in.readNBytes(length), StandardCharsets.UTF_8).contains("SomeFunc"));
      }
    }
  }

  @Test
  void aStopCutsOffARequestThatOutlastsTheDrainAndSaysSo() throws Exception {
    start(loopback().withDrainTimeout(Duration.ofMillis(400)), served("basic", Fixtures.basicSiglists()));
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("POST /signify HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      chunk(out, json(CRASH) + "\n");
      assertEquals("HTTP/1.1 200 OK", asciiLine(in));
      while (!asciiLine(in).isEmpty()) {
        // headers
      }
      assertEquals("SomeFunc", CrashJson.parse(bodyLine(in)).get("signature").textValue());

      long start = System.nanoTime();
      boolean drained = server.stop();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertFalse(drained, "a request was still open when the drain time was up");
      assertTrue(millis < 5_000, "the stop took " + millis + " ms");
      assertEquals(-1, in.read(), "the connection is closed");
    }
  }

  /** Clients that send a CrashSignature request's headers and the first characters of its body, then stop. */
  private Clients stalledSignatureRequests(String body, int count, int sent) throws IOException, InterruptedException {
    return connectionsSending(count, "POST /api/CrashSignature/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, sent));
  }

  /** Open connections, closed together. */
  private record Clients(List<Socket> sockets) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  /** Connections that each send {@code text} and then nothing more. */
  private Clients connectionsSending(int count, String text) throws IOException, InterruptedException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
      sockets.add(socket);
      socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
    // Time for the server to take them in.
    Thread.sleep(300);
    return new Clients(sockets);
  }

  private static void chunk(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String asciiLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed after " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** One line of a chunked body, read chunk by chunk. */
  private static String bodyLine(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    while (text.indexOf("\n") < 0) {
      int size = Integer.parseInt(asciiLine(in).strip(), 16);
      assertTrue(size > 0, "the body ended before a whole line: " + text);
      text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
      asciiLine(in);
    }
    assertEquals(text.length() - 1, text.indexOf("\n"), "one line at a time: " + text);
    return text.toString().strip();
  }

  @Test
  void smallAnswersAreNotHeldBackForTheClientsDelayedAck() throws Exception {
    start(served("basic", Fixtures.basicSiglists()));
    String body = jobs(List.of(json(CRASH)));
    for (int i = 0; i < 20; i++) {
      results(post("/api/CrashSignature/", body));
    }

    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      results(post("/api/CrashSignature/", body));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    // Under Nagle's algorithm each answer's body waits ~40-50 ms for the ACK of its headers: 9 s in all.
    assertTrue(millis < 4_000, "200 requests one after another on one connection took " + millis + " ms");
  }

  @Test
  void anArrayOfSignaturesIsNeverAFiveHundred() throws Exception {
    start(served("basic", Fixtures.basicSiglists()));
    ArrayNode odd = CrashJson.mapper().createArrayNode();
    odd.add(CrashJson.parse("{\"crashing_thread\": \"x\", \"threads\": 5}"));
    odd.add(CrashJson.parse("{\"threads\": [{\"frames\": [null, 1, \"a\", {\"function\": null}]}]}"));
    odd.add(CrashJson.parse("{\"json_dump\": 5}"));
    odd.addNull();

    List<JsonNode> results = results(post("/api/CrashSignature/", "{\"jobs\": " + odd + "}"));

    assertEquals(4, results.size());
    assertTrue(log.isEmpty(), String.valueOf(log));
  }
}
