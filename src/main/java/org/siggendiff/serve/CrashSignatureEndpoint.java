package org.siggendiff.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.report.TerminalText;

/**
 * Crash Stats' {@code POST /api/CrashSignature/}: {@code {"jobs": [crash_data, ...]}} in,
 * {@code {"results": [{"signature", "notes", "extra"}, ...]}} out, one result per job, in order,
 * with the statuses and error bodies Crash Stats gives (415 for a body that is not JSON, 400
 * {@code {"detail": "JSON parse error - ..."}}, 400 {@code {"error": "no jobs specified"}}).
 * Bounds of its own: 413 for a body over the size limit, 400 for too many jobs, and a time bound
 * after which the jobs not yet signed get an error result. A job that cannot be signed gets an
 * error result ({@code "signature": ""}, the reason as its one note and in {@code "error"}); the
 * others are signed as usual.
 */
final class CrashSignatureEndpoint extends Endpoint {
  /** The parser's note that it leaves the source out of locations, which says nothing to the client. */
  private final SignatureServer server;
  private final Consumer<String> log;

  CrashSignatureEndpoint(SignatureServer server, Consumer<String> log) {
    super("POST", Set.of("/api/CrashSignature/", "/api/CrashSignature"), Set.of("siglists"), log);
    this.server = server;
    this.log = log;
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query) throws IOException, HttpProblem {
    long start = System.nanoTime();
    SignatureServer.Choice choice = server.choose(query);
    ServeSettings settings = server.settings();
    requireJson(exchange.getRequestHeaders().getFirst("Content-Type"));
    JsonNode jobs = jobs(read(exchange, settings.maxBodyBytes()));
    if (jobs.size() > settings.maxJobs()) {
      throw HttpProblem.error(400, "too many jobs: " + jobs.size() + "; at most " + settings.maxJobs() + " per request");
    }
    long deadline = Math.min(start + settings.requestTimeout().toNanos(), server.hardStopNanos());
    ByteArrayOutputStream body = new ByteArrayOutputStream(256 + jobs.size() * 512);
    long failed = 0;
    try (JsonGenerator out = AsciiJson.COMPACT.createGenerator(body)) {
      out.writeStartObject();
      out.writeArrayFieldStart("results");
      for (int i = 0; i < jobs.size(); i++) {
        boolean stopping = server.hardStopNanos() - System.nanoTime() < 0;
        Engine.Signed signed;
        if (stopping || System.nanoTime() - deadline > 0) {
          if (stopping) {
            server.cutShort();
          }
          signed = Engine.Signed.failed("job " + (i + 1) + ": not signed: the request ran over its time bound of "
              + describe(settings.requestTimeout()) + ", or the server is stopping");
        } else {
          signed = sign(choice.engine(), jobs.get(i), i + 1);
        }
        if (signed.error() != null) {
          failed++;
        }
        write(signed, out);
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    server.counters().signatures.add(jobs.size() - failed);
    server.counters().failedJobs.add(failed);
    exchange.getResponseHeaders().set("Siggen-Siglists", choice.siglists().name());
    Replies.bytes(exchange, 200, body.toByteArray(), Replies.JSON_TYPE);
  }

  private static String describe(Duration bound) {
    return bound.toMillis() % 1000 == 0 ? bound.toSeconds() + " s" : bound.toMillis() + " ms";
  }

  /** As Django REST framework's JSON parser: a body of another media type is refused with 415. */
  private static void requireJson(String contentType) throws HttpProblem {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw HttpProblem.detail(415, "Unsupported media type \"" + (contentType == null ? "" : contentType)
          + "\" in request. (send Content-Type: application/json)");
    }
  }

  @Override
  boolean readsWholeBody() {
    return true;
  }

  /** The body, refused with 413 as soon as it says or turns out to be over the limit. */
  private static byte[] read(HttpExchange exchange, int limit) throws IOException, HttpProblem {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    HttpProblem tooLarge = HttpProblem.error(413, "the request body is larger than the limit of " + limit + " bytes");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > limit) {
          exchange.getResponseHeaders().set("Connection", "close");
          throw tooLarge;
        }
      } catch (NumberFormatException e) {
        throw HttpProblem.error(400, "the Content-Length header is not a number");
      }
    }
    byte[] body = exchange.getRequestBody() instanceof ReadAheadBody readAhead
        ? readAhead.bytes()
        : exchange.getRequestBody().readNBytes(limit + 1);
    if (body.length > limit) {
      exchange.getResponseHeaders().set("Connection", "close");
      throw tooLarge;
    }
    return body;
  }

  /** The jobs of a body, checked as Crash Stats checks them, with a one-line reason when refused. */
  private static JsonNode jobs(byte[] body) throws HttpProblem {
    if (body.length == 0) {
      throw HttpProblem.error(400, "no jobs specified");
    }
    JsonNode document;
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
      document = Engine.parse(text);
    } catch (CharacterCodingException e) {
      throw HttpProblem.detail(400, "JSON parse error - the body is not valid UTF-8");
    } catch (JsonProcessingException e) {
      throw HttpProblem.detail(400, "JSON parse error - " + CrashJson.problem(e));
    } catch (IOException e) {
      throw HttpProblem.detail(400, "JSON parse error - " + e.getMessage());
    }
    if (!document.isObject()) {
      throw HttpProblem.error(400, "the body must be a JSON object: {\"jobs\": [crash_data, ...]}");
    }
    JsonNode jobs = document.get("jobs");
    if (jobs == null || isFalsy(jobs)) {
      throw HttpProblem.error(400, "no jobs specified");
    }
    if (!jobs.isArray()) {
      throw HttpProblem.error(400, "jobs must be a list of crash data objects");
    }
    return jobs;
  }

  /** Python's truthiness, which {@code if not jobs} applies. */
  private static boolean isFalsy(JsonNode value) {
    return value.isNull()
        || (value.isBoolean() && !value.booleanValue())
        || (value.isNumber() && value.decimalValue().signum() == 0)
        || (value.isTextual() && value.textValue().isEmpty())
        || (value.isContainerNode() && value.isEmpty());
  }

  private Engine.Signed sign(Engine engine, JsonNode job, int number) {
    try {
      return engine.sign(job, "job " + number);
    } catch (RuntimeException e) {
      // A bug, not bad input: this job says so, the others are signed.
      log.accept("internal error signing job " + number + ": " + TerminalText.clean(e.toString()) + " (please report)");
      return Engine.Signed.failed("job " + number + ": internal error");
    }
  }

  private static void write(Engine.Signed signed, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("signature", signed.signature());
    writeStrings("notes", signed.notes(), out);
    out.writeObjectFieldStart("extra");
    if (signed.protoSignature() != null) {
      out.writeStringField("proto_signature", signed.protoSignature());
      writeStrings("normalized_frames", signed.normalizedFrames(), out);
    }
    out.writeEndObject();
    if (signed.error() != null) {
      out.writeStringField("error", signed.error());
    }
    out.writeEndObject();
  }

  private static void writeStrings(String field, List<String> values, JsonGenerator out) throws IOException {
    out.writeArrayFieldStart(field);
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }
}
