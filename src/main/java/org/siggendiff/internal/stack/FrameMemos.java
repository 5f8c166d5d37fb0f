package org.siggendiff.internal.stack;

import org.siggendiff.siglist.SiglistSet;

/**
 * The normalized frames that the C signature tools of several siglist sets share: sets with
 * the same line-number list normalize every frame alike, so when the same crashes are signed
 * with each (a diff, a history of versions) each distinct frame is normalized once and its
 * memo entry is found where the set before left it. What the other lists say of a frame stays
 * each set's own ({@link NormalizedFrame} keeps it per side). Safe to use from many threads.
 */
public final class FrameMemos {
  /** A normalizer and the side of it that one siglist set's tool uses. */
  record Side(FrameNormalizer normalizer, int index) {}

  /**
   * The normalizer last made, and how many sides it has handed out (a side is never handed out
   * twice). Only the last is kept: sets come in order, and one made for an older line-number
   * list lives only as long as the tools that use it.
   */
  private FrameNormalizer latest;
  private int sidesTaken;

  /** A side of the latest normalizer when it is for the same line-number list and has sides left, else of a new one. */
  synchronized Side join(SiglistSet siglists) {
    if (latest == null || sidesTaken == NormalizedFrame.MAX_SIDES || !latest.normalizesAs(siglists.lineNumbers())) {
      latest = new FrameNormalizer(siglists.lineNumbers());
      sidesTaken = 0;
    }
    return new Side(latest, sidesTaken++);
  }
}
