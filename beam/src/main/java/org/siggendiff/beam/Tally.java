package org.siggendiff.beam;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.Combine;

/**
 * The combiners behind the summary. Each pre-aggregates on its worker before anything is
 * shuffled, so the summary's inputs are one small map and two sets of frames, not one element
 * per crash or per frame.
 */
final class Tally {
  private Tally() {}

  /** How many times each fact was seen. */
  static final class Counts extends Combine.CombineFn<String, HashMap<String, Long>, Map<String, Long>> {
    @Override
    public HashMap<String, Long> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public HashMap<String, Long> addInput(HashMap<String, Long> counts, String fact) {
      counts.merge(fact, 1L, Long::sum);
      return counts;
    }

    @Override
    public HashMap<String, Long> mergeAccumulators(Iterable<HashMap<String, Long>> all) {
      HashMap<String, Long> merged = new HashMap<>();
      all.forEach(counts -> counts.forEach((fact, n) -> merged.merge(fact, n, Long::sum)));
      return merged;
    }

    @Override
    public Map<String, Long> extractOutput(HashMap<String, Long> counts) {
      return counts;
    }
  }

  /** The union of sets: one side's distinct normalized frames. */
  static final class Union extends Combine.CombineFn<Set<String>, HashSet<String>, Set<String>> {
    @Override
    public HashSet<String> createAccumulator() {
      return new HashSet<>();
    }

    @Override
    public HashSet<String> addInput(HashSet<String> seen, Set<String> values) {
      seen.addAll(values);
      return seen;
    }

    @Override
    public HashSet<String> mergeAccumulators(Iterable<HashSet<String>> all) {
      HashSet<String> merged = new HashSet<>();
      all.forEach(merged::addAll);
      return merged;
    }

    @Override
    public Set<String> extractOutput(HashSet<String> seen) {
      return seen;
    }
  }
}
