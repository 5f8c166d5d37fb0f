package org.siggendiff.testing;

import org.siggendiff.crashstats.CrashId;

/** Distinct valid crash IDs for tests, all submitted on 2020-11-07. */
public final class CrashIds {
  private CrashIds() {}

  public static String text(int n) {
    return String.format("%08x-1111-4222-8333-%06x201107", n, n);
  }

  public static CrashId id(int n) {
    return new CrashId(text(n));
  }
}
