package org.siggendiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.SharedData;

/**
 * Issue 15's "done when": the Markdown report of real siglist changes over the 15,000
 * conformance crashes fits in a GitHub comment. The oldest to newest siglists of the manifest
 * (thirty pull requests at once) move thousands of crashes, far more than a comment holds.
 */
@Timeout(300)
class MarkdownReplayTest {
  @TempDir Path folder;

  @Test
  void aRealSiglistChangeOverFifteenThousandCrashesFitsInAComment() throws IOException {
    Path corpus = folder.resolve("crash-data.jsonl");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(SharedData.conformance("crash-data.jsonl.gz"))), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(corpus)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode vector = CrashJson.parse(line);
        out.write(vector.get("crash_data").toString());
        out.write('\n');
      }
    }
    for (String[] change : new String[][] {{"2024-02-27-84f34a436", "2026-06-10-f016e1cfc", "--different-only"},
        {"2026-02-10-692db8a38", "2026-06-10-f016e1cfc", "-v"}}) {
      {
        String rows = change[2];
        CliRunner.Outcome outcome = CliRunner.run("", "--corpus", corpus.toString(), "--baseline", SharedData.siglists(change[0]).toString(),
            "--candidate", SharedData.siglists(change[1]).toString(), "--format", "markdown", rows, "--offline",
            "--cache-dir", folder.resolve("cache").toString());

        // Eight of the conformance documents are not crashes: they fail, and the run goes on.
        assertEquals(3, outcome.status(), outcome.err());
        assertTrue(outcome.err().contains("15000 crashes read: ") && outcome.err().contains(" 8 failed\n"), outcome.err());
        String markdown = outcome.out();
        assertTrue(markdown.length() <= 65_000, change[1] + " " + rows + ": " + markdown.length() + " characters");
        assertTrue(markdown.startsWith("### Signatures: "), markdown.substring(0, 200));
        Matcher counts = Pattern.compile("\\*\\*15000 crashes read: (\\d+) changed").matcher(markdown);
        assertTrue(counts.find(), markdown.substring(0, 2_000));
        long changed = Long.parseLong(counts.group(1));
        Matcher left = Pattern.compile("\\*\\*(\\d+) of (\\d+) rows shown\\*\\*").matcher(markdown);
        if (left.find()) {
          assertEquals(rows.equals("-v") ? 15_000 : changed, Long.parseLong(left.group(2)));
          assertTrue(Long.parseLong(left.group(1)) > 20, "the summary leaves room for rows: " + left.group());
        } else {
          throw new AssertionError("thousands of rows cannot all fit: " + changed);
        }
      }
    }
  }
}
