package org.siggendiff.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A GET answering a JSON document about the server; or the 404 for every path no endpoint has. */
final class InfoEndpoint extends Endpoint {
  private final Supplier<ObjectNode> body;

  InfoEndpoint(Set<String> paths, Consumer<String> log, Supplier<ObjectNode> body) {
    super("GET", paths, Set.of(), log);
    this.body = body;
  }

  /** Answers 404 for its every path, before a body would be asked for. */
  static InfoEndpoint notFound(Consumer<String> log) {
    return new InfoEndpoint(Set.of(), log, () -> {
      throw new IllegalStateException("no path reaches the not-found endpoint");
    });
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query) throws IOException {
    Replies.json(exchange, 200, body.get());
  }
}
