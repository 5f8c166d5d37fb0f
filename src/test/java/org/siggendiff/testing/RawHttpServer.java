package org.siggendiff.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that answers every request with what a handler writes to the raw
 * socket: for answers WireMock cannot give, such as a body that never ends. Each connection
 * gets one answer and is then closed.
 */
public final class RawHttpServer implements AutoCloseable {
  /** Writes a whole HTTP answer, status line included. */
  @FunctionalInterface
  public interface Handler {
    void answer(OutputStream out) throws IOException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger requests = new AtomicInteger();

  public RawHttpServer(Handler handler) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          Thread server = new Thread(() -> serve(connection, handler), "raw-http-connection");
          server.setDaemon(true);
          server.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "raw-http-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Socket connection, Handler handler) {
    try (connection) {
      InputStream in = connection.getInputStream();
      // Reads the request head, up to the blank line.
      int matched = 0;
      byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
      }
      requests.incrementAndGet();
      handler.answer(connection.getOutputStream());
    } catch (IOException e) {
      // The client hung up, which is what tests of limits expect it to do.
    }
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/api/";
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
