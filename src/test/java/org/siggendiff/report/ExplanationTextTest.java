package org.siggendiff.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.attribution.ExplainedFrame;
import org.siggendiff.attribution.FrameRole;
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
}
