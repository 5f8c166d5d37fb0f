package org.siggendiff.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.diff.BoundedLineReader;

/**
 * {@code POST /signify}: the {@code signify --jsonl} contract over HTTP for bulk clients. JSON Lines
 * in (crash data, or processed crashes with {@code ?processed=true}), one output line per input
 * line, in order, streamed both ways so that memory does not grow with the input. A line over
 * the body limit, not UTF-8 or not a JSON object gives its {@code {"error": "line N: ..."}} line
 * and the stream goes on. A stop ends the answer after the line being signed.
 */
final class SignifyEndpoint extends Endpoint {
  private final SignatureServer server;

  SignifyEndpoint(SignatureServer server, Consumer<String> log) {
    super("POST", Set.of("/signify"), Set.of("siglists", "processed"), log);
    this.server = server;
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query) throws IOException, HttpProblem {
    SignatureServer.Choice choice = server.choose(query);
    boolean processed = flag("processed", query.get("processed"));
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    exchange.getResponseHeaders().set("Siggen-Siglists", choice.siglists().name());
    exchange.sendResponseHeaders(200, 0);
    long signed = 0;
    long failed = 0;
    try (Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8), 1 << 16);
        BoundedLineReader lines =
            new BoundedLineReader(new FlushingWhenIdle(exchange.getRequestBody(), out, server), server.settings().maxBodyBytes())) {
      BoundedLineReader.Line line;
      while (true) {
        if (server.hardStopNanos() - System.nanoTime() <= 0) {
          // The client may have more lines; it learns where to resume from the lines it got.
          server.cutShort();
          break;
        }
        line = lines.next();
        if (line == null) {
          break;
        }
        boolean lineFailed;
        String problem = line.problem() != null ? line.problem() : CrashJson.utf8Problem(line.bytes());
        if (problem != null) {
          Engine.failLine(line.number(), problem, out);
          lineFailed = true;
        } else {
          lineFailed = choice.engine().signLine(line.number(), line.bytes(), processed, out);
        }
        if (lineFailed) {
          failed++;
        } else {
          signed++;
        }
      }
    } finally {
      server.counters().signatures.add(signed);
      server.counters().failedJobs.add(failed);
    }
  }

  private static boolean flag(String name, String value) throws HttpProblem {
    if (value == null || value.equals("0") || value.equals("false")) {
      return false;
    }
    if (value.isEmpty() || value.equals("1") || value.equals("true")) {
      return true;
    }
    throw HttpProblem.error(400, name + " must be true or false, not '" + value + "'");
  }

  /**
   * The request body, flushing the answer before a read that would wait for the client, and
   * letting go of the request's worker place for that wait: results reach a client that sends
   * line by line as soon as they exist, a client that sends in bulk gets them in large chunks,
   * and a client slow to send holds no worker.
   */
  private static final class FlushingWhenIdle extends FilterInputStream {
    private final Writer out;
    private final SignatureServer server;

    FlushingWhenIdle(InputStream in, Writer out, SignatureServer server) {
      super(in);
      this.out = out;
      this.server = server;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (in.available() > 0) {
        return in.read(buffer, offset, length);
      }
      out.flush();
      return server.whileWaitingForTheClient(() -> in.read(buffer, offset, length));
    }
  }
}
