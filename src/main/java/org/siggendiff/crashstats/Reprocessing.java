package org.siggendiff.crashstats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import okhttp3.FormBody;
import okhttp3.HttpUrl;

/**
 * Sends crash IDs to Socorro's reprocessing queue ({@code POST Reprocessing/} with the form
 * field {@code crash_ids} repeated, as crashstats-tools' {@code reprocess} does), in batches of
 * 50 with a pause between them, as Socorro's own tooling does. Every ID ends up sent, failed or
 * not sent; none is sent again once the API has accepted it.
 */
public final class Reprocessing {
  public static final int BATCH_SIZE = 50;
  /** Above this many, Socorro's maintainers ask to be told first. */
  public static final int MANY = 10_000;

  private static final long SLEEP_STEP_MILLIS = 50;

  /** Told before each batch goes, on the calling thread. */
  @FunctionalInterface
  public interface Listener {
    void sending(int batch, int batches, List<CrashId> ids);
  }

  /**
   * What happened to every ID.
   *
   * @param failed IDs of batches the API answered with an error other than 403 or 429: they may
   *     or may not have been queued
   * @param notSent IDs never accepted: after a refusal, a rate limit that would not end, or a stop
   * @param problems why, one line per batch that did not go through
   * @param stopped why the rest were not sent, or null when every batch was tried
   */
  public record Outcome(List<CrashId> sent, List<CrashId> failed, List<CrashId> notSent, List<String> problems, String stopped) {
    public Outcome {
      sent = List.copyOf(sent);
      failed = List.copyOf(failed);
      notSent = List.copyOf(notSent);
      problems = List.copyOf(problems);
    }
  }

  private final CrashStatsClient client;
  private final HttpUrl endpoint;

  public Reprocessing(CrashStatsClient client) {
    this.client = client;
    this.endpoint = client.endpoint("Reprocessing");
  }

  public static int batches(int ids) {
    return (ids + BATCH_SIZE - 1) / BATCH_SIZE;
  }

  /** Sends the IDs; {@code stop} is checked before each batch and during the pauses. */
  public Outcome send(List<CrashId> ids, Duration pause, BooleanSupplier stop, Listener listener) throws InterruptedException {
    List<CrashId> sent = new ArrayList<>();
    List<CrashId> failed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int batches = batches(ids.size());
    for (int i = 0; i < batches; i++) {
      List<CrashId> batch = ids.subList(i * BATCH_SIZE, Math.min(ids.size(), (i + 1) * BATCH_SIZE));
      if (i > 0 && !sleep(pause, stop) || stop.getAsBoolean()) {
        return stopped(ids, i, sent, failed, problems, "interrupted");
      }
      listener.sending(i + 1, batches, batch);
      FormBody.Builder form = new FormBody.Builder();
      batch.forEach(id -> form.add("crash_ids", id.value()));
      CrashStatsClient.Exchange<Boolean> exchange = client.post(endpoint, form.build(), body -> true);
      String where = "batch " + (i + 1) + " of " + batches;
      if (exchange instanceof CrashStatsClient.Exchange.Ok<Boolean>) {
        sent.addAll(batch);
      } else if (exchange instanceof CrashStatsClient.Exchange.Refused<Boolean> refused) {
        // A 400 is about this batch (Socorro names the crash ID it rejects); the next may go.
        failed.addAll(batch);
        problems.add(where + ": rejected (HTTP " + refused.status() + ")");
      } else {
        String reason = reason(exchange);
        problems.add(where + ": " + reason);
        if (exchange instanceof CrashStatsClient.Exchange.GaveUp<Boolean> gaveUp && !gaveUp.rateLimited()) {
          // An error of the server after the request went: it may have queued the batch.
          failed.addAll(batch);
          return stopped(ids, i + 1, sent, failed, problems, reason);
        }
        return stopped(ids, i, sent, failed, problems, reason);
      }
    }
    return new Outcome(sent, failed, List.of(), problems, null);
  }

  private static Outcome stopped(List<CrashId> ids, int fromBatch, List<CrashId> sent, List<CrashId> failed, List<String> problems, String why) {
    List<CrashId> rest = ids.subList(Math.min(ids.size(), fromBatch * BATCH_SIZE), ids.size());
    return new Outcome(sent, failed, rest, problems, why);
  }

  private static String reason(CrashStatsClient.Exchange<Boolean> exchange) {
    if (exchange instanceof CrashStatsClient.Exchange.Denied<Boolean> denied) {
      return denied.reason() + " (reprocessing needs a token with the reprocess permission)";
    }
    if (exchange instanceof CrashStatsClient.Exchange.Stopped<Boolean> stopped) {
      return stopped.reason();
    }
    return ((CrashStatsClient.Exchange.GaveUp<Boolean>) exchange).reason();
  }

  /** Waits {@code pause} in short steps; false when asked to stop meanwhile. */
  private static boolean sleep(Duration pause, BooleanSupplier stop) throws InterruptedException {
    long end = System.nanoTime() + pause.toNanos();
    while (System.nanoTime() < end) {
      if (stop.getAsBoolean()) {
        return false;
      }
      Thread.sleep(Math.max(1, Math.min(SLEEP_STEP_MILLIS, (end - System.nanoTime()) / 1_000_000)));
    }
    return !stop.getAsBoolean();
  }
}
