package org.siggendiff.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.siglist.SiglistKind;

/**
 * The copies of a siglist line that a candidate adds. Lines are compared by text, so a copy of a
 * line is no change, and would go unmentioned. Which copies are the new ones is what a line diff
 * of the two files says (the lines outside their longest common sequence), so that a copy put
 * above the old line is the one named.
 */
final class DuplicateLines {
  /** Past this many pairs of lines a list's diff is not worked out, and the last copies are taken as the new ones. */
  private static final long MAX_DIFF_CELLS = 4_000_000;

  private DuplicateLines() {}

  /** A warning for each copy beyond those the baseline has. */
  static List<LintWarning> of(SiglistChange change) {
    List<LintWarning> warnings = new ArrayList<>();
    for (SiglistKind kind : SiglistKind.values()) {
      // Where lines act on one another when joined, a copy renumbers the groups after it.
      String effect = change.baseline().interacts(kind) || change.candidate().interacts(kind)
          ? "a copy matches nothing new, but renumbers the groups after it, which a backreference of this list may count"
          : "a copy of a line changes nothing";
      of(change.baseline().lines(kind), change.candidate().lines(kind), effect, warnings);
    }
    return warnings;
  }

  private static void of(List<ListLine> baseline, List<ListLine> candidate, String effect, List<LintWarning> warnings) {
    Map<String, Integer> before = new HashMap<>();
    baseline.forEach(line -> before.merge(line.text(), 1, Integer::sum));
    Map<String, List<ListLine>> copies = new LinkedHashMap<>();
    candidate.forEach(line -> copies.computeIfAbsent(line.text(), text -> new ArrayList<>()).add(line));
    copies.values().removeIf(same -> same.size() <= Math.max(1, before.getOrDefault(same.get(0).text(), 0)));
    if (copies.isEmpty()) {
      return;
    }
    boolean[] common = (long) baseline.size() * candidate.size() <= MAX_DIFF_CELLS ? common(baseline, candidate) : null;
    for (List<ListLine> same : copies.values()) {
      int old = before.getOrDefault(same.get(0).text(), 0);
      List<ListLine> fresh = new ArrayList<>();
      for (ListLine copy : same) {
        if (common == null || !common[copy.index()]) {
          fresh.add(copy);
        }
      }
      if (old == 0 || common == null) {
        // The first copy is the line added, or the old one.
        fresh.remove(same.get(0));
      }
      int extra = same.size() - Math.max(1, old);
      for (ListLine copy : fresh.subList(fresh.size() - extra, fresh.size())) {
        ListLine original = same.stream().filter(other -> !fresh.contains(other)).findFirst().orElse(same.get(0));
        ChangedLine changed = ChangedLine.of(copy, ChangedLine.ADDED);
        warnings.add(new LintWarning(changed, LintWarning.Kind.DUPLICATE, original,
            changed.location() + " duplicates " + original.location() + ": " + effect));
      }
    }
  }

  /** Which candidate lines are in a longest sequence of texts the two lists have in common, by index. */
  private static boolean[] common(List<ListLine> baseline, List<ListLine> candidate) {
    int n = baseline.size();
    int m = candidate.size();
    int[][] longest = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        longest[i][j] = baseline.get(i).text().equals(candidate.get(j).text())
            ? longest[i + 1][j + 1] + 1
            : Math.max(longest[i + 1][j], longest[i][j + 1]);
      }
    }
    boolean[] common = new boolean[m];
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (baseline.get(i).text().equals(candidate.get(j).text())) {
        common[j] = true;
        i++;
        j++;
      } else if (longest[i + 1][j] >= longest[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return common;
  }
}
