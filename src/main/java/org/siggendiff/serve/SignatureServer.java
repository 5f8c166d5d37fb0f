package org.siggendiff.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Signatures over HTTP: Crash Stats' {@code POST /api/CrashSignature/}, {@code POST /signify}
 * (the {@code signify --jsonl} contract, streamed), {@code GET /health} and {@code GET /siglists}.
 *
 * <p>Built on the JDK's own server ({@code com.sun.net.httpserver}): HTTP/1.1 with keep-alive, a
 * thread pool of our choosing, and no dependency to add. That server reads a request's line and
 * headers on the thread that will run it, blocking: each connection gets a thread of its own
 * for that, so that a few clients slow to send their headers cannot hold up the others, and a
 * request then runs once it holds one of {@link ServeSettings#threads} worker places. Past
 * {@link ServeSettings#maxWaiting} requests waiting for a place, or past that many connections
 * beyond the workers', more are answered 503 at once. A stop turns new requests away with 503,
 * lets those in flight finish (a batch still signing past half the drain time gives its
 * remaining jobs an error result, so that it still answers whole), then closes every connection.
 */
public final class SignatureServer implements AutoCloseable {
  /** A siglist set as requests choose it, with the engine built from it. */
  record Choice(ServedSiglists siglists, Engine engine) {}

  /** What the server has done, for {@code /health}. */
  static final class Counters {
    final LongAdder requests = new LongAdder();
    final LongAdder signatures = new LongAdder();
    final LongAdder failedJobs = new LongAdder();
  }

  static {
    // The JDK's server reads its settings once, from system properties, when it is first used;
    // an operator's own -D wins. Without TCP_NODELAY, a body written after its headers waits for
    // the client's delayed ACK (40 ms) under Nagle's algorithm: that alone set the latency of
    // small requests. A client gets 30 s to send its request line and headers, so that idle
    // half-open connections cannot pile up (the body is read, bounded, by the endpoints).
    defaultProperty("sun.net.httpserver.nodelay", "true");
    defaultProperty("sun.net.httpserver.maxReqTime", "30");
  }

  /** Bodies read ahead of a worker are read, and their memory counted, this much at a time. */
  private static final int BODY_CHUNK = 64 << 10;

  private final ServeSettings settings;
  private final List<Choice> choices = new ArrayList<>();
  private final Consumer<String> log;
  private final HttpServer server;
  /** A thread for each connection whose request is read or run, up to the workers and the waiting bound. */
  private final ThreadPoolExecutor connections;
  /** The worker places: a request runs while it holds one. */
  private final Semaphore workers;
  private final AtomicInteger waiting = new AtomicInteger();
  /**
   * The memory for whole bodies read ahead of a worker, in chunks: as much as the workers could
   * hold at once, so that reading ahead takes no more than running did.
   */
  private final Semaphore bodyChunks;
  /**
   * Answers the requests the connections' full pool turns away: the JDK's server parses a
   * request only on the thread that runs it, so a 503 needs a thread too. Past its own small queue, a
   * request's connection is closed unanswered, as a full accept backlog would leave it.
   */
  private final ThreadPoolExecutor turnAway;
  private final ThreadLocal<Boolean> turningAway = ThreadLocal.withInitial(() -> false);
  private final Counters counters = new Counters();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;
  private volatile boolean cutShort;
  private volatile long hardStopNanos = Long.MAX_VALUE;

  /**
   * Binds the address; call {@link #start} to answer.
   *
   * @param siglists the sets requests choose from; the first is the default
   * @param log where internal errors and shutdown lines go; never given crash text
   */
  public SignatureServer(ServeSettings settings, List<ServedSiglists> siglists, Consumer<String> log) throws IOException {
    if (siglists.isEmpty()) {
      throw new IllegalArgumentException("no siglists to serve");
    }
    this.settings = settings;
    this.log = log;
    for (ServedSiglists served : siglists) {
      choices.add(new Choice(served, new Engine(served.siglists())));
    }
    this.server = HttpServer.create(settings.address(), 0);
    AtomicInteger threadNumber = new AtomicInteger();
    ThreadFactory threads = task -> {
      Thread thread = new Thread(task, "siggen-diff-serve-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.turnAway = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), threads);
    this.workers = new Semaphore(settings.threads(), true);
    this.bodyChunks = new Semaphore(settings.threads() * chunks(settings.maxBodyBytes() + 1L));
    this.connections = new ThreadPoolExecutor(settings.threads(), settings.threads() + settings.maxWaiting(), 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), threads,
        (request, full) -> turnAway.execute(() -> {
          turningAway.set(true);
          try {
            request.run();
          } finally {
            turningAway.set(false);
          }
        }));
    server.setExecutor(connections);
    Filter admission = new Admission();
    add("/api/CrashSignature", new CrashSignatureEndpoint(this, log), admission);
    add("/signify", new SignifyEndpoint(this, log), admission);
    add("/health", new InfoEndpoint(Set.of("/health"), log, this::health), admission);
    add("/siglists", new InfoEndpoint(Set.of("/siglists"), log, this::siglists), admission);
    add("/", InfoEndpoint.notFound(log), admission);
  }

  private static int chunks(long bytes) {
    return (int) Math.min(Integer.MAX_VALUE / 1024, (bytes + BODY_CHUNK - 1) / BODY_CHUNK);
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  private void add(String path, Endpoint endpoint, Filter admission) {
    HttpContext context = server.createContext(path, endpoint);
    context.getFilters().add(admission);
  }

  public void start() {
    server.start();
  }

  /** Where the server listens, with the port it got when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  ServeSettings settings() {
    return settings;
  }

  Counters counters() {
    return counters;
  }

  /** The siglist set a request asked for with {@code ?siglists=NAME}, else the first. */
  Choice choose(Map<String, String> query) throws HttpProblem {
    String name = query.get("siglists");
    if (name == null) {
      return choices.get(0);
    }
    for (Choice choice : choices) {
      if (choice.siglists().name().equals(name)) {
        return choice;
      }
    }
    throw HttpProblem.error(400, "unknown siglists '" + name + "'; loaded: " + String.join(", ", names()));
  }

  private List<String> names() {
    return choices.stream().map(choice -> choice.siglists().name()).toList();
  }

  /** The time (System.nanoTime) after which no request starts signing another crash: set by a stop. */
  long hardStopNanos() {
    return hardStopNanos;
  }

  /** Says that a stop ended a request before all its work was done. */
  void cutShort() {
    cutShort = true;
  }

  /**
   * Stops: turns new requests away, waits up to the drain timeout for those in flight, then
   * closes every connection.
   *
   * @return whether every request in flight finished all its work
   */
  public boolean stop() throws InterruptedException {
    long start = System.nanoTime();
    long drainNanos = settings.drainTimeout().toNanos();
    draining = true;
    hardStopNanos = start + drainNanos / 2;
    // Wakes every request waiting for a worker or for body memory, to be turned away: there
    // are at most as many as connections.
    workers.release(settings.threads() + settings.maxWaiting());
    bodyChunks.release(settings.threads() + settings.maxWaiting());
    // A request still in the workers' queue, or just taken from it, has not reached the
    // admission count: it is waited for too, and turned away with a 503, not dropped unanswered.
    while (busy() && System.nanoTime() - start < drainNanos) {
      Thread.sleep(5);
    }
    boolean drained = !busy() && !cutShort;
    server.stop(0);
    connections.shutdownNow();
    turnAway.shutdownNow();
    connections.awaitTermination(1, TimeUnit.SECONDS);
    turnAway.awaitTermination(1, TimeUnit.SECONDS);
    return drained;
  }

  /** How many requests wait for a worker now. */
  int waitingRequests() {
    return waiting.get();
  }

  /**
   * Whether requests are waiting or running. A connection still sending its headers is not a
   * request yet: a stop does not wait for it, and closes it.
   */
  private boolean busy() {
    return inFlight.get() > 0 || !turnAway.getQueue().isEmpty() || turnAway.getActiveCount() > 0;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private ObjectNode health() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("status", "ok");
    ArrayNode names = body.putArray("siglists");
    names().forEach(names::add);
    body.put("requests", counters.requests.sum());
    body.put("signatures", counters.signatures.sum());
    body.put("failed_jobs", counters.failedJobs.sum());
    return body;
  }

  private ObjectNode siglists() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("default", choices.get(0).siglists().name());
    ArrayNode list = body.putArray("siglists");
    for (Choice choice : choices) {
      ServedSiglists served = choice.siglists();
      ObjectNode item = list.addObject();
      item.put("name", served.name());
      item.put("source", served.source());
      if (served.commit().isPresent()) {
        item.put("commit", served.commit().get());
      } else {
        item.putNull("commit");
      }
      item.put("loaded_at", served.loadedAt().toString());
    }
    return body;
  }

  /** Counts requests in flight, and turns new ones away once a stop has begun. */
  private final class Admission extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      inFlight.incrementAndGet();
      int chunksHeld = 0;
      try {
        if (draining || turningAway.get()) {
          turnAway(exchange);
          return;
        }
        if (exchange.getHttpContext().getHandler() instanceof Endpoint endpoint && endpoint.readsWholeBody() && endpoint.answers(exchange)) {
          chunksHeld = readBodyAhead(exchange);
          if (chunksHeld < 0) {
            turnAway(exchange);
            return;
          }
        }
        if (!takeWorker()) {
          turnAway(exchange);
          return;
        }
        try {
          counters.requests.increment();
          chain.doFilter(exchange);
        } finally {
          workers.release();
        }
      } finally {
        bodyChunks.release(Math.max(chunksHeld, 0));
        inFlight.decrementAndGet();
      }
    }

    /**
     * Reads up to one byte past the body limit into memory and gives the endpoint that instead
     * of the connection, each chunk counted against the memory for bodies before it is read.
     * A body that says it is over the limit, or whose length is no number, is left to the
     * endpoint to refuse unread.
     *
     * @return the chunks of memory held, to give back once the request is done; -1 when a stop
     *     began while waiting for memory
     */
    private int readBodyAhead(HttpExchange exchange) throws IOException {
      long limit = settings.maxBodyBytes();
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      if (length != null) {
        try {
          if (Long.parseLong(length.strip()) > limit) {
            return 0;
          }
        } catch (NumberFormatException e) {
          return 0;
        }
      }
      InputStream in = exchange.getRequestBody();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] chunk = new byte[BODY_CHUNK];
      int held = 0;
      try {
        while (body.size() <= limit) {
          if (!takeBodyChunk()) {
            bodyChunks.release(held);
            return -1;
          }
          held++;
          int wanted = (int) Math.min(BODY_CHUNK, limit + 1 - body.size());
          int read = in.readNBytes(chunk, 0, wanted);
          body.write(chunk, 0, read);
          if (read < wanted) {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        bodyChunks.release(held);
        throw e;
      }
      exchange.setStreams(new ByteArrayInputStream(body.toByteArray()), null);
      return held;
    }

    private boolean takeBodyChunk() throws IOException {
      return takeUnlessStopping(bodyChunks);
    }

    /**
     * Waits for a worker place, in turn: false when too many wait already, or a stop began
     * meanwhile.
     */
    private boolean takeWorker() throws IOException {
      // tryAcquire() takes a free place even from those already waiting: only when none wait.
      if (workers.availablePermits() > 0 && !workers.hasQueuedThreads() && workers.tryAcquire()) {
        return true;
      }
      if (waiting.incrementAndGet() > settings.maxWaiting()) {
        waiting.decrementAndGet();
        return false;
      }
      try {
        return takeUnlessStopping(workers);
      } finally {
        waiting.decrementAndGet();
      }
    }

    /** Takes a permit, waiting in turn: false when a stop began meanwhile (a stop wakes every waiter). */
    private boolean takeUnlessStopping(Semaphore permits) throws IOException {
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting to run", e);
      }
      if (draining) {
        permits.release();
        return false;
      }
      return true;
    }

    private void turnAway(HttpExchange exchange) throws IOException {
      exchange.getResponseHeaders().set("Connection", "close");
      if (!draining) {
        exchange.getResponseHeaders().set("Retry-After", "1");
      }
      try {
        Replies.problem(exchange, HttpProblem.error(503, draining
            ? "the server is shutting down"
            : "the server is busy: " + settings.maxWaiting() + " requests are waiting for a worker; try again"));
      } finally {
        exchange.close();
      }
    }

    @Override
    public String description() {
      return "counts requests in flight and refuses new ones while stopping or too busy";
    }
  }
}
