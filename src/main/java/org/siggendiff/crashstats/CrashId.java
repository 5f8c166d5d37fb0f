package org.siggendiff.crashstats;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.siggendiff.crashdata.PythonJson;

/**
 * A validated Socorro crash ID: lowercase hex {@code 8-4-4-4-12} whose last six characters are
 * the submission date {@code YYMMDD}. Validation is what makes an ID safe to use as a file name.
 */
public record CrashId(String value) implements Comparable<CrashId> {
  /** {@code 8-4-4-4-12}: lowercase hex, the last six characters decimal digits. */
  private static final int LENGTH = 36;
  private static final int DATE_AT = 30;
  private static final String REPORT_PATH = "/report/index/";
  private static final int QUOTED_INPUT_LIMIT = 80;

  public CrashId {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a crash ID: " + quote(value));
    }
  }

  /**
   * Reads a crash ID as people paste it: bare, as {@code bp-<id>}, or as a report URL such as
   * {@code https://crash-stats.mozilla.org/report/index/<id>}; surrounding whitespace is ignored.
   *
   * @throws InvalidCrashIdException with a message that quotes the input safely
   */
  public static CrashId parse(String text) throws InvalidCrashIdException {
    String candidate = text.strip();
    if (candidate.startsWith("https://") || candidate.startsWith("http://")) {
      candidate = fromReportUrl(candidate);
    } else if (candidate.startsWith("bp-")) {
      candidate = candidate.substring(3);
    }
    if (candidate == null || !isValid(candidate)) {
      throw new InvalidCrashIdException("not a crash ID: " + quote(text.strip()));
    }
    return new CrashId(candidate);
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
    if (value == null || value.length() != LENGTH) {
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

  /** Crash text is untrusted: quoted Python-style so that no control character reaches a terminal. */
  private static String quote(String text) {
    if (text == null) {
      return "None";
    }
    String shown =
        text.codePointCount(0, text.length()) > QUOTED_INPUT_LIMIT
            ? text.substring(0, text.offsetByCodePoints(0, QUOTED_INPUT_LIMIT)) + "..."
            : text;
    return PythonJson.repr(shown);
  }

  @Override
  public int compareTo(CrashId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
