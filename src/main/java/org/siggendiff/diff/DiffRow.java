package org.siggendiff.diff;

import java.util.List;
import org.siggendiff.attribution.Cause;
import org.siggendiff.attribution.CrashExplanation;

/**
 * One crash's outcome: its signatures under the production, baseline and candidate sources, or
 * why it could not be processed.
 *
 * @param crashId the crash ID, or where the document came from when it has none
 * @param production the signature stored in the processed crash, or null (crash data has none)
 * @param baseline null when {@code error} is set
 * @param candidate null when {@code error} is set
 * @param errorKind a short category for the summary, such as {@code not found}; null when ok
 * @param error what went wrong, or null
 * @param cause why baseline and candidate differ: the siglist lines responsible, or what
 *     differs when no line is; null when they agree or the row is an error
 * @param explanation both sides' walks frame by frame, for the reports that show stacks; null
 *     unless the run asked for explanations and this changed crash is among those explained
 */
public record DiffRow(
    String crashId,
    boolean linkable,
    String production,
    String baseline,
    String candidate,
    List<String> baselineNotes,
    List<String> candidateNotes,
    List<String> baselineDebug,
    List<String> candidateDebug,
    String errorKind,
    String error,
    Cause cause,
    CrashExplanation explanation) {

  public boolean ok() {
    return error == null;
  }

  /** Whether baseline and candidate agree; false for an error row. */
  public boolean same() {
    return ok() && baseline.equals(candidate);
  }

  public boolean changed() {
    return ok() && !baseline.equals(candidate);
  }

  /** The row of a crash that could not be processed. */
  public static DiffRow failed(String crashId, boolean linkable, String errorKind, String error) {
    return new DiffRow(crashId, linkable, null, null, null, List.of(), List.of(), List.of(), List.of(), errorKind, error, null, null);
  }
}
