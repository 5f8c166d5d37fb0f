package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;

class FrameMemosTest {
  private static SiglistSet set(String source, String prefix, String lineNumbers, Duration bound) throws SiglistException {
    return SiglistLoader.fromLines(
        Map.of(
            SiglistKind.IRRELEVANT, List.of("abort"),
            SiglistKind.PREFIX, List.of(prefix),
            SiglistKind.SENTINELS, List.of("_purecall"),
            SiglistKind.LINE_NUMBERS, List.of(lineNumbers)),
        source,
        bound);
  }

  @Test
  void setsWithTheSameLineNumberListShareANormalizerEachOnASideOfItsOwn() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    FrameMemos.Side first = memos.join(set("a", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    FrameMemos.Side second = memos.join(set("b", "calloc", "js_Interpret", Duration.ofSeconds(1)));
    assertSame(first.normalizer(), second.normalizer());
    assertEquals(0, first.index());
    assertEquals(1, second.index());
  }

  @Test
  void anotherLineNumberListOrBoundGetsANormalizerOfItsOwn() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    FrameMemos.Side first = memos.join(set("a", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    assertNotSame(first.normalizer(), memos.join(set("b", "malloc", "js_Run", Duration.ofSeconds(1))).normalizer());
    assertNotSame(first.normalizer(), memos.join(set("c", "malloc", "js_Interpret", Duration.ofSeconds(2))).normalizer());
  }

  @Test
  void aNormalizerWithNoSidesLeftIsFollowedByANewOne() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    FrameMemos.Side first = memos.join(set("v0", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    for (int i = 1; i < NormalizedFrame.MAX_SIDES; i++) {
      assertSame(first.normalizer(), memos.join(set("v" + i, "malloc", "js_Interpret", Duration.ofSeconds(1))).normalizer());
    }
    FrameMemos.Side next = memos.join(set("last", "malloc", "js_Interpret", Duration.ofSeconds(1)));
    assertNotSame(first.normalizer(), next.normalizer());
    assertEquals(0, next.index());
  }

  private static JsonNode stack(String function) {
    ObjectNode thread = JsonNodeFactory.instance.objectNode();
    thread.putArray("frames").addObject().put("function", function);
    return thread;
  }

  @Test
  void theToolsOfSetsThatShareANormalizerShareTheFrameListOfTheSameStackOfTheSameCrash() throws SiglistException {
    FrameMemos memos = new FrameMemos();
    CSignatureTool baseline = new CSignatureTool(set("a", "malloc", "js_Interpret", Duration.ofSeconds(1)), memos);
    CSignatureTool candidate = new CSignatureTool(set("b", "calloc", "js_Interpret", Duration.ofSeconds(1)), memos);
    CSignatureTool otherLines = new CSignatureTool(set("c", "calloc", "js_Run", Duration.ofSeconds(1)), memos);
    JsonNode thread = stack("Foo");
    CrashData crash = CrashData.of(JsonNodeFactory.instance.objectNode().set("threads", JsonNodeFactory.instance.arrayNode().add(thread)));

    FrameList first = candidate.createFrameList(crash, thread, false);
    assertSame(first, baseline.createFrameList(crash, thread, false));
    assertEquals(List.of("Foo"), first.texts());
    // Not for another crash object, stack, module case or line-number list.
    assertNotSame(first, baseline.createFrameList(CrashData.of(crash.json().deepCopy()), thread, false));
    assertNotSame(first, baseline.createFrameList(crash, stack("Foo"), false));
    assertNotSame(first, baseline.createFrameList(crash, thread, true));
    FrameList others = otherLines.createFrameList(crash, thread, false);
    assertNotSame(first, others);
    assertEquals(first.texts(), others.texts());
  }
}
