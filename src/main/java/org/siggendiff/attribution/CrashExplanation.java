package org.siggendiff.attribution;

/**
 * A crash explained on one or two sides.
 *
 * @param baseline the baseline's side, or null when only one source was asked for
 * @param candidate the candidate's side
 * @param cause why the signatures differ; null when they do not or there is one side
 */
public record CrashExplanation(SideExplanation baseline, SideExplanation candidate, Cause cause) {
  public boolean differs() {
    return baseline != null && !baseline.signature().equals(candidate.signature());
  }
}
