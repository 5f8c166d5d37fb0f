package org.siggendiff.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.siggendiff.internal.stack.LogLine;
import org.siggendiff.internal.stack.Walk;

/**
 * The signature result under construction while the pipeline runs (Socorro's {@code Result});
 * rules change it in order. Not thread-safe: one per generation.
 */
public final class ResultBuilder {
  private String signature = "";
  private final List<String> notes = new ArrayList<>();
  private final List<LogLine> debugLog = new ArrayList<>();
  private List<String> normalizedFrames;
  private final boolean tracing;
  /** While tracing: the walk of the stack the generation rule last signed, made from its work. */
  private Supplier<Walk> walk;

  /** For generating: remembers no walk. */
  public ResultBuilder() {
    this(false);
  }

  private ResultBuilder(boolean tracing) {
    this.tracing = tracing;
  }

  /** For tracing: each C stack walk generation makes is remembered, see {@link #takeWalk}. */
  public static ResultBuilder forTracing() {
    return new ResultBuilder(true);
  }

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

  /** Socorro's {@code result.extra["normalized_frames"]} of a C/C++/Rust stack. */
  public void setNormalizedFrames(List<String> frames) {
    normalizedFrames = frames;
  }

  public List<String> notes() {
    return notes;
  }

  /** The debug lines, joined only when read. */
  public List<String> debugLog() {
    return LogLine.texts(debugLog);
  }

  /** Whether the walks rules make are to be remembered ({@link #walked}). */
  boolean isTracing() {
    return tracing;
  }

  /**
   * Remembers how to trace the walk a rule just made from the frames it normalized, so that
   * tracing need not normalize them again; rules call it only when {@link #isTracing}.
   */
  void walked(Supplier<Walk> traced) {
    walk = traced;
  }

  /** The walk remembered since the last call, or null; forgets it. */
  public Supplier<Walk> takeWalk() {
    Supplier<Walk> taken = walk;
    walk = null;
    return taken;
  }

  /** The normalized frames set by the generation rule, or null. */
  public List<String> normalizedFrames() {
    return normalizedFrames;
  }
}
