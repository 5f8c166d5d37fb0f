package org.siggendiff.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A GET answering a JSON document about the server; with no paths, the 404 for every unknown path. */
final class InfoEndpoint extends Endpoint {
  private final Supplier<ObjectNode> body;

  InfoEndpoint(Set<String> paths, Consumer<String> log, Supplier<ObjectNode> body) {
    super("GET", paths, Set.of(), log);
    this.body = body;
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query) throws IOException {
    Replies.json(exchange, 200, body.get());
  }
}
