package org.siggendiff.attribution;

import java.util.List;

/**
 * A C signature walk over one thread, frame by frame.
 *
 * @param rule the rule that walked (SignatureGenerationRule, or SignatureRunWatchDog for thread 0)
 * @param thread the thread's index, as text
 * @param frames the normalized frames; empty when the walk failed
 * @param signature the signature the walk produced, before later rules; null when it failed
 * @param failure the Python error that stopped the walk, or null
 */
public record ExplainedWalk(String rule, String thread, List<ExplainedFrame> frames, String signature, String failure) {
  public ExplainedWalk {
    frames = List.copyOf(frames);
  }
}
