package org.siggendiff.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.siglist.SiglistSet;

/**
 * The normalized frames that the C signature tools of several siglist sets share: sets with
 * the same line-number list normalize every frame alike, so when the same crashes are signed
 * with each (a diff, a history of versions) each distinct frame is normalized once and its
 * memo entry is found where the set before left it. What the other lists say of a frame stays
 * each set's own ({@link NormalizedFrame} keeps it per side). The frame list last made on each
 * thread is shared too, for the next tool that asks for the same stack. Safe to use from many
 * threads.
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
  /**
   * The frame list each thread made last, and what from. A diff signs a crash on both sides,
   * and traces both for a crash that moved: four frame lists of one stack, one after the other
   * on one thread, which tools that share a normalizer would make alike. Known by identity: the
   * same crash object (whose JSON is never changed) and the same stack in it.
   */
  private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

  /** One thread's frame list made last, and what from. */
  static final class Recent {
    private CrashData crash;
    private JsonNode thread;
    private FrameNormalizer normalizer;
    private boolean lowercaseModules;
    private FrameList frames;

    /** The list, if it was made from this very stack of this crash by this normalizer; else null. */
    FrameList of(CrashData crash, JsonNode thread, boolean lowercaseModules, FrameNormalizer normalizer) {
      return this.crash == crash && this.thread == thread && this.lowercaseModules == lowercaseModules && this.normalizer == normalizer
          ? frames
          : null;
    }

    /** Keeps {@code frames} as the list made last. */
    void keep(CrashData crash, JsonNode thread, boolean lowercaseModules, FrameNormalizer normalizer, FrameList frames) {
      this.crash = crash;
      this.thread = thread;
      this.lowercaseModules = lowercaseModules;
      this.normalizer = normalizer;
      this.frames = frames;
    }
  }

  /** A side of the latest normalizer when it is for the same line-number list and has sides left, else of a new one. */
  synchronized Side join(SiglistSet siglists) {
    if (latest == null || sidesTaken == NormalizedFrame.MAX_SIDES || !latest.normalizesAs(siglists.lineNumbers())) {
      latest = new FrameNormalizer(siglists.lineNumbers());
      sidesTaken = 0;
    }
    return new Side(latest, sidesTaken++);
  }

  /** The frame list the calling thread made last. */
  Recent recent() {
    return recent.get();
  }
}
