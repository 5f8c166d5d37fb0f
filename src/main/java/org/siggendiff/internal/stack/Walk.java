package org.siggendiff.internal.stack;

import java.util.List;

/**
 * A traced C signature walk over one thread: every normalized frame, and what the walk did with
 * it. Built only when someone asks why a signature is what it is; generation never builds one.
 *
 * @param frames the normalized frames, in order
 * @param start the index of the sentinel frame the walk started at, or -1 when none
 * @param signature the signature the walk produced, as {@link CSignatureTool#generate} gives it
 */
public record Walk(List<Step> frames, int start, String signature) {
  public Walk {
    frames = List.copyOf(frames);
  }

  /** What the walk did with a frame; explanations show it as {@link org.siggendiff.attribution.FrameRole}. */
  public enum Role {
    /** Before the sentinel the walk started at: only compared with the sentinels. */
    BEFORE_START,
    /** Normalized to the empty string: skipped. */
    EMPTY,
    /** Matched by the irrelevant list: skipped. */
    IRRELEVANT,
    /** A repeat of the frame just kept, of a module whose repeats count once: skipped. */
    MERGED,
    /** Matched by the prefix list: kept, and the walk went on. */
    PREFIX,
    /** Kept, and the walk stopped: the last frame of the signature. */
    END,
    /** After the frame the walk stopped at. */
    NOT_REACHED
  }

  /**
   * One normalized frame.
   *
   * @param index the 0-based index among the normalized frames (inline frames counted)
   * @param text the normalized text the lists other than the line-number list are tested on
   * @param lineNumberSubject the function text tested against the line-number list, or null for
   *     a frame without a function
   * @param withLineNumbers whether the line-number list matched, so the text ends with {@code :line}
   * @param sentinel whether the text is a sentinel (the walk starts at the first one)
   * @param role what the walk did with the frame
   */
  public record Step(
      int index, String text, String lineNumberSubject, boolean withLineNumbers, boolean sentinel, Role role) {}

  /** Whether the walk compared this frame's text with the irrelevant and prefix lists. */
  public static boolean classified(Role role) {
    return role == Role.IRRELEVANT || role == Role.MERGED || role == Role.PREFIX || role == Role.END;
  }
}
