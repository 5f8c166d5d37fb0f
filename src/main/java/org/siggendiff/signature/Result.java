package org.siggendiff.signature;

import java.util.ArrayList;
import java.util.List;

/** The result under construction while the pipeline runs; rules change it in order. */
public final class Result {
  private String signature = "";
  private final List<String> notes = new ArrayList<>();
  private final List<LogLine> debugLog = new ArrayList<>();
  private SignatureResult.Extra extra;

  public String signature() {
    return signature;
  }

  /** Replaces the signature and records the change in the debug log. */
  public void setSignature(String rule, String newSignature) {
    debugLog.add(LogLine.ofRule(rule, "change signature: \"", signature, "\" -> \"", newSignature, "\""));
    signature = newSignature;
  }

  /** Adds a note for people. */
  public void info(String rule, String message) {
    notes.add(rule + ": " + message);
  }

  /** Adds a debug line. */
  public void debug(String rule, String message) {
    debugLog.add(LogLine.ofRule(rule, message));
  }

  /** Adds a debug line written by a tool that does not know the rule's name. */
  public void debug(String rule, LogLine line) {
    debugLog.add(line.forRule(rule));
  }

  public void setExtra(SignatureResult.Extra newExtra) {
    extra = newExtra;
  }

  public SignatureResult toResult() {
    return new SignatureResult(signature, notes, LogLine.texts(debugLog), extra);
  }
}
