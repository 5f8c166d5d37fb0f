package org.siggendiff.crashdata;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A byte array read eight bytes at a time, and the bytes of interest found in each word without
 * a branch per byte: how the JSON readers pass over the long strings most documents are made of.
 */
final class Words {
  static final long QUOTES = 0x2222222222222222L;
  static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
  static final long HIGH_BITS = 0x8080808080808080L;

  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Words() {}

  /** Bytes {@code index} to {@code index + 7}, the first the lowest. */
  static long at(byte[] bytes, int index) {
    return (long) WORDS.get(bytes, index);
  }

  /**
   * Marks the zero bytes of {@code word} by their high bit, the lowest exactly (a borrow may
   * mark bytes above it too); zero when there is none.
   */
  static long zeroBytes(long word) {
    return (word - 0x0101010101010101L) & ~word & HIGH_BITS;
  }

  /**
   * Marks the bytes below 0x20 of {@code word} as {@link #zeroBytes} marks (a byte above 0x7f is
   * not marked); zero when there is none.
   */
  static long bytesBelowSpace(long word) {
    return (word - 0x2020202020202020L) & ~word & HIGH_BITS;
  }

  /**
   * Which byte, counting from the lowest, holds the lowest mark of {@link #zeroBytes}: the
   * lowest bit alone, shifted down to {@code 1 << 8k}, picks byte {@code 7 - k} of the
   * multiplier into the top byte. Long.numberOfTrailingZeros is not an intrinsic for the client
   * compiler that the launcher uses.
   */
  static int firstMarkedByte(long marks) {
    return (int) ((((marks & -marks) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /** An ASCII word as bytes, for {@link #asciiAt}: a String's characters cost a call each under the client compiler. */
  static byte[] ascii(String word) {
    return word.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether {@code bytes} hold {@code word} (made by {@link #ascii}) from {@code at}. */
  static boolean asciiAt(byte[] bytes, int at, byte[] word) {
    if (at < 0 || at + word.length > bytes.length) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      if (bytes[at + k] != word[k]) {
        return false;
      }
    }
    return true;
  }
}
