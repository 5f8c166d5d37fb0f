package org.siggendiff.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void aRequestThatRunsOutOfStackIsAnswered500AndTheThreadServesTheNext() throws Exception {
    // The JDK's server reads its settings once, when first used, and SignatureServer sets them
    // as it loads: it must load first, or every later server in this JVM would miss them.
    Class.forName(SignatureServer.class.getName());
    List<String> log = new CopyOnWriteArrayList<>();
    Endpoint deep = new Endpoint("GET", Set.of("/deep"), Set.of(), log::add) {
      @Override
      void serve(HttpExchange exchange, Map<String, String> query) {
        throw new StackOverflowError();
      }
    };
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", deep);
    server.setExecutor(oneThread);
    server.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/deep");
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("internal error"), response.body());
      }
      assertEquals(2, log.size());
      assertTrue(log.get(0).startsWith("internal error on GET /deep: java.lang.StackOverflowError"), log.get(0));
    } finally {
      server.stop(0);
      oneThread.shutdownNow();
    }
  }
}
