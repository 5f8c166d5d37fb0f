package org.siggendiff.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in process with captured streams. */
final class CliRunner {
  record Outcome(int status, String out, String err) {}

  private CliRunner() {}

  static Outcome run(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            env,
            false,
            false);
    return new Outcome(status, out.toString(), err.toString());
  }

  static Outcome run(String stdin, String... args) {
    return run(stdin, Map.of(), args);
  }

  /** As run on a terminal: stdin is one, and nothing is typed into it. */
  static Outcome runOnTerminal(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), Map.of(), true, true);
    return new Outcome(status, out.toString(), err.toString());
  }
}
