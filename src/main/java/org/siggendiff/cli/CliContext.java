package org.siggendiff.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command may touch: standard streams and the environment, injected for tests.
 *
 * @param inIsTerminal whether stdin is a terminal: then no crash IDs are waited for
 * @param errIsTerminal whether stderr is a terminal, which decides how progress is shown
 */
record CliContext(
    InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean inIsTerminal, boolean errIsTerminal) {}
