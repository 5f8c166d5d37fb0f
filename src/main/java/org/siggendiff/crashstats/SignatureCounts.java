package org.siggendiff.crashstats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.HttpUrl;

/**
 * How many crashes Crash Stats holds with each of some exact signatures in a window: Super
 * Search asked to count instead of list ({@code _results_number=0}, {@code _facets=signature}),
 * for a batch of signatures at once ({@code signature==<exact>} repeated, which ORs them). One
 * request per batch, through the client, so within its rate limit.
 */
public final class SignatureCounts {
  /** Signatures per request, and the most characters of them, so the URL stays well under server limits. */
  static final int MAX_BATCH = 50;

  static final int MAX_BATCH_CHARS = 4000;
  private static final String SIGNATURE = "signature";

  /**
   * The counts, and what could not be counted.
   *
   * @param from the window's start, as sent
   * @param to the window's end (exclusive), as sent
   * @param counts every signature counted, in the order asked, 0 for those Super Search has none of
   * @param notCounted the signatures of batches that failed
   * @param requests how many requests were sent
   * @param problem why some batches failed (the first reason), if any did
   */
  public record Result(
      int days, String from, String to, Map<String, Long> counts, List<String> notCounted, int requests,
      Optional<SuperSearch.Problem> problem) {
    public Result {
      counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
      notCounted = List.copyOf(notCounted);
    }

    public OptionalLong count(String signature) {
      Long count = counts.get(signature);
      return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }
  }

  private final CrashStatsClient client;
  private final HttpUrl endpoint;

  public SignatureCounts(CrashStatsClient client) {
    this.client = client;
    this.endpoint = client.endpoint("SuperSearch");
  }

  /** Counts each signature's crashes in the {@code days} before {@code now}; after a failure the other batches are still asked. */
  public Result count(List<String> signatures, Instant now, int days) throws InterruptedException {
    String from = SuperSearchQuery.formatDate(now.minus(Duration.ofDays(days)));
    String to = SuperSearchQuery.formatDate(now);
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> notCounted = new ArrayList<>();
    Optional<SuperSearch.Problem> problem = Optional.empty();
    int requests = 0;
    for (List<String> batch : batches(new ArrayList<>(new LinkedHashSet<>(signatures)))) {
      HttpUrl.Builder url = endpoint.newBuilder();
      batch.forEach(signature -> url.addQueryParameter(SIGNATURE, "=" + signature));
      url.addQueryParameter(SuperSearchQuery.DATE, ">=" + from)
          .addQueryParameter(SuperSearchQuery.DATE, "<" + to)
          .addQueryParameter("_results_number", "0")
          .addQueryParameter("_facets", SIGNATURE)
          .addQueryParameter("_facets_size", Integer.toString(batch.size()));
      requests++;
      CrashStatsClient.Exchange<SuperSearch.Answer> exchange = client.call(url.build(), SuperSearch.Answer::read);
      if (exchange instanceof CrashStatsClient.Exchange.Ok<SuperSearch.Answer> ok) {
        Map<String, Long> facet = new LinkedHashMap<>();
        ok.value().signatures().forEach(bucket -> facet.put(bucket.term(), bucket.count()));
        batch.forEach(signature -> counts.put(signature, facet.getOrDefault(signature, 0L)));
      } else {
        notCounted.addAll(batch);
        if (problem.isEmpty()) {
          problem = Optional.of(SuperSearch.problem(exchange));
        }
      }
    }
    return new Result(days, from, to, counts, notCounted, requests, problem);
  }

  /** At most {@link #MAX_BATCH} signatures and about {@link #MAX_BATCH_CHARS} characters each; a longer signature goes alone. */
  static List<List<String>> batches(List<String> signatures) {
    List<List<String>> batches = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    int chars = 0;
    for (String signature : signatures) {
      if (!batch.isEmpty() && (batch.size() == MAX_BATCH || chars + signature.length() > MAX_BATCH_CHARS)) {
        batches.add(batch);
        batch = new ArrayList<>();
        chars = 0;
      }
      batch.add(signature);
      chars += signature.length();
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }
}
