package org.siggendiff.serve;

/**
 * A request the server refuses, as the status and JSON body the client gets. Crash Stats (Django
 * REST framework) words its parser's refusals as {@code {"detail": ...}} and the endpoint's own as
 * {@code {"error": ...}}; the same keys are used here, so clients that read them keep working.
 */
final class HttpProblem extends Exception {
  private static final long serialVersionUID = 1L;
  /** Messages quote client text (a parser's reason, a parameter); they stay one short line. */
  private static final int MAX_MESSAGE_CHARS = 300;

  private final int status;
  private final String key;

  private HttpProblem(int status, String key, String message) {
    super(oneLine(message), null, false, false);
    this.status = status;
    this.key = key;
  }

  static HttpProblem error(int status, String message) {
    return new HttpProblem(status, "error", message);
  }

  static HttpProblem detail(int status, String message) {
    return new HttpProblem(status, "detail", message);
  }

  int status() {
    return status;
  }

  String key() {
    return key;
  }

  static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n]+", " ").strip();
    return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "..." : line;
  }
}
