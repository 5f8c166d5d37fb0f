package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "done when", on the README's demo: the summary names, for each of the four lines
 * the demo candidate adds, how many crashes it moved and from which signatures to which; and
 * {@code explain} of a demo crash shows the frame that changed role and the line that did it.
 */
@Timeout(60)
class DemoAttributionTest {
  @TempDir Path folder;

  @Test
  void theSummaryNamesEachAddedLineWithTheCrashesItMovedAndExplainShowsTheFrameAndLine() {
    CliRunner.Outcome diff = CliRunner.run("", "--corpus", "corpora/demo", "--baseline", "siglists/demo/baseline",
        "--candidate", "siglists/demo/candidate", "--different-only", "--cache-dir", folder.toString(), "--offline");

    assertEquals(0, diff.status(), diff.err());
    String err = diff.err();
    assertTrue(err.contains("310 crashes read: 97 changed, 213 unchanged, 0 failed"), err);
    assertTrue(err.contains("  + irrelevant_signature_re.txt:16 mozilla::dom::ReportError\n      moved 27 crashes\n"
        + "           9: mozilla::dom::ReportError -> mozilla::dom::IDBTransaction::Abort\n"), err);
    assertTrue(err.contains("  + irrelevant_signature_re.txt:17 webrtc::webrtc_checks_impl::.*\n      moved 25 crashes\n"
        + "          10: webrtc::webrtc_checks_impl::FatalLog -> webrtc::VideoStreamEncoder::OnFrame\n"), err);
    assertTrue(err.contains("  + prefix_signature_re.txt:8 mozilla::ipc::MessageChannel::Send\n      moved 24 crashes\n"), err);
    assertTrue(err.contains("  + prefix_signature_re.txt:9 std::sync::.*\n      moved 21 crashes\n"
        + "           6: std::sync::mpsc::Receiver<T>::recv -> std::sync::mpsc::Receiver<T>::recv"
        + " | audioipc2_client::context::ClientContext::new\n"), err);
    assertEquals(4, err.lines().filter(line -> line.matches("  \\+ \\S+\\.txt:\\d+ .*")).count(), err);

    CliRunner.Outcome explain = CliRunner.run("", "explain", "--corpus", "corpora/demo", "--baseline", "siglists/demo/baseline",
        "--candidate", "siglists/demo/candidate", "--cache-dir", folder.toString(), "--offline", "583a2791-a05b-4618-82c3-04008d251119");

    assertEquals(0, explain.status(), explain.err());
    assertTrue(explain.out().contains("    + irrelevant_signature_re.txt:17 webrtc::webrtc_checks_impl::.*"
        + "  (frames: webrtc::webrtc_checks_impl::FatalLog)"), explain.out());
    assertTrue(explain.out().contains("webrtc::webrtc_checks_impl::FatalLog  <- changed\n          baseline:  signature end\n"
        + "          candidate: irrelevant (irrelevant_signature_re.txt:17 webrtc::webrtc_checks_impl::.*)"), explain.out());
  }
}
