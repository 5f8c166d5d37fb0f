package org.siggendiff.internal.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoTest {
  @Test
  void computesEachKeyOnceAndForgetsEverythingWhenFull() {
    List<String> computed = new ArrayList<>();
    Memo<String, Integer> memo = new Memo<>(key -> {
      computed.add(key);
      return key.length();
    }, 2);
    assertEquals(1, memo.get("a"));
    assertEquals(2, memo.get("bb"));
    assertEquals(1, memo.get(new String("a".toCharArray())));
    assertEquals(List.of("a", "bb"), computed);
    memo.get("ccc");
    memo.get("a");
    assertEquals(List.of("a", "bb", "ccc", "a"), computed);
  }

  @Test
  void keepsNothingWhenTheFunctionRaises() {
    int[] calls = {0};
    Memo<String, Integer> memo = new Memo<>(key -> {
      calls[0]++;
      throw PyException.valueError("bad " + key);
    }, 10);
    assertThrows(PyException.class, () -> memo.get("x"));
    assertThrows(PyException.class, () -> memo.get("x"));
    assertEquals(2, calls[0]);
  }

  @Test
  void lookingUpGivesWhatIsKeptAndComputesNothing() {
    List<String> computed = new ArrayList<>();
    Memo<String, Integer> memo = new Memo<>(key -> {
      computed.add(key);
      return key.length();
    }, 10);
    assertNull(memo.getIfPresent("a"));
    memo.get("bb");
    assertEquals(2, memo.getIfPresent("bb"));
    assertEquals(List.of("bb"), computed);
  }
}
