package org.siggendiff.attribution;

import org.siggendiff.internal.stack.Walk;

/** What the C signature walk did with a frame, as an explanation shows it. */
public enum FrameRole {
  /** Before the sentinel the walk started at: only compared with the sentinels. */
  BEFORE_START("before the sentinel"),
  /** Normalized to the empty string: skipped. */
  EMPTY("empty"),
  /** Matched by the irrelevant list: skipped. */
  IRRELEVANT("irrelevant"),
  /** A repeat of the frame just kept, of a module whose repeats count once: skipped. */
  MERGED("merged repeat"),
  /** Matched by the prefix list: kept, and the walk went on. */
  PREFIX("prefix"),
  /** Kept, and the walk stopped: the last frame of the signature. */
  END("signature end"),
  /** After the frame the walk stopped at. */
  NOT_REACHED("not reached");

  private final String text;

  FrameRole(String text) {
    this.text = text;
  }

  /** The role in words, such as {@code merged repeat}. */
  public String text() {
    return text;
  }

  /** The role the walk's own record gave a frame. */
  static FrameRole of(Walk.Role role) {
    return switch (role) {
      case BEFORE_START -> BEFORE_START;
      case EMPTY -> EMPTY;
      case IRRELEVANT -> IRRELEVANT;
      case MERGED -> MERGED;
      case PREFIX -> PREFIX;
      case END -> END;
      case NOT_REACHED -> NOT_REACHED;
    };
  }
}
