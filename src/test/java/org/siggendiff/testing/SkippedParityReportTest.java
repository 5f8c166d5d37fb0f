package org.siggendiff.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkippedParityReportTest {
  /** Runs the parity tests in a nested JUnit launcher with the shared data pointed at nothing. */
  @Test
  @Timeout(60)
  void withoutSharedDataOneLineNamesTheSkippedParityTestsAndHowToRunThem() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
        .enableTestExecutionListenerAutoRegistration(false)
        .addTestExecutionListeners(new SkippedParityReport(out))
        .build());
    Properties saved = (Properties) System.getProperties().clone();
    try {
      System.setProperty(SharedData.PROPERTY, "/nonexistent/shared");
      System.setProperty(SharedData.REQUIRED_PROPERTY, "false");
      launcher.execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass("org.siggendiff.signature.ConformanceTest"),
              selectClass("org.siggendiff.cli.SiglistHistoryReplayTest"))
          .build());
    } finally {
      System.setProperties(saved);
    }
    assertEquals(
        "siggen-diff: parity tests skipped, shared data not found at /nonexistent/shared: ConformanceTest (4),"
            + " SiglistHistoryReplayTest (all); to run them, put the shared data at ../shared or pass"
            + " -Dsiggendiff.shared=DIR to mvn\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRunWithNothingSkippedPrintsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SkippedParityReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)).testPlanExecutionFinished(null);
    assertEquals(0, bytes.size());
  }
}
