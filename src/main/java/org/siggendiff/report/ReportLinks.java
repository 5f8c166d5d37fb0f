package org.siggendiff.report;

import java.util.Optional;
import okhttp3.HttpUrl;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.crashstats.InvalidCrashIdException;

/**
 * Where a crash's report page is: a base URL the crash ID is appended to. Only http(s) bases are
 * accepted, and only a valid crash ID is ever appended, so a link can carry neither a script
 * URL nor crash text.
 */
public final class ReportLinks {
  /** Crash Stats' own report page, the default for the default API. */
  public static final String CRASH_STATS = "https://crash-stats.mozilla.org/report/index/";

  /** Made without parsing {@link #CRASH_STATS}, which is known good: see {@link #crashStats}. */
  private static final ReportLinks CRASH_STATS_PAGES = new ReportLinks(CRASH_STATS);

  private final String base;

  private ReportLinks(String base) {
    this.base = base;
  }

  /**
   * A base URL such as {@code https://crash-stats.mozilla.org/report/index/}; one ending in
   * neither {@code /} nor {@code =} gets a {@code /}.
   *
   * @throws IllegalArgumentException when it is not an http(s) URL
   */
  public static ReportLinks of(String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException("--report-url must be an http(s) URL");
    }
    String text = parsed.toString();
    if (parsed.fragment() != null) {
      throw new IllegalArgumentException("--report-url cannot have a #fragment: the crash ID is appended to it");
    }
    if (!text.endsWith("/") && !text.endsWith("=")) {
      text += "/";
    }
    return new ReportLinks(inert(text));
  }

  /**
   * Crash Stats' own report pages, {@link #CRASH_STATS}: made without parsing a URL, since
   * parsing a host name loads the JDK's IDN tables, which cost every diff's start-up as much as
   * loading a siglist set.
   */
  public static ReportLinks crashStats() {
    return CRASH_STATS_PAGES;
  }

  /** The report page of the host of an API URL: {@code https://host/api/} gives {@code https://host/report/index/}. */
  public static ReportLinks forApi(String apiUrl) {
    if (apiUrl != null && (apiUrl.equals(CrashStatsClient.DEFAULT_API_URL) || apiUrl.equals(CrashStatsClient.DEFAULT_API_URL + "/"))) {
      return crashStats();
    }
    HttpUrl parsed = apiUrl == null ? null : HttpUrl.parse(apiUrl.strip());
    if (parsed == null) {
      return crashStats();
    }
    return of(parsed.newBuilder().encodedPath("/report/index/").query(null).fragment(null).build().toString());
  }

  /** The base, as links start. */
  public String base() {
    return base;
  }

  /** The link of a crash; empty when the text is not a valid crash ID. */
  public Optional<String> link(String crashId) {
    if (crashId == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(base + CrashId.parse(crashId).value());
    } catch (InvalidCrashIdException e) {
      return Optional.empty();
    }
  }

  /**
   * Percent-encodes what HttpUrl may leave in a URL but Markdown or HTML would read:
   * parentheses and brackets end a Markdown link, quotes and angle brackets an attribute.
   */
  private static String inert(String url) {
    StringBuilder sb = new StringBuilder(url.length());
    for (char c : url.toCharArray()) {
      switch (c) {
        case '(', ')', '[', ']', '<', '>', '"', '\'', '\\', '`', ' ', '|', '*', '_', '~', '!', '@' -> sb.append('%').append(String.format("%02X", (int) c));
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
