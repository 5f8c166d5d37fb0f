package org.siggendiff.attribution;

/**
 * A warning about a line the candidate adds. Warnings never change a signature or a status.
 *
 * @param line the added line (for {@link Kind#DUPLICATE}, the added copy)
 * @param kind what is wrong
 * @param other the existing line involved ({@link Kind#SHADOWED}, {@link Kind#REDUNDANT}, {@link
 *     Kind#DUPLICATE}, {@link Kind#CONFLICT}), or null
 * @param message the warning in words, naming both lines
 */
public record LintWarning(ChangedLine line, Kind kind, ListLine other, String message) {
  public enum Kind {
    /** Matched no frame of any crash observed: a typo, or no crash it should move was given. */
    MATCHES_NOTHING,
    /** An earlier line of the same file already matches every frame it matches. */
    SHADOWED,
    /**
     * Lines the baseline has too, one of them after it in the file, already match every frame it
     * matches, so it moves no crash by itself (shadowing's counterpart: order does not decide
     * whether a list holds a frame).
     */
    REDUNDANT,
    /**
     * A copy of a line above it in the same file, beyond the copies the baseline has: not an
     * added line (lines are compared by text), and no change.
     */
    DUPLICATE,
    /** The same text or frames are in a list whose role contradicts its own. */
    CONFLICT,
    /**
     * The line starts with a byte-order mark, which Socorro reads as part of the line (its lists
     * are read as plain UTF-8): a comment is no comment, a pattern must match the mark.
     */
    BYTE_ORDER_MARK
  }
}
