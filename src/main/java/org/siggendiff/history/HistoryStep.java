package org.siggendiff.history;

import java.util.List;
import java.util.Optional;

/**
 * A commit of the range with the siglists before and after it.
 *
 * @param parents the version at each parent compared with, first parent first (the first only
 *     along the first parent); empty where a parent has no siglist files
 * @param version the version at the commit; empty when it has no siglist files
 */
public record HistoryStep(HistoryCommit commit, List<Optional<SiglistVersion>> parents, Optional<SiglistVersion> version) {
  public HistoryStep {
    parents = List.copyOf(parents);
  }
}
