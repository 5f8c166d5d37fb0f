package org.siggendiff.crashdata;

/**
 * A crash that gets no signature: the reference would raise out of it (Python's
 * {@code convert_to_crash_data} itself failing) or never finish (a siglist pattern that ran
 * out of time). Callers fail that crash's row with {@link #getMessage()} as the reason and go
 * on with the next.
 */
public final class UnsignableCrashException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of a crash on one of whose frames a siglist line ran out of time. */
  public static final String SIGLIST_TIMEOUT = "siglist timeout";

  private final String kind;

  /**
   * @param kind a short label to group failures by, such as {@link #SIGLIST_TIMEOUT}
   * @param message what happened and where, for people
   */
  public UnsignableCrashException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** A short label to group failures by. */
  public String kind() {
    return kind;
  }
}
