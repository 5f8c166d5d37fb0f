package org.siggendiff.serve;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes whole JSON answers. Output is ASCII-only JSON, so crash text cannot reach a terminal that shows it. */
final class Replies {
  static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  static final String JSON_TYPE = "application/json";

  private Replies() {}

  static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    bytes(exchange, status, JSON.writeValueAsBytes(body), JSON_TYPE);
  }

  static void problem(HttpExchange exchange, HttpProblem problem) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put(problem.key(), problem.getMessage());
    json(exchange, problem.status(), body);
  }

  static void bytes(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
