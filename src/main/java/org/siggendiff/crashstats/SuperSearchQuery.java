package org.siggendiff.crashstats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The filters of a Super Search query, as field and value pairs in the order given. Values keep
 * Super Search's operator prefixes ({@code ~} contains, {@code =} exact, {@code >=} and so on);
 * a repeated field ORs its values, different fields AND, and range values on one field make a
 * range.
 */
public record SuperSearchQuery(List<Filter> filters) {
  /** Super Search's default window when a query gives no lower date bound. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  public static final String DATE = "date";

  public record Filter(String field, String value) {}

  /** The bounds of a query's {@code date} filter, operators removed; null where there is none. */
  public record Window(String from, String to) {}

  public SuperSearchQuery {
    filters = List.copyOf(filters);
  }

  public static SuperSearchQuery empty() {
    return new SuperSearchQuery(List.of());
  }

  /**
   * The filters of a Super Search page or API URL as copied from a browser. Display and paging
   * options (parameters starting with {@code _}, and {@code page}) are left out: the search sets
   * its own. The host is ignored; the API URL decides where the query goes.
   *
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL
   */
  public static SuperSearchQuery fromUrl(String url) {
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < parsed.querySize(); i++) {
      String name = parsed.queryParameterName(i);
      String value = parsed.queryParameterValue(i);
      if (!name.startsWith("_") && !name.equals("page") && value != null && !value.isEmpty()) {
        filters.add(new Filter(name, value));
      }
    }
    return new SuperSearchQuery(filters);
  }

  /** Whether {@code field} could name a Super Search field (and is not a display option). */
  public static boolean isFieldName(String field) {
    return field.matches("[A-Za-z][A-Za-z0-9_.]*");
  }

  public List<String> values(String field) {
    return filters.stream().filter(filter -> filter.field().equals(field)).map(Filter::value).toList();
  }

  /** This query with {@code field}'s values replaced by {@code values} (appended at the end). */
  public SuperSearchQuery replacing(String field, List<String> values) {
    List<Filter> replaced = new ArrayList<>();
    for (Filter filter : filters) {
      if (!filter.field().equals(field)) {
        replaced.add(filter);
      }
    }
    for (String value : values) {
      replaced.add(new Filter(field, value));
    }
    return new SuperSearchQuery(replaced);
  }

  /** The filters grouped by field, fields in first-seen order: Super Search's own form. */
  public Map<String, List<String>> byField() {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (Filter filter : filters) {
      grouped.computeIfAbsent(filter.field(), field -> new ArrayList<>()).add(filter.value());
    }
    return grouped;
  }

  /**
   * This query with an explicit time window: a missing upper date bound becomes {@code now} and
   * a missing lower bound the upper one minus {@link #DEFAULT_WINDOW}, as Super Search defaults
   * them. Pinning the window keeps paging stable while new crashes arrive, and lets a saved query
   * say exactly what it covered.
   */
  public SuperSearchQuery bounded(Instant now) {
    Window window = window();
    List<Filter> bounded = new ArrayList<>(filters);
    Instant to = now;
    if (window.to() == null) {
      bounded.add(new Filter(DATE, "<" + formatDate(now)));
    } else {
      to = parseDate(window.to()).orElse(now);
    }
    if (window.from() == null) {
      bounded.add(new Filter(DATE, ">=" + formatDate(to.minus(DEFAULT_WINDOW))));
    }
    return new SuperSearchQuery(bounded);
  }

  /** The first lower and upper bounds of the {@code date} filter. */
  public Window window() {
    String from = null;
    String to = null;
    for (String value : values(DATE)) {
      if (from == null && value.startsWith(">")) {
        from = value.substring(value.startsWith(">=") ? 2 : 1);
      } else if (to == null && value.startsWith("<")) {
        to = value.substring(value.startsWith("<=") ? 2 : 1);
      }
    }
    return new Window(from, to);
  }

  /**
   * A date as Super Search and people write it: an ISO instant or date-time with an offset, or
   * a date-time or date without one, taken as UTC.
   */
  public static Optional<Instant> parseDate(String text) {
    String value = text.strip();
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      try {
        return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException notDateTime) {
        try {
          return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
          return Optional.empty();
        }
      }
    }
  }

  /** An instant as Super Search dates are written, to the second, in UTC. */
  public static String formatDate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
