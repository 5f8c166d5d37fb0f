package org.siggendiff.crashstats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/**
 * A crash-ID search as asked for: the filters, the window and how many crashes, turned into a
 * Super Search query and checked against Super Search's limits; and the {@code query.json}
 * that says what a saved corpus covers. The problems name the option they are about.
 */
public final class CrashSearch {
  /** The longest window Super Search accepts. */
  public static final int MAX_DAYS = 365;
  /** How many crashes without --num or --sample. */
  public static final int DEFAULT_NUM = 100;

  /** A request that contradicts itself or that Super Search would refuse. */
  public static final class BadRequest extends Exception {
    public BadRequest(String message) {
      super(message);
    }
  }

  /**
   * The filters as given: the named options' values, {@code --filter FIELD=VALUE}, and the
   * filters of a Super Search URL (null when none).
   */
  public record Filters(
      List<String> products,
      List<String> channels,
      List<String> versions,
      List<String> platforms,
      List<String> signatureContains,
      List<String> signatureIs,
      List<String> protoSignatureContains,
      List<String> fieldFilters,
      String supersearchUrl) {}

  /** {@code --days N}, or {@code --from}/{@code --to}; each null when not given. */
  public record Window(Integer days, String from, String to) {}

  private CrashSearch() {}

  /** How many crashes to list: {@code --num N|all}, or {@code --sample N}; each null when not given. */
  public static int limit(String num, Integer sample) throws BadRequest {
    if (sample != null) {
      if (num != null) {
        throw new BadRequest("give --num or --sample, not both");
      }
      if (sample < 1 || sample > SuperSearch.MAX_RESULTS) {
        throw new BadRequest("--sample must be between 1 and " + SuperSearch.MAX_RESULTS);
      }
      return sample;
    }
    if (num == null) {
      return DEFAULT_NUM;
    }
    if (num.equals("all")) {
      return SuperSearch.MAX_RESULTS;
    }
    try {
      int value = Integer.parseInt(num);
      if (value >= 1 && value <= SuperSearch.MAX_RESULTS) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted forms.
    }
    throw new BadRequest(
        "--num must be between 1 and " + SuperSearch.MAX_RESULTS + ", or all (Super Search returns at most "
            + SuperSearch.MAX_RESULTS + " crashes of a query)");
  }

  /**
   * The query: the pasted URL's filters, then each option's field replaced by the options'
   * values, bounded to a window pinned at {@code now}.
   *
   * @param clean makes untrusted text safe to show in a message
   */
  public static SuperSearchQuery query(Filters filters, Window window, Instant now, UnaryOperator<String> clean)
      throws BadRequest {
    SuperSearchQuery query = SuperSearchQuery.empty();
    if (filters.supersearchUrl() != null) {
      try {
        query = SuperSearchQuery.fromUrl(filters.supersearchUrl());
      } catch (IllegalArgumentException e) {
        throw new BadRequest("--supersearch-url is " + e.getMessage());
      }
    }
    Map<String, List<String>> given = new LinkedHashMap<>();
    filters.products().forEach(value -> add(given, "product", value));
    filters.channels().forEach(value -> add(given, "release_channel", value));
    filters.versions().forEach(value -> add(given, "version", value));
    filters.platforms().forEach(value -> add(given, "platform", value));
    filters.signatureContains().forEach(value -> add(given, "signature", "~" + value));
    filters.signatureIs().forEach(value -> add(given, "signature", "=" + value));
    filters.protoSignatureContains().forEach(value -> add(given, "proto_signature", "~" + value));
    for (String filter : filters.fieldFilters()) {
      int equals = filter.indexOf('=');
      String field = equals < 0 ? "" : filter.substring(0, equals);
      if (!SuperSearchQuery.isFieldName(field) || equals == filter.length() - 1) {
        throw new BadRequest("--filter takes FIELD=VALUE with a Super Search field name, not " + clean.apply(filter));
      }
      add(given, field, filter.substring(equals + 1));
    }
    List<String> dates = window(window, now, clean);
    if (!dates.isEmpty()) {
      if (given.containsKey(SuperSearchQuery.DATE)) {
        throw new BadRequest("give the window once: --days, --from/--to or --filter date=...");
      }
      given.put(SuperSearchQuery.DATE, dates);
    }
    for (Map.Entry<String, List<String>> field : given.entrySet()) {
      query = query.replacing(field.getKey(), field.getValue());
    }
    return query.bounded(now);
  }

