package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** The {@code siggen-diff} command line; {@link #run} is the in-process entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = run(args, System.in, out, err, System.getenv(), isTerminal(0), isTerminal(2));
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs the command line and returns its exit status; never exits the JVM. */
  public static int run(
      String[] args,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      boolean inIsTerminal,
      boolean errIsTerminal) {
    CliContext context = new CliContext(in, out, err, env, inIsTerminal, errIsTerminal);
    CommandLine commandLine =
        new CommandLine(new SiggenDiffCommand(context), new ContextFactory(context))
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(
                (exception, arguments) -> {
                  String message = exception.getMessage();
                  err.println(
                      exception.getCommandLine().getCommandName()
                          + ": "
                          + Character.toLowerCase(message.charAt(0))
                          + message.substring(1)
                          + " (see --help)");
                  return ExitCodes.USAGE;
                });
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /**
   * Java has no isatty; on Linux a descriptor names the terminal device it is open on, and
   * elsewhere a console means an interactive session.
   */
  private static boolean isTerminal(int descriptor) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Gives each command the injected context. */
  private record ContextFactory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == SignifyCommand.class) {
        return type.cast(new SignifyCommand(context));
      }
      if (type == SiggenDiffCommand.class) {
        return type.cast(new SiggenDiffCommand(context));
      }
      if (type == CrashIdsCommand.class) {
        return type.cast(new CrashIdsCommand(context));
      }
      if (type == ExplainCommand.class) {
        return type.cast(new ExplainCommand(context));
      }
      if (type == FetchCommand.class) {
        return type.cast(new FetchCommand(context));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
