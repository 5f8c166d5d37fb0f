package org.siggendiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.testing.CrashIds;
import org.siggendiff.testing.Fixtures;

class DiffRunnerTest {
  private static ObjectNode processed(String crashId) {
    ObjectNode crash = CrashJson.mapper().createObjectNode();
    crash.put("uuid", crashId);
    crash.put("signature", "p");
    ObjectNode dump = crash.putObject("json_dump");
    dump.putObject("crash_info").put("crashing_thread", 0).put("type", "SIGSEGV");
    dump.putObject("system_info").put("os", "Linux");
    dump.putArray("threads").addObject().putArray("frames").addObject().put("module", "libxul.so").put("function", "Foo::Qux");
    return crash;
  }

  @Test
  void aBugWhileHandlingOneCrashBecomesThatCrashsInternalErrorRowAndTheRunGoesOn() throws InterruptedException {
    // A source with bugs in it: one crash overflows the stack, another hits an unexpected exception.
    CrashSource buggy = id -> {
      if (id.equals(CrashIds.id(2))) {
        throw new StackOverflowError();
      }
      if (id.equals(CrashIds.id(3))) {
        throw new IllegalStateException("unexpected state");
      }
      return new CrashResult.Found(id, processed(id.value()), new byte[0], CrashResult.Origin.DISK_CACHE);
    };
    List<DiffInput> inputs = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      inputs.add(new DiffInput.Lookup("line " + n, CrashIds.id(n)));
    }
    List<DiffRow> rows = new ArrayList<>();
    new DiffRunner(Fixtures.generator(), Fixtures.generator(), buggy, Jobs.computing(2)).run(inputs.iterator(), rows::add, () -> false);

    assertEquals(4, rows.size());
    assertTrue(rows.get(0).ok());
    assertEquals(CrashIds.text(2), rows.get(1).crashId());
    assertFalse(rows.get(1).ok());
    assertEquals("internal error", rows.get(1).errorKind());
    assertTrue(rows.get(1).error().startsWith("internal error at line 2: java.lang.StackOverflowError"), rows.get(1).error());
    assertTrue(rows.get(2).error().startsWith("internal error at line 3: java.lang.IllegalStateException: unexpected state (at "),
        rows.get(2).error());
    assertTrue(rows.get(3).ok());
  }
}