  private static void add(Map<String, List<String>> given, String field, String value) {
    given.computeIfAbsent(field, key -> new ArrayList<>()).add(value);
  }

  /** The date filters the window options give, checked against Super Search's limits. */
  private static List<String> window(Window window, Instant now, UnaryOperator<String> clean)
      throws BadRequest {
    if (window.days() != null) {
      if (window.from() != null || window.to() != null) {
        throw new BadRequest("give --days or --from/--to, not both");
      }
      if (window.days() < 1 || window.days() > MAX_DAYS) {
        throw new BadRequest("--days must be between 1 and " + MAX_DAYS);
      }
      return List.of(
          ">=" + SuperSearchQuery.formatDate(now.minus(Duration.ofDays(window.days()))), "<" + SuperSearchQuery.formatDate(now));
    }
    if (window.from() == null && window.to() == null) {
      return List.of();
    }
    Instant end = window.to() == null ? now : date("--to", window.to(), clean);
    Instant start = window.from() == null ? end.minus(SuperSearchQuery.DEFAULT_WINDOW) : date("--from", window.from(), clean);
    if (!start.isBefore(end)) {
      throw new BadRequest("--from must be before --to");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new BadRequest("the window is longer than Super Search's " + MAX_DAYS + " days");
    }
    return List.of(">=" + SuperSearchQuery.formatDate(start), "<" + SuperSearchQuery.formatDate(end));
  }

  private static Instant date(String option, String text, UnaryOperator<String> clean) throws BadRequest {
    Optional<Instant> date = SuperSearchQuery.parseDate(text);
    if (date.isEmpty()) {
      throw new BadRequest(option + " takes a date such as 2026-11-01 or 2026-11-01T12:00:00Z, not " + clean.apply(text));
    }
    return date.get();
  }

  /**
   * The {@code query.json} of a saved corpus: who saved it and when, the filters as sent, a
   * {@code search_url} to open the query in the browser, the resolved window, how the crashes
   * were chosen, and how many matched.
   *
   * @param sample the {@code --sample} size, or null when the newest were taken
   */
  public static ObjectNode savedQuery(
      String savedBy, HttpUrl apiUrl, SuperSearchQuery query, SuperSearch.Outcome outcome, Integer sample, int limit,
      int crashIds, Instant now) {
    ObjectNode description = JsonNodeFactory.instance.objectNode();
    description.put("saved_by", savedBy);
    description.put("created", SuperSearchQuery.formatDate(now));
    description.put("api_url", apiUrl.toString());
    HttpUrl.Builder page = apiUrl.newBuilder().encodedPath("/search/");
    ObjectNode filters = description.putObject("filters");
    for (Map.Entry<String, List<String>> field : query.byField().entrySet()) {
      ArrayNode values = filters.putArray(field.getKey());
      field.getValue().forEach(value -> {
        values.add(value);
        page.addQueryParameter(field.getKey(), value);
      });
    }
    description.put("search_url", page.build().toString());
    SuperSearchQuery.Window window = query.window();
    description.putObject("window").put("from", window.from()).put("to", window.to());
    ObjectNode selection = description.putObject("selection");
    if (sample != null) {
      selection.put("sample", sample).put("signatures", outcome.signatures());
    } else {
      selection.put("newest", limit);
    }
    description.put("matched", outcome.matched());
    description.put("crash_ids", crashIds);
    return description;
  }
}
