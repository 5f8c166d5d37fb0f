package org.siggendiff.signature;

/**
 * One step of the signature pipeline: when {@link #predicate} holds, {@link #action} changes
 * the result. Either may throw a {@link org.siggendiff.py.PyException}, as the Python rule
 * would raise; the generator records it and goes on.
 */
public interface Rule {

  /** The rule's name as Socorro spells it; it prefixes notes and debug lines. */
  default String name() {
    return getClass().getSimpleName();
  }

  default boolean predicate(CrashData crashData, Result result) {
    return true;
  }

  void action(CrashData crashData, Result result);
}
