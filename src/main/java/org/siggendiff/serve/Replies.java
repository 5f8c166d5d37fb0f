package org.siggendiff.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import org.siggendiff.report.AsciiJson;

/** Writes whole JSON answers. Output is ASCII-only JSON, so crash text cannot reach a terminal that shows it. */
final class Replies {
  static final String JSON_TYPE = "application/json";

  private Replies() {}

  static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    bytes(exchange, status, AsciiJson.COMPACT.writeValueAsBytes(body), JSON_TYPE);
  }

  static void problem(HttpExchange exchange, HttpProblem problem) throws IOException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put(problem.key(), problem.getMessage());
    json(exchange, problem.status(), body);
  }

  /** The answer; to a HEAD, its headers alone (the JDK's server refuses a length then, and logs it). */
  static void bytes(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }
}
