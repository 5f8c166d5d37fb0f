package org.siggendiff.cache;

/**
 * The bytes of the last entry one thread read, in an array it reuses from read to read: fresh
 * memory for each of a long run's crashes, zeroed and then filled, cost a fifth of the read.
 * Not for sharing between threads, and the bytes are good only until the next read.
 */
final class ReadBuffer {
  /** An entry larger than this gets an array of its own, so that one huge crash is not held on to. */
  static final int KEPT_BYTES = 1 << 20;

  private final boolean reused;
  private byte[] kept;
  private byte[] array;
  private int length;

  /** A buffer for one thread's reads. */
  ReadBuffer() {
    this(true);
  }

  private ReadBuffer(boolean reused) {
    this.reused = reused;
    this.kept = new byte[reused ? 64 << 10 : 0];
    this.array = kept;
  }

  /** A buffer whose each read gets an array of its own, exactly the entry's size unless the file shrank. */
  static ReadBuffer oneOff() {
    return new ReadBuffer(false);
  }

  /** The array the last entry was read into; only its first {@link #length()} bytes are the entry's. */
  byte[] array() {
    return array;
  }

  /** How many bytes the last entry had. */
  int length() {
    return length;
  }

  /** An array for an entry of {@code size} bytes, which becomes {@link #array()}. */
  byte[] arrayFor(int size) {
    length = 0;
    if (!reused || size > KEPT_BYTES) {
      array = new byte[size];
    } else {
      if (size > kept.length) {
        kept = new byte[Math.max(size, Math.min(2 * kept.length, KEPT_BYTES))];
      }
      array = kept;
    }
    return array;
  }

  void setLength(int length) {
    this.length = length;
  }
}
