package org.siggendiff.attribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;

class SiglistLinesTest {
  @TempDir Path folder;

  private SiglistSet irrelevant(String lines) throws Exception {
    Path dir = Files.createDirectories(folder.resolve("set"));
    Files.writeString(dir.resolve("irrelevant_signature_re.txt"), lines);
    Files.writeString(dir.resolve("prefix_signature_re.txt"), "Other\n");
    Files.writeString(dir.resolve("signature_sentinels.txt"), "");
    Files.writeString(dir.resolve("signatures_with_line_numbers_re.txt"), "None$\n");
    return SiglistLoader.load(dir, "set");
  }

  @Test
  void aLineThatRefersToGroupsIsTestedInItsListWithinABudgetOfEarlierLinesAndAloneBeyondIt() throws Exception {
    SiglistSet set = irrelevant("(x)\n(?:(q)\\1)?A\n(?:(q)\\1)?B\n");
    // Line 2 carries line 1 (4 characters); line 3 would carry lines 1 and 2 (16), past what is left of 10.
    SiglistLines budgeted = new SiglistLines(set, 10);
    ListLine a = budgeted.lines(SiglistKind.IRRELEVANT).get(1);
    ListLine b = budgeted.lines(SiglistKind.IRRELEVANT).get(2);

    // In the list, \1 is the first line's group, which never takes part when a later line is tried.
    assertTrue(budgeted.matches(a, "A"));
    assertFalse(budgeted.matches(a, "qqA"));
    assertFalse(new SiglistLines(set).matches(b, "qqB"));
    // Past the budget a line is tested alone, where \1 is its own group.
    assertTrue(budgeted.matches(b, "qqB"));
  }
}
