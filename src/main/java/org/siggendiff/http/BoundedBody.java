package org.siggendiff.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Reads HTTP response bodies with a bound on their size, so that an endless body or a gzip bomb
 * fails one answer instead of the whole run with an OutOfMemoryError.
 */
public final class BoundedBody {
  private BoundedBody() {}

  /** The tag that gives a request its limit on the bytes that come off the wire. */
  public record Limit(long bytes) {}

  /** A body went over its limit; the message says which limit. */
  public static final class TooLargeException extends IOException {
    private final long limit;

    public TooLargeException(long limit) {
      super("the response is larger than the limit of " + describe(limit));
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  /** {@code 33554432 bytes (32 MiB)}: exact, and readable at a glance. */
  public static String describe(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return bytes + " bytes (" + (bytes >> 20) + " MiB)";
    }
    return bytes + " bytes";
  }

  /**
   * The whole body, decompressed as okhttp gives it.
   *
   * @throws TooLargeException when it says or turns out to be larger than {@code limit}
   */
  public static byte[] read(ResponseBody body, long limit) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.contentLength() > limit) {
      throw new TooLargeException(limit);
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (source.read(buffer, 64 * 1024) != -1) {
      if (buffer.size() > limit) {
        throw new TooLargeException(limit);
      }
    }
    return buffer.readByteArray();
  }

  /** At most the first {@code limit} bytes of the body as text, for error messages. */
  public static String prefix(ResponseBody body, long limit) throws IOException {
    if (body == null) {
      return "";
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    long read;
    do {
      read = source.read(buffer, limit - buffer.size());
    } while (read != -1 && buffer.size() < limit);
    return buffer.readString(StandardCharsets.UTF_8);
  }

  /**
   * A network interceptor that bounds the body as it comes off the wire, before any
   * decompression, by the request's {@link Limit} tag, if it has one.
   */
  public static Interceptor wireLimit() {
    return chain -> {
      Request request = chain.request();
      Response response = chain.proceed(request);
      Limit tag = request.tag(Limit.class);
      ResponseBody body = response.body();
      if (tag == null || body == null) {
        return response;
      }
      long limit = tag.bytes();
      BufferedSource capped =
          Okio.buffer(
              new ForwardingSource(body.source()) {
                private long seen;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                  long read = super.read(sink, byteCount);
                  if (read > 0) {
                    seen += read;
                    if (seen > limit) {
                      throw new TooLargeException(limit);
                    }
                  }
                  return read;
                }
              });
      return response.newBuilder().body(ResponseBody.create(capped, body.contentType(), body.contentLength())).build();
    };
  }
}
