package org.siggendiff.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.siggendiff.report.TerminalText;
import org.siggendiff.serve.ServeSettings;
import org.siggendiff.serve.ServedSiglists;
import org.siggendiff.serve.SignatureServer;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.sources.SiglistResolver;
import org.siggendiff.sources.SiglistSourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siggen-diff serve}: signatures over HTTP, compatible with Crash Stats' CrashSignature API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Answers POST /api/CrashSignature/ as Crash Stats does ({\"jobs\": [crash_data, ...]} in,"
          + " {\"results\": [{\"signature\", \"notes\", \"extra\"}, ...]} out), POST /signify (JSON Lines in and out, as"
          + " signify --jsonl), GET /health and GET /siglists.",
      "Each --siglists is a source as for the diff, optionally named (newest=github:main); a request picks one with"
          + " ?siglists=NAME, else gets the first. Listens on the loopback address unless --bind says otherwise.",
      "Stops on Ctrl-C or SIGTERM after the requests in flight. Exit status: 0 stopped, 2 usage or configuration error,"
          + " 3 stopped with requests cut off."
    })
final class ServeCommand implements Callable<Integer>, Validated {
  /** NAME=SOURCE when what precedes the first '=' is a plain name; otherwise the whole text is the source. */
  private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=(.+)");
  private static final int MAX_BODY_BYTES = 1 << 30;

  private final CliContext context;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
  String bind;

  @Option(names = "--siglists", paramLabel = "[NAME=]SOURCE",
      description = "a siglist set to serve: DIR, PATH@REF, github:REF or github:pull/N, named NAME (default: the source);"
          + " repeatable, the first is the default (default: $" + SignifyCommand.SIGLISTS_ENV + ")")
  List<String> siglists = new ArrayList<>();

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + ServeSettings.DEFAULT_MAX_BODY_BYTES,
      description = "largest CrashSignature request body, and longest /signify line (default: ${DEFAULT-VALUE})")
  int maxBodyBytes;

  @Option(names = "--max-jobs", paramLabel = "N", defaultValue = "" + ServeSettings.DEFAULT_MAX_JOBS,
      description = "most jobs in one CrashSignature request (default: ${DEFAULT-VALUE})")
  int maxJobs;

  @Option(names = "--max-waiting", paramLabel = "N", defaultValue = "" + ServeSettings.DEFAULT_MAX_WAITING,
      description = "most requests waiting for a worker, and most connections beyond the workers' (each read on a thread of its own);"
          + " more are answered 503 with Retry-After (default: ${DEFAULT-VALUE})")
  int maxWaiting;

  @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "time bound of one CrashSignature request; jobs not signed by then get an error result (default: ${DEFAULT-VALUE})")
  int requestTimeout;

  @Mixin GitHubOptions github;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void validate() throws UsageError {
    OptionBounds.check("--port", port, 0, 65535);
    OptionBounds.check("--max-body-bytes", maxBodyBytes, 1024, MAX_BODY_BYTES);
    OptionBounds.check("--max-jobs", maxJobs, 1, 1_000_000);
    OptionBounds.check("--request-timeout", requestTimeout, 1, 3600);
    // Each may be a thread: ten thousand is far past what waiting is worth.
    OptionBounds.check("--max-waiting", maxWaiting, 1, 10_000);
  }

  @Override
  public Integer call() throws UsageError, InterruptedException {
    InetAddress address = address();
    List<ServedSiglists> served = load(specs());
    ServeSettings settings = ServeSettings.defaults(new InetSocketAddress(address, port))
        .withLimits(maxBodyBytes, maxJobs, Duration.ofSeconds(requestTimeout));
    settings = settings.withWorkers(settings.threads(), maxWaiting);
    SignatureServer server;
    try {
      server = new SignatureServer(settings, served, line -> context.err().println("serve: " + line));
    } catch (IOException e) {
      throw new UsageError("cannot listen on " + TerminalText.clean(bind) + " port " + port + ": " + TerminalText.clean(String.valueOf(e.getMessage())));
    }
    BooleanSupplier stopRequested = context.interruption().watchAsNormalEnd();
    server.start();
    InetSocketAddress listening = server.address();
    String host = listening.getAddress().getHostAddress();
    context.err().println("serve: listening on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + listening.getPort()
        + "/ with siglists " + served.stream().map(ServeCommand::describe).collect(Collectors.joining(", ")));
    context.err().flush();
    while (!stopRequested.getAsBoolean()) {
      Thread.sleep(50);
    }
    context.err().println("serve: stopping; finishing the requests in flight");
    boolean drained = server.stop();
    context.err().println(drained ? "serve: stopped" : "serve: stopped with requests cut off");
    context.err().flush();
    return drained ? ExitCodes.OK : ExitCodes.UNPROCESSED;
  }

  private InetAddress address() throws UsageError {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UsageError("--bind " + TerminalText.clean(bind) + ": not an address of this machine");
    }
  }

  /** The sets to load, as name and source; names are unique. */
  private List<String[]> specs() throws UsageError {
    List<String> given = siglists;
    if (given.isEmpty()) {
      String fromEnv = context.env().get(SignifyCommand.SIGLISTS_ENV);
      if (fromEnv == null || fromEnv.isEmpty()) {
        throw new UsageError("no siglists given: pass --siglists [NAME=]SOURCE or set " + SignifyCommand.SIGLISTS_ENV);
      }
      given = List.of(fromEnv);
    }
    List<String[]> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String spec : given) {
      Matcher named = NAMED.matcher(spec);
      String[] pair = named.matches() ? new String[] {named.group(1), named.group(2)} : new String[] {spec, spec};
      if (!names.add(pair[0])) {
        throw new UsageError("--siglists: the name " + TerminalText.clean(pair[0]) + " is given twice");
      }
      if (pair[1].equals(SiglistResolver.PRODUCTION)) {
        throw new UsageError("--siglists: production is the signatures stored in processed crashes, not a siglist set;"
            + " give DIR, PATH@REF or github:REF");
      }
      specs.add(pair);
    }
    return specs;
  }

  private List<ServedSiglists> load(List<String[]> specs) throws UsageError {
    SiglistResolver resolver =
        github.resolver(CrashStatsOptions.defaultCacheDir(context), false, warning -> context.err().println("serve: " + TerminalText.clean(warning)));
    List<ServedSiglists> served = new ArrayList<>();
    for (String[] spec : specs) {
      try {
        ResolvedSiglists resolved = resolver.resolve(spec[1], false);
        served.add(new ServedSiglists(spec[0], spec[1], resolved.commit(), Instant.now(), resolved.siglists().orElseThrow()));
      } catch (SiglistSourceException e) {
        // The problem starts with the source; a set given a name is named as it was given.
        String name = spec[0].equals(spec[1]) ? "" : TerminalText.clean(spec[0]) + "=";
        throw new UsageError(e.problems().stream().map(problem -> "--siglists " + name + TerminalText.clean(problem)).toList());
      }
    }
    return served;
  }

  private static String describe(ServedSiglists served) {
    String source = served.name().equals(served.source()) ? served.source() : served.name() + "=" + served.source();
    return TerminalText.clean(served.commit().map(sha -> source + " (commit " + sha + ")").orElse(source));
  }
}
