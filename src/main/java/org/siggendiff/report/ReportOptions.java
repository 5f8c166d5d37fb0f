package org.siggendiff.report;

/**
 * What shapes a report beyond its rows.
 *
 * @param verbose adds debug lines (and notes, where the format does not always have them)
 * @param rawCsv leaves CSV cells that look like formulas as they are, for programs
 * @param differentOnly only changed crashes are given as rows, so a {@code same} column says nothing
 * @param links where crash IDs link to
 * @param maxChars the Markdown report's length limit, in UTF-16 code units (at least GitHub's count)
 * @param explanations how many changed crashes the HTML report shows stacks for
 */
public record ReportOptions(boolean verbose, boolean rawCsv, boolean differentOnly, ReportLinks links, int maxChars, int explanations) {
  /** GitHub refuses comments over 65,536 characters; a little room is left for a line of one's own. */
  public static final int DEFAULT_MAX_CHARS = 65_000;
  public static final int MIN_MAX_CHARS = 5_000;
  public static final int DEFAULT_EXPLANATIONS = 2_000;

  public static ReportOptions defaults() {
    return new ReportOptions(false, false, false, ReportLinks.crashStats(), DEFAULT_MAX_CHARS, DEFAULT_EXPLANATIONS);
  }
}
