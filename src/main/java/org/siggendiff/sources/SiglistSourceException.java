package org.siggendiff.sources;

import java.util.List;

/**
 * A siglist source that cannot be resolved or loaded: a configuration error. A broken siglist
 * set gives one problem per broken line; the message is the problems, one per line.
 */
public final class SiglistSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SiglistSourceException(String message) {
    this(List.of(message));
  }

  public SiglistSourceException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** What is wrong, one problem per element. */
  public List<String> problems() {
    return problems;
  }
}
