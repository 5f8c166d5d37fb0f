package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactObjectMapTest {
  /** Applies the same puts to a CompactObjectMap and a LinkedHashMap. */
  private static void putBoth(Map<String, JsonNode> compact, Map<String, JsonNode> reference, String key, int value) {
    assertEquals(reference.put(key, IntNode.valueOf(value)), compact.put(key, IntNode.valueOf(value)));
  }

  private static List<String> keys(Map<String, JsonNode> map) {
    List<String> keys = new ArrayList<>();
    map.forEach((key, value) -> keys.add(key + "=" + value));
    return keys;
  }

  @Test
  void keepsInsertionOrderAndReplacesRepeatedKeysInPlaceLikeALinkedHashMap() {
    Map<String, JsonNode> compact = new CompactObjectMap();
    Map<String, JsonNode> reference = new LinkedHashMap<>();
    for (int size : new int[] {0, 1, 5, 16, 17, 40}) {
      compact.clear();
      reference.clear();
      for (int i = 0; i < size; i++) {
        putBoth(compact, reference, "k" + (i * 7 % 11) + "-" + i % 13, i);
      }
      putBoth(compact, reference, "k0-0", -1);
      assertEquals(keys(reference), keys(compact), "size " + size);
      assertEquals(reference, compact);
      assertEquals(reference.hashCode(), compact.hashCode());
    }
  }

  @Test
  void findsKeysThatAreEqualButNotTheSameString() {
    Map<String, JsonNode> compact = new CompactObjectMap();
    compact.put("function", IntNode.valueOf(1));
    String sameText = new String("function".toCharArray());
    assertEquals(IntNode.valueOf(1), compact.get(sameText));
    assertTrue(compact.containsKey(sameText));
    assertFalse(compact.containsKey("file"));
    assertNull(compact.get(null));
  }

  @Test
  void removesKeysAndKeepsTheOrderOfTheRest() {
    Map<String, JsonNode> compact = new CompactObjectMap();
    for (String key : List.of("a", "b", "c", "d")) {
      compact.put(key, IntNode.valueOf(key.charAt(0)));
    }
    assertEquals(IntNode.valueOf('b'), compact.remove("b"));
    assertNull(compact.remove("b"));
    Iterator<Map.Entry<String, JsonNode>> it = compact.entrySet().iterator();
    it.next();
    it.next();
    it.remove();
    assertEquals(List.of("a=97", "d=100"), keys(compact));
    assertEquals(2, compact.size());
  }

  @Test
  void entriesAreSnapshotsAndChangesDuringIterationAreReported() {
    Map<String, JsonNode> compact = new CompactObjectMap();
    compact.put("a", IntNode.valueOf(1));
    compact.put("b", IntNode.valueOf(2));
    Iterator<Map.Entry<String, JsonNode>> it = compact.entrySet().iterator();
    Map.Entry<String, JsonNode> first = it.next();
    assertThrows(UnsupportedOperationException.class, () -> first.setValue(IntNode.valueOf(3)));
    compact.put("c", IntNode.valueOf(3));
    assertThrows(ConcurrentModificationException.class, it::next);
  }
}
