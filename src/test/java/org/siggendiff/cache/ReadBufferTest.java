package org.siggendiff.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.testing.CrashIds;

class ReadBufferTest {
  @TempDir Path folder;

  private byte[] write(CrashId id, int size, byte fill) throws IOException {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, fill);
    Path entry = folder.resolve("processed_crash").resolve(id.value());
    Files.createDirectories(entry.getParent());
    Files.write(entry, bytes);
    return bytes;
  }

  private static byte[] held(ReadBuffer buffer) {
    return Arrays.copyOf(buffer.array(), buffer.length());
  }

  @Test
  void eachReadHoldsThatEntryAloneInTheArrayItReuses() throws IOException {
    DiskCache disk = new DiskCache(folder, 64L << 20);
    byte[] large = write(CrashIds.id(1), 200_000, (byte) 'a');
    byte[] small = write(CrashIds.id(2), 10, (byte) 'b');
    ReadBuffer buffer = new ReadBuffer();

    assertTrue(disk.read(CrashIds.id(1), buffer));
    assertArrayEquals(large, held(buffer));
    byte[] array = buffer.array();
    assertTrue(disk.read(CrashIds.id(2), buffer));
    assertArrayEquals(small, held(buffer));
    assertSame(array, buffer.array(), "the array grown for the large entry is reused");
    assertFalse(disk.read(CrashIds.id(3), buffer), "no entry");
  }

  @Test
  void anEntryOverTheKeptSizeGetsAnArrayOfItsOwnAndIsNotHeldOnTo() throws IOException {
    DiskCache disk = new DiskCache(folder, 64L << 20);
    byte[] huge = write(CrashIds.id(1), ReadBuffer.KEPT_BYTES + 1, (byte) 'h');
    byte[] small = write(CrashIds.id(2), 100, (byte) 's');
    ReadBuffer buffer = new ReadBuffer();
    assertTrue(disk.read(CrashIds.id(2), buffer));
    byte[] kept = buffer.array();

    assertTrue(disk.read(CrashIds.id(1), buffer));
    assertArrayEquals(huge, held(buffer));
    assertNotSame(kept, buffer.array());
    assertTrue(disk.read(CrashIds.id(2), buffer));
    assertSame(kept, buffer.array());
    assertArrayEquals(small, held(buffer));
  }

  @Test
  void aOneOffReadGivesTheEntryExactly() throws IOException {
    DiskCache disk = new DiskCache(folder, 64L << 20);
    byte[] bytes = write(CrashIds.id(1), 1234, (byte) 'x');

    assertArrayEquals(bytes, disk.read(CrashIds.id(1)).orElseThrow());
  }
}
