package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashstats.CrashId;

class ShardTest {
  private static final String ID = "583a2791-a05b-4618-82c3-04008d251119";

  @Test
  void theHashIsZlibsCrc32OfTheKeyModuloN() {
    // zlib.crc32(b"583a2791-a05b-4618-82c3-04008d251119") in Python, and of b"corpus.jsonl:12".
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ID.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals((int) (crc.getValue() % 7), Shard.shareOf(ID, 7));
    assertEquals(0xCBF43926L % 5, Shard.shareOf("123456789", 5), "CRC-32's check value");
  }

  @Test
  void anInputIsKeyedByItsCrashIdWhenItNamesOneElseByWhereItIs() {
    assertEquals(ID, Shard.key(new DiffInput.Lookup("line 1", new CrashId(ID))));
    assertEquals(ID, Shard.key(new DiffInput.Document("crashes/" + ID, ID, "{}")));
    assertEquals("c.jsonl:12", Shard.key(new DiffInput.Document("c.jsonl:12", null, "{}")));
    assertEquals("c.jsonl:13", Shard.key(new DiffInput.Invalid("c.jsonl:13", "not valid UTF-8")));
  }

  @Test
  void everyInputIsInExactlyOneShare() {
    List<DiffInput> inputs = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      inputs.add(new DiffInput.Document("c.jsonl:" + i, null, "{}"));
    }
    List<DiffInput> union = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      new Shard(i, 3).filter(inputs.iterator()).forEachRemaining(union::add);
    }
    union.sort((a, b) -> Integer.compare(Integer.parseInt(a.where().substring(8)), Integer.parseInt(b.where().substring(8))));
    assertEquals(inputs, union);
  }

  @Test
  void parseReadsIOverN() {
    assertEquals(new Shard(2, 3), Shard.parse("2/3"));
    assertEquals(Shard.ALL, Shard.parse("0/1"));
    assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/3"));
    assertThrows(IllegalArgumentException.class, () -> Shard.parse("x"));
  }
}
