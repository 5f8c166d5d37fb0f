package org.siggendiff.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command may touch: standard streams and the environment, injected for tests.
 *
 * @param inIsTerminal whether stdin is a terminal: then no crash IDs are waited for
 * @param errIsTerminal whether stderr is a terminal, which decides how progress is shown
 * @param outIsTerminal whether stdout is a terminal, where progress on stderr must make way for rows
 * @param outIsLive whether stdout is read as it is written (a terminal or a pipe): then every
 *     row is flushed whole as soon as it is written
 * @param interruption set when the run is asked to stop (Ctrl-C, SIGTERM)
 */
record CliContext(
    InputStream in,
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    boolean inIsTerminal,
    boolean errIsTerminal,
    boolean outIsTerminal,
    boolean outIsLive,
    Interruption interruption) {

  CliContext(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean inIsTerminal, boolean errIsTerminal) {
    this(in, out, err, env, inIsTerminal, errIsTerminal, false, false, new Interruption());
  }
}
