package org.siggendiff.crashstats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.PythonJson;
import org.siggendiff.pipeline.OrderedParallelMap;

/**
 * Crash IDs from Super Search: the newest matches of a query, page by page, or a sample spread
 * over the distinct signatures the query matches. Requests go through the client, so they share
 * its rate limit, retries and token handling.
 */
public final class SuperSearch {
  /** The most hits Super Search returns in one page. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** The most hits of one query: offset plus page size may not go beyond it. */
  public static final int MAX_RESULTS = 10_000;

  private static final String SIGNATURE = "signature";
  private static final int QUOTED_LIMIT = 300;
  private static final int INVALID_EXAMPLES = 5;

  /** Told about the search as it goes, always on the thread that runs it. */
  public interface Listener {
    /** How many crashes the query matches, and how many of them the search will try to return. */
    void planned(long matched, int planned);

    void found(CrashId id);
  }

  /** Why the search stopped short. */
  public record Problem(Kind kind, String message) {
    public enum Kind {
      /** Super Search refused the query itself (HTTP 400): a usage error. */
      REJECTED,
      DENIED,
      FAILED,
      /** The client stopped every request, and said why on its status line already. */
      STOPPED
    }
  }

  /**
   * What the search did.
   *
   * @param matched crashes the query matches (-1 when the first answer never came)
   * @param found crash IDs handed to the listener
   * @param signatures distinct signatures a sample was spread over; 0 for the newest crashes
   * @param duplicates hits skipped because an earlier page had them
   * @param invalid hits whose {@code uuid} is not a crash ID
   * @param invalidExamples a few of them, quoted
   */
  public record Outcome(
      long matched, int found, int signatures, int duplicates, int invalid, List<String> invalidExamples, Optional<Problem> problem) {}

  private final CrashStatsClient client;
  private final HttpUrl endpoint;

  public SuperSearch(CrashStatsClient client) {
    this.client = client;
    this.endpoint = client.endpoint("SuperSearch");
  }

  /** The newest {@code limit} crashes the query matches, at most {@link #MAX_RESULTS}. */
  public Outcome newest(SuperSearchQuery query, int limit, Listener listener) throws InterruptedException {
    Collector collector = new Collector(listener);
    Pages pages = pages(query, Math.min(limit, MAX_RESULTS), collector::planned, collector::add);
    return collector.outcome(pages.total(), 0, pages.problem());
  }

