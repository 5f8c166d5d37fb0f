package org.siggendiff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.report.Progress;
import org.siggendiff.testing.CrashIds;

@Timeout(30)
class FetchRunnerTest {
  @Test
  void aStopCountsTheCrashesFoundWhileAnEarlierOneWasStillBeingFetched() throws Exception {
    CountDownLatch laterOnesDone = new CountDownLatch(5);
    CountDownLatch never = new CountDownLatch(1);
    CrashSource source = id -> {
      if (id.equals(CrashIds.id(0))) {
        try {
          // The first crash waits on the API, behind every other.
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new CrashResult.Failed(id, CrashResult.FailureKind.NOT_FETCHED, "stopped");
      }
      CrashResult found = new CrashResult.Found(id, JsonNodeFactory.instance.objectNode(), new byte[0], CrashResult.Origin.API);
      laterOnesDone.countDown();
      return found;
    };
    List<CrashIdInput.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add(new CrashIdInput.Valid("line " + (i + 1), CrashIds.id(i)));
    }

    FetchSummary summary = new FetchRunner(source, 6).run(entries.iterator(), new Progress(new PrintWriter(new StringWriter()), "fetch", 6, false),
        () -> laterOnesDone.getCount() == 0 && sleptAMoment());

    assertTrue(summary.wasStopped());
    assertEquals(0, summary.inputs(), "none answered in input order");
    assertEquals(5, summary.inCache());
    assertEquals(5, summary.answered());
    StringWriter printed = new StringWriter();
    summary.print(new PrintWriter(printed));
    assertTrue(printed.toString().startsWith("fetch: 0 of the 5 inputs answered before the stop, in input order: 0 fetched"), printed.toString());
  }

  /** Lets the map's workers return after counting down, so that they have counted their answers. */
  private static boolean sleptAMoment() {
    try {
      TimeUnit.MILLISECONDS.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }
}
