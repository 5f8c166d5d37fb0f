package org.siggendiff.attribution;

import java.util.List;
import org.siggendiff.signature.SignatureTrace;

/**
 * How one side signed a crash.
 *
 * @param source the side's source as reports name it
 * @param signature the final signature
 * @param walks the C signature walks; none for {@code production} or a Java crash
 * @param rules the rules that ran, each with the signature before and after it; none for
 *     {@code production}
 * @param notes the notes of the result
 * @param debugLog the debug log of the result
 */
public record SideExplanation(
    String source,
    String signature,
    List<ExplainedWalk> walks,
    List<SignatureTrace.RuleStep> rules,
    List<String> notes,
    List<String> debugLog) {
  public SideExplanation {
    walks = List.copyOf(walks);
    rules = List.copyOf(rules);
    notes = List.copyOf(notes);
    debugLog = List.copyOf(debugLog);
  }

  /** The rules after the first that changed the signature (OOM, abort message, shutdown hang...). */
  public List<SignatureTrace.RuleStep> rulesAfterWalk() {
    return rules.isEmpty() ? List.of() : rules.subList(1, rules.size()).stream().filter(SignatureTrace.RuleStep::changed).toList();
  }
}
