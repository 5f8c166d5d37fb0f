package org.siggendiff.testing;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says in one line, once per run, which parity tests were skipped for want of {@code ../shared}
 * and how to run them: otherwise the build shows only a count of skipped tests. Registered for
 * every test run through {@code META-INF/services}.
 */
public final class SkippedParityReport implements TestExecutionListener {
  private final PrintStream out;
  /** Per test class, how many of its tests were skipped; 0 for the whole class. */
  private final Map<String, Integer> skipped = new TreeMap<>();
  private String reason;

  public SkippedParityReport() {
    this(System.err);
  }

  SkippedParityReport(PrintStream out) {
    this.out = out;
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    String message = result.getThrowable().map(Throwable::getMessage).orElse("");
    if (result.getStatus() != TestExecutionResult.Status.ABORTED || !message.contains(SharedData.NOT_FOUND)) {
      return;
    }
    reason = message.substring(message.indexOf(SharedData.NOT_FOUND));
    int semicolon = reason.indexOf(';');
    reason = semicolon < 0 ? reason : reason.substring(0, semicolon);
    TestSource source = test.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      skipped.merge(simpleName(method.getClassName()), 1, (a, b) -> a == 0 ? 0 : a + b);
    } else if (source instanceof ClassSource type) {
      skipped.put(simpleName(type.getClassName()), 0);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (skipped.isEmpty()) {
      return;
    }
    StringBuilder which = new StringBuilder();
    skipped.forEach((type, count) -> which.append(which.length() == 0 ? "" : ", ")
        .append(type).append(count == 0 ? " (all)" : " (" + count + ")"));
    out.println("siggen-diff: parity tests skipped, " + reason + ": " + which
        + "; to run them, put the shared data at ../shared or pass -D" + SharedData.PROPERTY + "=DIR to mvn");
    out.flush();
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
