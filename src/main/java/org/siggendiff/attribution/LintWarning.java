package org.siggendiff.attribution;

/**
 * A warning about a line the candidate adds, or about a list it empties. Warnings never change a
 * signature or a status.
 *
 * @param line the added line (for {@link Kind#DUPLICATE}, the copy; for {@link Kind#EMPTY_LIST},
 *     the list's last line, which the candidate removes)
 * @param kind what is wrong
 * @param other the first existing line the message names ({@link Kind#SHADOWED}, {@link
 *     Kind#REDUNDANT}, {@link Kind#DUPLICATE}, {@link Kind#CONFLICT}), or null
 * @param message the warning in words, naming the lines
 */
public record LintWarning(ChangedLine line, Kind kind, ListLine other, String message) {
  public enum Kind {
    /** Matched no frame of any crash observed: a typo, or no crash it should move was given. */
    MATCHES_NOTHING,
    /** Earlier lines of the same file, which the baseline has too, are first to match every frame it matches. */
    SHADOWED,
    /**
     * Lines the baseline has too match every frame it matches, though not each as the first
     * line to (that is {@link #SHADOWED}): a list holds a frame or not, whichever line matches
     * it first, so it moves no crash by itself.
     */
    REDUNDANT,
    /**
     * A copy of a line in the same file beyond the copies the baseline has (the later one):
     * not an added line, since lines are compared by text, and no change.
     */
    DUPLICATE,
    /**
     * A sentinel that matched no frame and reads like a regular expression: sentinels are
     * compared with whole frames, as text.
     */
    SENTINEL_PATTERN,
    /**
     * It repeats a group that itself repeats or alternates ({@code (a+)+}), so that the repeats
     * may split a frame more than one way: Python's re can take exponential time on a frame it
     * nearly matches, where Java's may answer at once.
     */
    NESTED_REPEAT,
    /** The same text or frames are in a list whose role contradicts its own. */
    CONFLICT,
    /**
     * The line starts with a byte-order mark, which Socorro reads as part of the line (its lists
     * are read as plain UTF-8): a comment is no comment, a pattern must match the mark.
     */
    BYTE_ORDER_MARK,
    /**
     * The candidate removes every line of a list: Socorro joins no lines into an empty pattern,
     * which matches every frame.
     */
    EMPTY_LIST
  }
}
