package org.siggendiff.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
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
 * request then runs once it holds one of {@link ServeSettings#threads} worker places, which a
 * {@code /signify} stream lets go of while it waits for its client to send more. A
 * CrashSignature body is read before that, its whole size reserved first from memory for
 * workers x {@link ServeSettings#maxBodyBytes}. Past {@link ServeSettings#maxWaiting} requests
 * waiting for a place, past that many connections beyond the workers', or when the memory for
 * bodies is in use, more are answered 503 at once. A stop turns new requests away with 503,
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
   * The memory for whole bodies read ahead of a worker, in KiB: what the workers could hold at
   * once. A body reserves its whole size before it is read, so that no reader holds part of it
   * while it waits for the rest; past the bound a request is answered 503.
   */
  private final Semaphore bodyMemory;
  /**
   * Answers the requests the connections' full pool turns away: the JDK's server parses a
   * request only on the thread that runs it, so a 503 needs a thread too. Past its own small queue, a
   * request's connection is closed unanswered, as a full accept backlog would leave it.
   */
  private final ThreadPoolExecutor turnAway;
  private final ThreadLocal<Boolean> turningAway = ThreadLocal.withInitial(() -> false);
  /** Whether the request this thread runs holds its worker place now: it lets go of it while it waits for its client. */
  private final ThreadLocal<boolean[]> holdsWorker = ThreadLocal.withInitial(() -> new boolean[1]);
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
    this.bodyMemory = new Semaphore((int) Math.min(Integer.MAX_VALUE, settings.threads() * kib(settings.maxBodyBytes() + 1L)));
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

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
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
    // Wakes every request waiting for a worker, to be turned away: there are at most as many as
    // connections.
    workers.release(settings.threads() + settings.maxWaiting());
    // Requests woken from their wait, and those the full pool turned away, are waited for too:
    // each is answered 503, not dropped unanswered.
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

  /** A read from the client that may wait for it, or the time it takes. */
  @FunctionalInterface
  interface ClientRead {
    int read() throws IOException;
  }

  /**
   * Runs a read that may wait for the client without the worker place the request holds, and
   * takes a place again, in turn, before going on: a client that is slow to send its next line
   * holds no worker meanwhile. Only for the thread running a request.
   */
  int whileWaitingForTheClient(ClientRead read) throws IOException {
    boolean[] holds = holdsWorker.get();
    if (holds[0]) {
      holds[0] = false;
      workers.release();
    }
    try {
      return read.read();
    } finally {
      try {
        // Admitted already: no waiting bound, and a stop's released places let it finish.
        workers.acquire();
        holds[0] = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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

  /** Counts requests in flight, and turns new ones away once a stop has begun or when too busy. */
  private final class Admission extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      inFlight.incrementAndGet();
      int heldKib = 0;
      try {
        if (draining || turningAway.get()) {
          turnAway(exchange, busy());
          return;
        }
        if (exchange.getHttpContext().getHandler() instanceof Endpoint endpoint && endpoint.readsWholeBody() && endpoint.answers(exchange)) {
          String length = exchange.getRequestHeaders().getFirst("Content-Length");
          long size = bodySizeToRead(length);
          if (size > 0) {
            if (!bodyMemory.tryAcquire((int) kib(size))) {
              turnAway(exchange, "the server is busy: the memory for request bodies is in use; try again");
              return;
            }
            heldKib = (int) kib(size);
            readBodyAhead(exchange, size, length != null);
          }
        }
        if (!takeWorker()) {
          turnAway(exchange, busy());
          return;
        }
        boolean[] holds = holdsWorker.get();
        holds[0] = true;
        try {
          counters.requests.increment();
          chain.doFilter(exchange);
        } finally {
          if (holds[0]) {
            holds[0] = false;
            workers.release();
          }
        }
      } finally {
        bodyMemory.release(heldKib);
        inFlight.decrementAndGet();
      }
    }

    private String busy() {
      return "the server is busy: " + settings.maxWaiting() + " requests are waiting for a worker; try again";
    }

    /**
     * How many bytes to read ahead: the body's length, or one past the limit when it does not
     * say (chunked); 0 when it says it is over the limit or its length is no number, which the
     * endpoint refuses unread.
     */
    private long bodySizeToRead(String length) {
      if (length == null) {
        return settings.maxBodyBytes() + 1L;
      }
      try {
        long said = Long.parseLong(length.strip());
        return said <= settings.maxBodyBytes() ? said : 0;
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    /**
     * Reads up to {@code size} bytes of the body and puts them in place of the connection's
     * stream ({@link Endpoint.ReadAheadBody}): into an array of the length the body said, or, for a
     * body that did not say, as the JDK reads one of unknown length (up to twice its size
     * while it grows).
     */
    private void readBodyAhead(HttpExchange exchange, long size, boolean sized) throws IOException {
      InputStream in = exchange.getRequestBody();
      byte[] body;
      if (sized) {
        body = new byte[(int) size];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
          // The client stopped short of what it said: the endpoint judges what came.
          body = Arrays.copyOf(body, read);
        }
      } else {
        body = in.readNBytes((int) size);
      }
      exchange.setStreams(new Endpoint.ReadAheadBody(body), null);
    }

    /** Waits for a worker place, in turn: false when too many wait already, or a stop began meanwhile. */
    private boolean takeWorker() throws IOException {
      // tryAcquire() takes a free place even from those already waiting: only when none wait.
      if (workers.availablePermits() > 0 && !workers.hasQueuedThreads() && workers.tryAcquire()) {
        return keepUnlessStopping();
      }
      if (waiting.incrementAndGet() > settings.maxWaiting()) {
        waiting.decrementAndGet();
        return false;
      }
      try {
        workers.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for a worker", e);
      } finally {
        waiting.decrementAndGet();
      }
      return keepUnlessStopping();
    }

    /** Keeps the worker place just taken, unless a stop began (which wakes every waiter): then gives it back. */
    private boolean keepUnlessStopping() {
      if (draining) {
        workers.release();
        return false;
      }
      return true;
    }

    private void turnAway(HttpExchange exchange, String busy) throws IOException {
      exchange.getResponseHeaders().set("Connection", "close");
      if (!draining) {
        exchange.getResponseHeaders().set("Retry-After", "1");
      }
      try {
        Replies.problem(exchange, HttpProblem.error(503, draining ? "the server is shutting down" : busy));
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
