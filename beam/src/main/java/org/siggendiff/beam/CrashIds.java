package org.siggendiff.beam;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Crash IDs as the CLI reads them ({@code crashstats.CrashId}, which is not part of the engine):
 * lowercase hex {@code 8-4-4-4-12} whose last six characters are a date {@code YYMMDD}, bare, as
 * {@code bp-<id>} or as a report URL. {@code CrashIdsTest} holds the two to the same answers.
 */
final class CrashIds {
  private static final int LENGTH = 36;
  private static final int DATE_AT = 30;
  private static final String REPORT_PATH = "/report/index/";

  private CrashIds() {}

  /** The crash ID the text names, or null when it names none. */
  static String parse(String text) {
    String candidate = text.strip();
    if (candidate.startsWith("https://") || candidate.startsWith("http://")) {
      candidate = fromReportUrl(candidate);
    } else if (candidate.startsWith("bp-")) {
      candidate = candidate.substring(3);
    }
    return candidate != null && isValid(candidate) ? candidate : null;
  }

  private static String fromReportUrl(String url) {
    int end = url.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = url.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String path = url.substring(0, end);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int at = path.lastIndexOf(REPORT_PATH);
    if (at < 0) {
      return null;
    }
    String id = path.substring(at + REPORT_PATH.length());
    return id.startsWith("bp-") ? id.substring(3) : id;
  }

  private static boolean isValid(String value) {
    if (value.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = value.charAt(i);
      boolean expected =
          i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
              : i >= DATE_AT ? c >= '0' && c <= '9'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!expected) {
        return false;
      }
    }
    try {
      LocalDate.of(2000 + twoDigits(value, DATE_AT), twoDigits(value, DATE_AT + 2), twoDigits(value, DATE_AT + 4));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static int twoDigits(String text, int at) {
    return (text.charAt(at) - '0') * 10 + (text.charAt(at + 1) - '0');
  }
}