  /**
   * About {@code size} crashes spread evenly over the signatures the query matches, biggest
   * signatures first: each gets an equal share, and the share of a signature with fewer crashes
   * goes to the others. Each signature's share is its newest crashes.
   */
  public Outcome sample(SuperSearchQuery query, int size, Listener listener) throws InterruptedException {
    Collector collector = new Collector(listener);
    HttpUrl facetUrl =
        url(query)
            .addQueryParameter("_results_number", "0")
            .addQueryParameter("_facets", SIGNATURE)
            .addQueryParameter("_facets_size", Integer.toString(Math.min(size, MAX_RESULTS)))
            .build();
    CrashStatsClient.Exchange<Answer> facet = client.call(facetUrl, Answer::read);
    if (!(facet instanceof CrashStatsClient.Exchange.Ok<Answer> ok)) {
      return collector.outcome(-1, 0, Optional.of(problem(facet)));
    }
    List<Share> shares = shares(ok.value().signatures(), size);
    collector.planned(ok.value().total(), shares.stream().mapToInt(Share::size).sum());
    List<Problem> problems = new ArrayList<>();
    // After a 403 the client answers every later call as denied without a request.
    int threads = Math.max(1, client.maxConcurrentRequests());
    new OrderedParallelMap<Share, Pages>(share -> sharePages(query, share), threads, threads * 2)
        .run(
            shares.iterator(),
            pages -> {
              pages.ids().forEach(collector::add);
              pages.problem().ifPresent(problems::add);
            });
    Optional<Problem> problem =
        problems.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Problem(
                    problems.get(0).kind(),
                    problems.size() + " of " + shares.size() + " signatures could not be searched: " + problems.get(0).message()));
    return collector.outcome(ok.value().total(), shares.size(), problem);
  }

  private Pages sharePages(SuperSearchQuery query, Share share) {
    try {
      List<String> ids = new ArrayList<>();
      Pages pages = pages(query.replacing(SIGNATURE, List.of("=" + share.signature())), share.size(), (matched, planned) -> {}, ids::add);
      return new Pages(pages.total(), ids, pages.problem());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Pages(-1, List.of(), Optional.of(new Problem(Problem.Kind.FAILED, "interrupted")));
    }
  }

  /** One signature's share of a sample. */
  record Share(String signature, int size) {}

  /** Hands out {@code size} crashes one per signature per round, skipping full signatures. */
  static List<Share> shares(List<Bucket> buckets, int size) {
    int[] shares = new int[buckets.size()];
    int left = size;
    boolean gave = true;
    while (left > 0 && gave) {
      gave = false;
      for (int i = 0; i < buckets.size() && left > 0; i++) {
        if (shares[i] < buckets.get(i).count()) {
          shares[i]++;
          left--;
          gave = true;
        }
      }
    }
    List<Share> result = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      if (shares[i] > 0) {
        result.add(new Share(buckets.get(i).term(), shares[i]));
      }
    }
    return result;
  }

  /** A term of the signature facet and how many crashes have it. */
  record Bucket(String term, long count) {}

  /** The total a query matched, the hits of a share, and the problem that ended the paging. */
  private record Pages(long total, List<String> ids, Optional<Problem> problem) {}

  /** Up to {@code limit} newest hits, one page after another, each hit handed to {@code hits}. */
  private Pages pages(SuperSearchQuery query, int limit, PlanListener plan, Consumer<String> hits)
      throws InterruptedException {
    long total = -1;
    int wanted = limit;
    int offset = 0;
    while (offset < wanted) {
      int pageSize = Math.min(MAX_PAGE_SIZE, wanted - offset);
      HttpUrl pageUrl =
          url(query)
              .addQueryParameter("_columns", "uuid")
              .addQueryParameter("_sort", "-date")
              .addQueryParameter("_results_number", Integer.toString(pageSize))
              .addQueryParameter("_results_offset", Integer.toString(offset))
              .build();
      CrashStatsClient.Exchange<Answer> exchange = client.call(pageUrl, Answer::read);
      if (!(exchange instanceof CrashStatsClient.Exchange.Ok<Answer> ok)) {
        return new Pages(total, List.of(), Optional.of(problem(exchange)));
      }
      Answer answer = ok.value();
      if (total < 0) {
        total = answer.total();
        wanted = (int) Math.min(wanted, total);
        plan.planned(total, wanted);
      }
      answer.uuids().forEach(hits);
      if (answer.uuids().isEmpty()) {
        break;
      }
      offset += pageSize;
    }
    return new Pages(total, List.of(), Optional.empty());
  }

  @FunctionalInterface
  private interface PlanListener {
    void planned(long matched, int planned);
  }

  private HttpUrl.Builder url(SuperSearchQuery query) {
    HttpUrl.Builder builder = endpoint.newBuilder();
    for (SuperSearchQuery.Filter filter : query.filters()) {
      builder.addQueryParameter(filter.field(), filter.value());
    }
    return builder;
  }

  static Problem problem(CrashStatsClient.Exchange<Answer> exchange) {
    if (exchange instanceof CrashStatsClient.Exchange.Refused<Answer> refused) {
      if (refused.status() == 400) {
        return new Problem(Problem.Kind.REJECTED, "Super Search rejected the query (HTTP 400)" + said(refused.body()));
      }
      return new Problem(Problem.Kind.FAILED, "unexpected answer HTTP " + refused.status() + said(refused.body()));
    }
    if (exchange instanceof CrashStatsClient.Exchange.Denied<Answer> denied) {
      return new Problem(Problem.Kind.DENIED, denied.reason());
    }
    if (exchange instanceof CrashStatsClient.Exchange.Stopped<Answer> stopped) {
      return new Problem(Problem.Kind.STOPPED, stopped.reason());
    }
    return new Problem(Problem.Kind.FAILED, ((CrashStatsClient.Exchange.GaveUp<Answer>) exchange).reason());
  }

  /**
   * What an error body says: Socorro answers a bad query with {@code {"errors": {field:
   * [messages]}}} or {@code {"error": message}}.
   */
  private static String said(String body) {
    JsonNode json;
    try {
      json = CrashJson.parse(body);
    } catch (IOException e) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    JsonNode errors = json.path("errors");
    if (errors.isObject()) {
      for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) errors::fields) {
        parts.add(field.getKey() + ": " + texts(field.getValue()));
      }
    } else if (!errors.isMissingNode()) {
      parts.add(texts(errors));
    }
    if (json.path("error").isTextual()) {
      parts.add(json.path("error").textValue());
    }
    String text = String.join("; ", parts);
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > QUOTED_LIMIT ? text.substring(0, QUOTED_LIMIT) + "..." : text);
  }

  private static String texts(JsonNode node) {
    if (node.isArray()) {
      List<String> texts = new ArrayList<>();
      node.forEach(item -> texts.add(texts(item)));
      return String.join(", ", texts);
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  /** One Super Search answer: the total, the hits' crash IDs as given, and the signature facet. */
  record Answer(long total, List<String> uuids, List<Bucket> signatures) {
    static Answer read(byte[] body) throws IOException {
      JsonNode json;
      try {
        json = CrashJson.mapper().readTree(body);
      } catch (IOException e) {
        throw new IOException("response is not JSON");
      }
      JsonNode hits = json.path("hits");
      if (!json.path("total").canConvertToLong() || !hits.isArray()) {
        throw new IOException("response is not a Super Search answer (no total and hits)");
      }
      List<String> uuids = new ArrayList<>(hits.size());
      for (JsonNode hit : hits) {
        JsonNode uuid = hit.path("uuid");
        uuids.add(uuid.isTextual() ? uuid.textValue() : hit.toString());
      }
      List<Bucket> buckets = new ArrayList<>();
      for (JsonNode bucket : json.path("facets").path(SIGNATURE)) {
        if (bucket.path("term").isTextual() && bucket.path("count").canConvertToLong()) {
          buckets.add(new Bucket(bucket.path("term").textValue(), bucket.path("count").longValue()));
        }
      }
      return new Answer(json.path("total").longValue(), uuids, buckets);
    }
  }

  /** Validates and deduplicates hits, and tells the listener, on the calling thread. */
  private static final class Collector {
    private final Listener listener;
    private final Set<CrashId> seen = new HashSet<>();
    private final List<String> invalidExamples = new ArrayList<>();
    private int duplicates;
    private int invalid;

    Collector(Listener listener) {
      this.listener = listener;
    }

    void planned(long matched, int planned) {
      listener.planned(matched, planned);
    }

    void add(String uuid) {
      CrashId id;
      try {
        id = CrashId.parse(uuid);
      } catch (InvalidCrashIdException e) {
        invalid++;
        if (invalidExamples.size() < INVALID_EXAMPLES) {
          invalidExamples.add(PythonJson.repr(uuid.length() > 80 ? uuid.substring(0, 80) + "..." : uuid));
        }
        return;
      }
      if (seen.add(id)) {
        listener.found(id);
      } else {
        duplicates++;
      }
    }

    Outcome outcome(long matched, int signatures, Optional<Problem> problem) {
      return new Outcome(matched, seen.size(), signatures, duplicates, invalid, List.copyOf(invalidExamples), problem);
    }
  }
}
