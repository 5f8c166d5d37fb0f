package org.siggendiff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.report.TerminalText;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code siggen-diff} command line; {@link #run} is the in-process entry point. */
public final class Main {
  /** How long a signal waits for the run to write its finished rows and summary. */
  private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("signify")) {
      // signify writes its results with Jackson, whose first mapper is a sixth of a one-document
      // run: made on the second core while this one builds the command line and loads the
      // siglists, nobody waits for it. A diff reads and writes without one, and would only
      // lose the core to it.
      Preload.jsonWriter().start();
    } else if ((args.length == 0 || !SUBCOMMANDS.containsKey(args[0])) && !List.of(args).contains("--offline")) {
      // A diff that may ask Crash Stats makes its client before the run, and parsing the API
      // URL loads the JDK's tables for international host names (a hundredth of a second):
      // loaded on the second core while this one builds the command line, nobody waits for them.
      Preload.urlParser().start();
    }
    PrintWriter out = new StdoutWriter(System.out);
    GatedWriter stderr = new GatedWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(stderr, true);
    Interruption interruption = new Interruption();
    Thread hook = new ShutdownHook(interruption, stderr);
    Runtime.getRuntime().addShutdownHook(hook);
    String stdout = descriptorTarget(1);
    boolean outIsTerminal = stdout != null ? isTerminal(stdout) : System.console() != null;
    boolean outIsLive = outIsTerminal || (stdout != null && (stdout.startsWith("pipe:") || stdout.startsWith("socket:")));
    CliContext context =
        new CliContext(System.in, out, err, System.getenv(), isTerminal(0), isTerminal(2), outIsTerminal, outIsLive, interruption);
    int status;
    try {
      status = run(args, context);
    } catch (Throwable e) {
      // What the handlers could not report themselves (memory ran out as they did): without
      // this the JVM would print a stack trace and the shutdown hook end it as if interrupted.
      status = internalError(e, err);
    }
    out.flush();
    err.flush();
    interruption.done(status);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // A signal came: the hook ends the JVM with this status.
    }
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
    return run(args, new CliContext(in, out, err, env, inIsTerminal, errIsTerminal));
  }

  /** Runs the command line in the given context; never exits the JVM. */
  static int run(String[] args, CliContext context) {
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    Class<?> subcommand = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    CommandLine commandLine;
    if (subcommand != null) {
      // The diff's own model (its many options and their types) is not built for a subcommand's run.
      commandLine = new CommandLine(new SubcommandParent(), new ContextFactory(context));
      commandLine.addSubcommand(args[0], subcommand);
    } else {
      commandLine = new CommandLine(new SiggenDiffCommand(context), new ContextFactory(context));
      if (needsEveryCommand(args)) {
        addSubcommands(commandLine);
      }
    }
    Handlers handlers = new Handlers(err);
    commandLine
        .setOut(out)
        .setErr(err)
        .setExecutionStrategy(handlers)
        .setParameterExceptionHandler(handlers)
        .setExecutionExceptionHandler(handlers);
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

  /** The subcommands, in the order help lists them. */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("signify", SignifyCommand.class);
    commands.put("fetch", FetchCommand.class);
    commands.put("crashids", CrashIdsCommand.class);
    commands.put("explain", ExplainCommand.class);
    commands.put("reprocess", ReprocessCommand.class);
    commands.put("history", HistoryCommand.class);
    commands.put("serve", ServeCommand.class);
    return Collections.unmodifiableMap(commands);
  }

  /**
   * A line that starts with a subcommand gets that one alone, under a parent with no options of
   * its own: building picocli's model of every command (reflection over each option, loading the
   * classes of commands not run, the HTTP client's among them) was most of a short run's
   * start-up. Nothing of the parent's is on such a line, so it parses as before; any other line
   * gets the whole tree.
   */
  @CommandLine.Command(name = "siggen-diff")
  static final class SubcommandParent {}

  /** The names a line may give as a command, in the order help lists them. */
  static List<String> commandNames() {
    List<String> names = new ArrayList<>(SUBCOMMANDS.keySet());
    names.addAll(List.of("help", "completion"));
    return names;
  }

  /**
   * Whether a line that does not start with a subcommand still needs the whole tree: it names a
   * command later or asks for help (which lists the commands). A diff's own line does not, and
   * building every command's model was a sixth of a short diff's start-up.
   */
  private static boolean needsEveryCommand(String[] args) {
    List<String> commands = commandNames();
    for (String arg : args) {
      if (commands.contains(arg) || arg.equals("-h") || arg.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** Registers every subcommand, for help, completion and a command named after an option. */
  private static void addSubcommands(CommandLine commandLine) {
    for (Map.Entry<String, Class<?>> command : SUBCOMMANDS.entrySet()) {
      commandLine.addSubcommand(command.getKey(), command.getValue());
    }
    commandLine.addSubcommand(CommandLine.HelpCommand.class);
    // picocli's command calls itself generate-completion: its usage must name it as it is typed here.
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().name("completion").versionProvider(new VersionProvider()).usageMessage()
        .description("Prints a bash/zsh completion script for siggen-diff: source <(siggen-diff completion)");
    commandLine.addSubcommand("completion", completion);
  }

  /** Checks the options of every command on the line, then runs the last one. */
  private static int validateThenRun(CommandLine.ParseResult parsed) {
    // picocli checks no arguments of a help command (completion is one): an extra one would be ignored.
    for (CommandLine.ParseResult each = parsed; each != null; each = each.subcommand()) {
      if (!each.unmatched().isEmpty()) {
        CommandLine command = each.commandSpec().commandLine();
        return usageError(new CommandLine.UnmatchedArgumentException(command, each.unmatched()),
            parsed.originalArgs().toArray(new String[0]), command.getErr());
      }
    }
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    for (CommandLine command : parsed.asCommandLineList()) {
      try {
        validate(command.getCommandSpec());
      } catch (UsageError e) {
        return usageError(e, command, command.getErr());
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
  private static int usageError(CommandLine.ParameterException exception, String[] arguments, PrintWriter err) {
    CommandLine command = exception.getCommandLine();
    String message = exception.getMessage();
    // A mistyped command (siggen-diff signfy --jsonl ...) is read as the diff's first crash ID,
    // and the command's options then fail the diff's parse: the typo is what to say. So is the
    // word after help (siggen-diff help fetchh), which picocli finds no command for.
    boolean afterHelp = arguments.length > 1 && arguments[0].equals("help");
    String word = afterHelp ? arguments[1] : arguments.length > 0 ? arguments[0] : null;
    Optional<String> mistyped = command.getCommandSpec().parent() == null && word != null && !commandNames().contains(word)
        ? OptionHints.forMistypedCommand(word, !afterHelp)
        : Optional.empty();
    if (mistyped.isPresent()) {
      err.println(command.getCommandName() + ": " + mistyped.get());
      return ExitCodes.USAGE;
    }
    if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
      for (String argument : unmatched.getUnmatched()) {
        Optional<String> hint = OptionHints.forUnknownOption(command.getCommandSpec(), argument);
        if (hint.isPresent()) {
          err.println(command.getCommandName() + ": " + hint.get());
          return ExitCodes.USAGE;
        }
      }
      String first = unmatched.getUnmatched().get(0);
      if (!first.startsWith("-")) {
        // picocli's "unmatched argument at index N" counts from the command's name.
        String more = command.getCommandName().equals("signify") ? "; signify reads one document, and --jsonl many, one a line" : "";
        err.println(command.getCommandName() + ": unexpected argument '" + TerminalText.clean(first) + "'" + more + " (see --help)");
        return ExitCodes.USAGE;
      }
    }
    err.println(
        command.getCommandName() + ": " + TerminalText.clean(Character.toLowerCase(message.charAt(0)) + message.substring(1))
            + " (see --help)");
    return ExitCodes.USAGE;
  }

  /**
   * The one place a usage or configuration error is printed: each line with the command's name
   * ({@code siggen-diff:} for the diff, {@code explain:} for explain), and exit status 2.
   */
  private static int usageError(UsageError error, CommandLine command, PrintWriter err) {
    for (String line : error.lines()) {
      // Cleaning is idempotent: lines a command cleaned already print the same.
      err.println(command.getCommandName() + ": " + TerminalText.clean(line));
    }
    return ExitCodes.USAGE;
  }

  /**
   * Exceptions that leave a command: a usage error it did not report itself, an interruption, or
   * a bug, which must not look like exit status 1 ("signatures differ").
   */
  private static int unexpected(Exception exception, CommandLine command, PrintWriter err) {
    if (exception instanceof UsageError usage) {
      return usageError(usage, command, err);
    }
    if (exception instanceof InterruptedException) {
      err.println(command.getCommandName() + ": interrupted");
      return ExitCodes.INTERRUPTED;
    }
    return internalError(exception, err);
  }

  private static int internalError(Throwable exception, PrintWriter err) {
    if (exception instanceof OutOfMemoryError) {
      // Not a bug to report: the work was larger than the launcher's bounded heap.
      err.println("siggen-diff: out of memory (" + TerminalText.clean(String.valueOf(exception.getMessage()))
          + "): the launcher's heap is 320 MB; SIGGEN_DIFF_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx2g\" gives it more");
      return ExitCodes.INTERNAL_ERROR;
    }
    err.println("siggen-diff: internal error: " + TerminalText.clean(exception.toString()) + " (please report)");
    return ExitCodes.INTERNAL_ERROR;
  }

  /**
   * Java has no isatty; on Linux a descriptor names the terminal device it is open on, and
   * elsewhere a console means an interactive session.
   */
  private static boolean isTerminal(int descriptor) {
    String target = descriptorTarget(descriptor);
    return target != null ? isTerminal(target) : System.console() != null;
  }

  private static boolean isTerminal(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
  }

  /** What a descriptor is open on ({@code /dev/pts/0}, {@code pipe:[123]}), or null where that cannot be known. */
  private static String descriptorTarget(int descriptor) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  // This class holds no lambdas or method references, only named classes. picocli's classes are
  // compiled for Java 5, and the JDK's start-up archive keeps such a class only when nothing
  // links it while the archive is made; a lambda here (its proxy is made then) linked
  // CommandLine, picocli's largest class, which every run then read and verified anew with the
  // old verifier, 8 of picocli's classes in all (--version 5 ms slower, the corpus diff 15 ms).

  /**
   * Loads on the second core, while this one builds the command line, what the command will
   * need soon; nobody waits for it.
   */
  private static final class Preload extends Thread {
    private final boolean json;

    private Preload(String name, boolean json) {
      super(name);
      this.json = json;
      setDaemon(true);
    }

    /** Jackson's mapper, with which signify writes its results. */
    static Preload jsonWriter() {
      return new Preload("siggen-diff-json-init", true);
    }

    /** The JDK's tables for international host names, which parsing the API URL loads. */
    static Preload urlParser() {
      return new Preload("siggen-diff-url-init", false);
    }

    @Override
    public void run() {
      if (json) {
        AsciiJson.initialize();
      } else {
        ApiOptions.loadUrlParser();
      }
    }
  }

  /** Standard error that a signal can close to the run's own threads, with a last line of its own. */
  private static final class GatedWriter extends Writer {
    private final Writer out;
    private boolean closed;

    GatedWriter(Writer out) {
      this.out = out;
    }

    @Override
    public synchronized void write(char[] text, int offset, int length) throws IOException {
      if (!closed) {
        out.write(text, offset, length);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      if (!closed) {
        out.flush();
      }
    }

    @Override
    public synchronized void close() throws IOException {
      flush();
    }

    synchronized void closeWith(String lastLine) {
      try {
        out.write(lastLine);
        out.flush();
      } catch (IOException e) {
        // stderr is gone: nothing to say it on.
      }
      closed = true;
    }
  }

  /**
   * SIGINT and SIGTERM run shutdown hooks, and the JVM ends when they return: this one asks the
   * run to stop and holds the JVM until the run has written what it finished, then ends it with
   * the run's status (System.exit would block once shutdown has begun).
   */
  private static final class ShutdownHook extends Thread {
    private final Interruption interruption;
    private final GatedWriter err;

    ShutdownHook(Interruption interruption, GatedWriter err) {
      super("siggen-diff-shutdown");
      this.interruption = interruption;
      this.err = err;
    }

    @Override
    public void run() {
      interruption.request();
      int status = ExitCodes.INTERRUPTED;
      try {
        // A command that does not watch for the request is ended at once, as before.
        if (interruption.watched()) {
          int own = interruption.awaitStatus(SHUTDOWN_GRACE_MILLIS, ExitCodes.INTERRUPTED);
          status = interruption.statusAfterSignal(own);
          if (status != own && (own == ExitCodes.OK || own == ExitCodes.DIFFERENT)) {
            // The command met the end of its input before the signal (a pipeline's Ctrl-C ends
            // its writer too) and reported a whole run; the status says interrupted, so does this.
            err.closeWith("siggen-diff: interrupted, after the run had finished all of its input\n");
          }
        } else {
          // Stopped before any output of its own (loading siglists, say): one line says why,
          // and nothing after it: a signal to a pipeline also ends the input, and the run's
          // complaint about the input cut short is no news.
          err.closeWith("siggen-diff: interrupted\n");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(status);
    }
  }

  /** What picocli calls to run a parsed line and to report its failures. */
  private record Handlers(PrintWriter err)
      implements CommandLine.IExecutionStrategy, CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    @Override
    public int execute(CommandLine.ParseResult parsed) {
      return validateThenRun(parsed);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] arguments) {
      return usageError(exception, arguments, err);
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, CommandLine.ParseResult parsed) {
      return unexpected(exception, command, err);
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
      if (type == HistoryCommand.class) return type.cast(new HistoryCommand(context));
      if (type == FetchCommand.class) {
        return type.cast(new FetchCommand(context));
      }
      if (type == ReprocessCommand.class) {
        return type.cast(new ReprocessCommand(context));
      }
      if (type == ServeCommand.class) {
        return type.cast(new ServeCommand(context));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
