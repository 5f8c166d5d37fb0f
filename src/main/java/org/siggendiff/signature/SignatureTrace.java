package org.siggendiff.signature;

import java.util.List;
import org.siggendiff.internal.stack.Walk;

/**
 * A signature generated with a record of how: each rule that ran, and each C signature walk
 * the pipeline made.
 *
 * @param result the result, exactly as {@link SignatureGenerator#generate} gives it
 * @param steps the rules whose predicate held, in pipeline order
 * @param walks the C signature walks: the crashing thread's, then thread 0's when
 *     SignatureRunWatchDog regenerated the signature from it; none for a Java crash
 */
public record SignatureTrace(SignatureResult result, List<RuleStep> steps, List<ThreadWalk> walks) {
  public SignatureTrace {
    steps = List.copyOf(steps);
    walks = List.copyOf(walks);
  }

  /**
   * One rule that ran.
   *
   * @param rule the rule's name
   * @param before the signature before it ran
   * @param after the signature after it ran
   * @param failure the Python error it raised, recorded in the notes, or null
   */
  public record RuleStep(String rule, String before, String after, String failure) {
    public boolean changed() {
      return !before.equals(after);
    }
  }

  /**
   * A traced walk.
   *
   * @param rule the rule that made it (SignatureGenerationRule or SignatureRunWatchDog)
   * @param thread the index of the thread walked, as text
   * @param walk the walk, or null when it raised: an implementation type, read by the engine's
   *     attribution, which shows it as {@code ExplainedWalk}; not API
   * @param failure the Python error that stopped it, or null
   */
  public record ThreadWalk(String rule, String thread, Walk walk, String failure) {}
}
