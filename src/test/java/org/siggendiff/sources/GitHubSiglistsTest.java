package org.siggendiff.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.testing.RawHttpServer;

class GitHubSiglistsTest {
  @Test
  @Timeout(30)
  void anEndlessAnswerIsCutAtTheLimitWithAClearError() throws Exception {
    byte[] chunk = ("4000\r\n" + "0".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    RawHttpServer.Handler endless = out -> {
      out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write(chunk);
      }
    };
    try (RawHttpServer raw = new RawHttpServer(endless)) {
      GitHubSiglists github = new GitHubSiglists(new OkHttpClient(), HttpUrl.get(raw.apiUrl()), "mozilla-services/socorro");
      SiglistSourceException e = assertThrows(SiglistSourceException.class, () -> github.resolve("main"));
      assertEquals(
          "github: mozilla-services/socorro: the answer for ref main is larger than the limit of 67108864 bytes (64 MiB)", e.getMessage());
    }
  }
}
