package org.siggendiff.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.siggendiff.attribution.CrashExplanation;
import org.siggendiff.attribution.ExplainedFrame;
import org.siggendiff.attribution.ExplainedWalk;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.SideExplanation;
import org.siggendiff.cache.RawCrashes;
import org.siggendiff.crashdata.PythonJson;
import org.siggendiff.explain.RawAnnotations;
import org.siggendiff.signature.SignatureTrace;

/**
 * A crash explanation for people: the walked frames side by side, each with its role and the
 * siglist line behind it on each side, then the signatures, the cause, later rules and notes.
 * Crash text is escaped as in every text report.
 */
public final class ExplanationText {
  private ExplanationText() {}

  /** How much of a raw annotation's value is shown: some (JavaStackTrace, AsyncShutdownTimeout) run to kilobytes. */
  static final int RAW_VALUE_SHOWN = 300;

  /**
   * @param raw the raw annotations behind the rules' fields; null to say nothing of them
   * @param debug whether to add each side's debug log, after its notes
   */
  public static List<String> lines(
      String crashId, CrashExplanation explanation, RawAnnotations raw, boolean debug) {
    List<String> out = new ArrayList<>();
    SideExplanation before = explanation.baseline();
    SideExplanation after = explanation.candidate();
    out.add("crash " + crashId);
    if (before != null) {
      out.add("  baseline:  " + before.source() + "  \"" + before.signature() + "\"");
    }
    out.add("  candidate: " + after.source() + "  \"" + after.signature() + "\"" + (before == null ? "" : explanation.differs() ? "  (differs)" : "  (same)"));
    if (explanation.cause() != null) {
      if (explanation.cause().isLine()) {
        out.add("  cause:");
        CauseText.lines(explanation.cause()).forEach(line -> out.add("    " + line));
      } else {
        out.add("  cause: " + explanation.cause().notALine());
      }
    }
    List<ExplainedWalk> walks = after.walks().isEmpty() && before != null ? before.walks() : after.walks();
    // A production baseline was signed by Crash Stats: it has no walk to set beside the candidate's.
    boolean compared = before != null && !before.walks().isEmpty() && walks != before.walks();
    for (ExplainedWalk walk : walks) {
      ExplainedWalk other = compared ? find(before.walks(), walk.rule()) : null;
      out.add("  walk of thread " + walk.thread() + " (" + walk.rule() + ")" + (walk.failure() != null ? ": failed: " + walk.failure() : ""));
      int size = Math.max(walk.frames().size(), other == null ? 0 : other.frames().size());
      for (int i = 0; i < size; i++) {
        ExplainedFrame a = i < walk.frames().size() ? walk.frames().get(i) : null;
        ExplainedFrame b = other != null && i < other.frames().size() ? other.frames().get(i) : null;
        String text = a != null ? a.text() : b.text();
        StringBuilder row = new StringBuilder("    ").append(String.format("%2d  ", i)).append(text);
        if (compared) {
          String roleBefore = role(b);
          String roleAfter = role(a);
          row.append(changed(b, a) ? "  <- changed" : "");
          out.add(row.toString());
          out.add("          baseline:  " + roleBefore + (b != null && a != null && !b.text().equals(a.text()) ? "  as \"" + b.text() + "\"" : ""));
          out.add("          candidate: " + roleAfter);
        } else {
          out.add(row.append("  ").append(role(a)).toString());
        }
      }
    }
    rules(out, "baseline", before);
    rules(out, "candidate", after);
    raw(out, raw);
    notes(out, "baseline", before);
    notes(out, "candidate", after);
    if (debug) {
      debug(out, "baseline", before);
      debug(out, "candidate", after);
    }
    return out.stream().map(TerminalText::clean).toList();
  }

  /** The warnings about the change's lines, once for all the crashes explained: they are the run's, not a crash's. */
  public static List<String> warnings(List<LintWarning> lint) {
    List<String> lines = new ArrayList<>();
    // Most added lines match nothing in the few crashes explained: one line says which.
    List<String> unmatched = lint.stream()
        .filter(warning -> warning.kind() == LintWarning.Kind.MATCHES_NOTHING)
        .map(warning -> warning.line().location())
        .toList();
    if (unmatched.size() > 1) {
      lines.add("warning: " + unmatched.size() + " added lines match no frame of the crashes given: " + String.join(", ", unmatched));
    }
    for (LintWarning warning : lint) {
      if (warning.kind() != LintWarning.Kind.MATCHES_NOTHING || unmatched.size() == 1) {
        lines.add(TerminalText.clean("warning: " + warning.message()));
      }
    }
    return lines;
  }

  private static ExplainedWalk find(List<ExplainedWalk> walks, String rule) {
    return walks.stream().filter(w -> w.rule().equals(rule)).findFirst().orElse(null);
  }

  /**
   * Whether a frame's part in the signature differs between the sides: its role, or its text
   * (or it is on one side only). A role the same line gives from another place in its file
   * (lines added above it) is no change. Every format marks frames by this.
   */
  static boolean changed(ExplainedFrame before, ExplainedFrame after) {
    return before == null || after == null || !before.roleText().equals(after.roleText()) || !before.text().equals(after.text());
  }

  private static String role(ExplainedFrame frame) {
    if (frame == null) {
      return "(no such frame)";
    }
    String lines = frame.lines().stream().map(l -> l.location() + " " + l.text()).collect(Collectors.joining("; "));
    return frame.roleText() + (lines.isEmpty() ? "" : " (" + lines + ")");
  }

  private static void rules(List<String> out, String name, SideExplanation side) {
    if (side == null) {
      return;
    }
    for (SignatureTrace.RuleStep step : side.rulesAfterWalk()) {
      out.add("  " + name + " rule " + step.rule() + ": \"" + step.before() + "\" -> \"" + step.after() + "\"");
    }
  }

  /** Each as {@code raw Name (-> field): value}, the value as Python's repr shows it, cut short. */
  private static void raw(List<String> out, RawAnnotations raw) {
    if (raw == null) {
      return;
    }
    if (!raw.cached()) {
      out.add("  raw crash not cached (fetch --raw)");
      return;
    }
    for (RawCrashes.Annotation annotation : raw.annotations()) {
      out.add("  raw " + annotation.name() + " (-> " + annotation.processedField() + "): " + shortened(PythonJson.repr(annotation.value())));
    }
  }

  private static String shortened(String text) {
    if (text.length() <= RAW_VALUE_SHOWN) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(RAW_VALUE_SHOWN - 1)) ? RAW_VALUE_SHOWN - 1 : RAW_VALUE_SHOWN;
    return text.substring(0, end) + "... (" + (text.length() - end) + " more characters)";
  }

  private static void notes(List<String> out, String name, SideExplanation side) {
    if (side == null) {
      return;
    }
    for (String note : side.notes()) {
      out.add("  " + name + " note: " + note);
    }
  }

  private static void debug(List<String> out, String name, SideExplanation side) {
    if (side == null) {
      return;
    }
    for (String line : side.debugLog()) {
      out.add("  " + name + " debug: " + line);
    }
  }
}
