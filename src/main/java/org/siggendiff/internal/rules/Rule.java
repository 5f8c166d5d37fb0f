package org.siggendiff.internal.rules;

import org.siggendiff.crashdata.CrashData;

/**
 * One step of the signature pipeline: when {@link #predicate} holds, {@link #action} changes
 * the result. Either may throw a {@link org.siggendiff.internal.py.PyException}, as the Python rule
 * would raise; the generator records it and goes on.
 */
public abstract class Rule {
  private final String name;

  /** @param name the rule's name as Socorro spells it, a constant so that renaming a class changes no output */
  Rule(String name) {
    this.name = name;
  }

  /** The rule's name as Socorro spells it; it prefixes notes and debug lines. */
  public final String name() {
    return name;
  }

  public boolean predicate(CrashData crashData, ResultBuilder result) {
    return true;
  }

  public abstract void action(CrashData crashData, ResultBuilder result);

  /**
   * For tracing: the crash data whose stack this rule walked with the C signature tool, or null
   * when it walked none.
   *
   * @param failed whether the rule raised
   */
  public CrashData walked(CrashData crashData, boolean failed) {
    return null;
  }
}
