package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.siggendiff.report.TerminalText;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

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
    CommandLine commandLine = new CommandLine(new SiggenDiffCommand(context), new ContextFactory(context));
    commandLine.addSubcommand("completion", new AutoComplete.GenerateCompletion());
    commandLine.getSubcommands().get("completion").getCommandSpec().usageMessage()
        .description("Prints a bash/zsh completion script for siggen-diff: source <(siggen-diff completion)");
    commandLine
        .setOut(out)
        .setErr(err)
        .setExecutionStrategy(Main::validateThenRun)
        .setParameterExceptionHandler((exception, arguments) -> usageError(exception, err))
        .setExecutionExceptionHandler((exception, command, parsed) -> unexpected(exception, command, err));
    int status;
    try {
      status = commandLine.execute(args);
    } catch (Error e) {
      // picocli hands exceptions to the handler above, but lets errors (stack overflow, out of memory) through.
      status = internalError(e, err);
    }
    out.flush();
    err.flush();
    return status;
  }

  /** Checks the options of every command on the line, then runs the last one. */
  private static int validateThenRun(CommandLine.ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    for (CommandLine command : parsed.asCommandLineList()) {
      try {
        validate(command.getCommandSpec());
      } catch (UsageError e) {
        command.getErr().println(command.getCommandName() + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static void validate(CommandSpec spec) throws UsageError {
    if (spec.userObject() instanceof Validated validated) {
      validated.validate();
    }
    for (CommandSpec mixin : spec.mixins().values()) {
      validate(mixin);
    }
  }

  /** A usage error is one lowercase line naming the command, and exit status 2. */
  private static int usageError(CommandLine.ParameterException exception, PrintWriter err) {
    CommandLine command = exception.getCommandLine();
    String message = exception.getMessage();
    if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
      for (String argument : unmatched.getUnmatched()) {
        Optional<String> hint = OptionHints.forUnknownOption(command.getCommandSpec(), argument);
        if (hint.isPresent()) {
          err.println(command.getCommandName() + ": " + hint.get());
          return ExitCodes.USAGE;
        }
      }
    }
    err.println(
        command.getCommandName() + ": " + TerminalText.clean(Character.toLowerCase(message.charAt(0)) + message.substring(1))
            + " (see --help)");
    return ExitCodes.USAGE;
  }

  /**
   * Exceptions that leave a command: a usage error it did not report itself, an interruption, or
   * a bug, which must not look like exit status 1 ("signatures differ").
   */
  private static int unexpected(Exception exception, CommandLine command, PrintWriter err) {
    if (exception instanceof UsageError) {
      err.println(command.getCommandName() + ": " + exception.getMessage());
      return ExitCodes.USAGE;
    }
    if (exception instanceof InterruptedException) {
      err.println(command.getCommandName() + ": interrupted");
      return ExitCodes.INTERRUPTED;
    }
    return internalError(exception, err);
  }

  private static int internalError(Throwable exception, PrintWriter err) {
    err.println("siggen-diff: internal error: " + TerminalText.clean(exception.toString()) + " (please report)");
    return ExitCodes.INTERNAL_ERROR;
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
