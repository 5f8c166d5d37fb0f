package org.siggendiff.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.siggendiff.crashstats.SignatureCounts;

/**
 * What a candidate would do in production: for each baseline signature it moves in the sample,
 * how many of the sampled crashes with that signature it moves, and how many crashes Crash Stats
 * holds with that signature. Rows are fed from one thread, as they come; the counts are asked
 * for once the rows are in.
 */
public final class ProductionImpact {
  /**
   * One moved baseline signature.
   *
   * @param production crashes with this exact signature in the window, empty when not counted
   */
  public record Impact(String baseline, long moved, long sampled, OptionalLong production, int days) {
    /** "moves N of M sampled crashes; production has K crashes with this signature in the last D days". */
    public String describe() {
      String moves = "moves " + moved + " of " + sampled + " sampled crash" + (sampled == 1 ? "" : "es");
      if (production.isEmpty()) {
        return moves + "; production count not available";
      }
      long k = production.getAsLong();
      return moves + "; production has " + k + " crash" + (k == 1 ? "" : "es") + " with this signature in the last "
          + days + " day" + (days == 1 ? "" : "s");
    }
  }

  /** Per baseline signature: {sampled, moved}. */
  private final Map<String, long[]> bySignature = new HashMap<>();

  /** Counts a row; rows that failed have no baseline and count nowhere. */
  public void add(DiffRow row) {
    if (!row.ok()) {
      return;
    }
    long[] counts = bySignature.computeIfAbsent(row.baseline(), signature -> new long[2]);
    counts[0]++;
    if (row.changed()) {
      counts[1]++;
    }
  }

  /** The baseline signatures the candidate moves, most moved first, ties in code-unit order. */
  public List<String> movedSignatures() {
    return bySignature.entrySet().stream()
        .filter(entry -> entry.getValue()[1] > 0)
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed()
            .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Asks Crash Stats for the moved signatures' counts: one request per batch of signatures. */
  public Report measure(SignatureCounts counts, Instant now, int days) throws InterruptedException {
    return report(counts.count(movedSignatures(), now, days));
  }

  /** The impacts under counts already had. */
  public Report report(SignatureCounts.Result counts) {
    List<Impact> impacts = new ArrayList<>();
    for (String signature : movedSignatures()) {
      long[] sample = bySignature.get(signature);
      impacts.add(new Impact(signature, sample[1], sample[0], counts.count(signature), counts.days()));
    }
    return new Report(impacts, counts);
  }

  /** The impacts of a run, with the window and any problem of the counting. */
  public record Report(List<Impact> impacts, SignatureCounts.Result counts) {
    public Report {
      impacts = List.copyOf(impacts);
    }

    /** Lines for the stderr summary; signatures are crash text, so the caller cleans each line. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add("production impact (crashes with the baseline signature from " + counts.from() + " to " + counts.to() + "):");
      for (Impact impact : impacts) {
        lines.add("  " + impact.baseline() + ": " + impact.describe());
      }
      counts.problem().ifPresent(problem ->
          lines.add("  " + counts.notCounted().size() + " signatures not counted: " + problem.message()));
      return lines;
    }

    /** The {@code impact} section of the JSON summary. */
    public ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("days", counts.days());
      json.put("from", counts.from());
      json.put("to", counts.to());
      ArrayNode signatures = json.putArray("signatures");
      for (Impact impact : impacts) {
        ObjectNode entry = signatures.addObject();
        entry.put("baseline", impact.baseline());
        entry.put("moved", impact.moved());
        entry.put("sampled", impact.sampled());
        if (impact.production().isPresent()) {
          entry.put("production", impact.production().getAsLong());
        } else {
          entry.putNull("production");
        }
        entry.put("text", impact.describe());
      }
      json.put("error", counts.problem().map(problem -> problem.message()).orElse(null));
      return json;
    }
  }
}
