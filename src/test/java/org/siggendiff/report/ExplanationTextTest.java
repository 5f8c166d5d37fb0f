package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.attribution.ChangedLine;
import org.siggendiff.attribution.ExplainedFrame;
import org.siggendiff.attribution.FrameRole;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.ListLine;
import org.siggendiff.siglist.SiglistKind;

class ExplanationTextTest {
  private static ExplainedFrame irrelevantBy(int fileLine, String lineText) {
    return new ExplainedFrame(0, "enum$<T>::", FrameRole.IRRELEVANT, false, false,
        List.of(new ListLine(SiglistKind.IRRELEVANT, fileLine - 1, fileLine, lineText)));
  }

  @Test
  void theSameRoleFromTheSameLineMovedDownItsFileIsNoChange() {
    assertFalse(ExplanationText.changed(irrelevantBy(67, "enum\\$<T>::"), irrelevantBy(69, "enum\\$<T>::")));
  }

  @Test
  void anotherRoleOrAFrameOnOneSideOnlyIsAChange() {
    ExplainedFrame end = new ExplainedFrame(0, "enum$<T>::", FrameRole.END, false, false, List.of());
    assertTrue(ExplanationText.changed(end, irrelevantBy(69, "enum\\$<T>::")));
    assertTrue(ExplanationText.changed(null, end));
    assertTrue(ExplanationText.changed(end, null));
  }

  @Test
  void oneAddedLineThatMatchesNothingKeepsItsOwnWarningAndSeveralShareOne() {
    LintWarning first = unmatched(new ChangedLine(SiglistKind.PREFIX, 8, ChangedLine.ADDED, "A::B"));
    LintWarning second = unmatched(new ChangedLine(SiglistKind.IRRELEVANT, 17, ChangedLine.ADDED, "C::D"));

    assertEquals(List.of("warning: prefix_signature_re.txt:8 matches no frame of the crashes given"), ExplanationText.warnings(List.of(first)));
    assertEquals(List.of("warning: 2 added lines match no frame of the crashes given: prefix_signature_re.txt:8, irrelevant_signature_re.txt:17"),
        ExplanationText.warnings(List.of(first, second)));
  }

  private static LintWarning unmatched(ChangedLine line) {
    return new LintWarning(line, LintWarning.Kind.MATCHES_NOTHING, null, line.location() + " matches no frame of the crashes given");
  }
}
