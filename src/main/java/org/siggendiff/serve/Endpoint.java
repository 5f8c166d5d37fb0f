package org.siggendiff.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.siggendiff.report.TerminalText;

/**
 * One endpoint: its exact paths, its method and query parameters checked before it runs, and
 * whatever it throws turned into an answer. A bug answers 500 and is logged, escaped, without
 * the request's content; a client that went away is let go.
 */
abstract class Endpoint implements HttpHandler {
  private final String method;
  private final Set<String> paths;
  private final Set<String> parameters;
  private final Consumer<String> log;

  Endpoint(String method, Set<String> paths, Set<String> parameters, Consumer<String> log) {
    this.method = method;
    this.paths = paths;
    this.parameters = parameters;
    this.log = log;
  }

  /**
   * Whether a request's body is read whole before it is answered: such a body is read before
   * the request takes a worker, so that a client slow to send it holds no worker meanwhile.
   */
  boolean readsWholeBody() {
    return false;
  }

  /**
   * A body read before the request took a worker ({@link #readsWholeBody}), put in place of the
   * connection's stream: up to one byte past the limit. Its bytes are taken as they are, not
   * copied. (Not an exchange attribute: the JDK's server keeps those per context, shared by
   * every request on the path.)
   */
  static final class ReadAheadBody extends ByteArrayInputStream {
    ReadAheadBody(byte[] body) {
      super(body);
    }

    byte[] bytes() {
      return buf;
    }
  }

  /** Whether this endpoint answers the exchange's method and path, so that its body is worth reading. */
  boolean answers(HttpExchange exchange) {
    return method.equals(exchange.getRequestMethod()) && paths.contains(exchange.getRequestURI().getPath());
  }

  /** Answers the request; the method, path and parameters are already checked. */
  abstract void serve(HttpExchange exchange, Map<String, String> query) throws IOException, HttpProblem;

  @Override
  public final void handle(HttpExchange exchange) {
    try {
      try {
        if (!paths.contains(exchange.getRequestURI().getPath())) {
          throw HttpProblem.detail(404, "Not found.");
        }
        // HEAD is GET without the body, wherever GET is answered (RFC 9110).
        boolean head = method.equals("GET") && exchange.getRequestMethod().equals("HEAD");
        if (!method.equals(exchange.getRequestMethod()) && !head) {
          exchange.getResponseHeaders().set("Allow", method.equals("GET") ? "GET, HEAD" : method);
          throw HttpProblem.detail(405, "Method \"" + exchange.getRequestMethod() + "\" not allowed.");
        }
        serve(exchange, query(exchange.getRequestURI().getRawQuery()));
      } catch (HttpProblem problem) {
        if (exchange.getResponseCode() == -1) {
          Replies.problem(exchange, problem);
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        // One request's failure, even out of stack or memory (both given back as it unwinds),
        // is its own 500: the thread goes on serving, and the client is not left without a reply.
        log.accept("internal error on " + method + " " + exchange.getRequestURI().getPath() + ": " + TerminalText.clean(e.toString())
            + " (please report)");
        if (exchange.getResponseCode() == -1) {
          Replies.problem(exchange, HttpProblem.error(500, "internal error"));
        }
      }
    } catch (IOException e) {
      // The client went away or sent a broken request; nobody is left to answer.
    } finally {
      exchange.close();
    }
  }

  /** The query's parameters; one this endpoint does not know is refused, so a typo cannot pass for the default. */
  private Map<String, String> query(String raw) throws HttpProblem {
    Map<String, String> values = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw HttpProblem.error(400, "the query is not URL-encoded: " + e.getMessage());
      }
      if (!parameters.contains(name)) {
        throw HttpProblem.error(400, "unknown parameter '" + name + "'; "
            + (parameters.isEmpty() ? "this endpoint takes none" : "parameters: " + String.join(", ", new TreeSet<>(parameters))));
      }
      if (values.put(name, value) != null) {
        throw HttpProblem.error(400, "the parameter '" + name + "' is given twice");
      }
    }
    return values;
  }
}
