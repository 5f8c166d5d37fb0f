package org.siggendiff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.ExplanationJson;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.diff.DiffRow;
import org.siggendiff.explain.ExplainSession;
import org.siggendiff.explain.RawAnnotations;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.report.ExplanationText;
import org.siggendiff.report.TerminalText;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.sources.ResolvedSiglists;
import org.siggendiff.sources.SiglistResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code siggen-diff explain}: why a crash has its signature, frame by frame, on each side. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "For each crash, the normalized frames of the walked thread with their role on each side"
          + " (sentinel, irrelevant, prefix, line numbers, signature end, not reached) and the"
          + " siglist line (file:line) behind it, the signatures, the siglist lines responsible"
          + " when they differ, the rules that changed the signature after the walk, and notes.",
      "CRASH is a crash ID (read through the cache, or found in the --corpus given), or a file"
          + " or folder of crashes, each explained. Without --baseline, the candidate's walk alone"
          + " is explained. Crashes that cannot be read are listed on stderr.",
      "Exit status: 0 done, 2 usage or configuration error, 3 some crashes could not be explained."
    })
final class ExplainCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "SOURCE", description = "baseline siglists (default: none, explain one side)")
  String baseline;

  @Option(names = "--candidate", paramLabel = "SOURCE", defaultValue = "github:main",
      description = "candidate siglists (default: ${DEFAULT-VALUE})")
  String candidate;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = {"-v", "--verbose"}, description = "include the debug log of both sides, as the diff's -v does")
  boolean verbose;

  @Option(names = "--corpus", paramLabel = "PATH", description = "a folder or JSON Lines file of crashes; repeatable")
  List<Path> corpora = new ArrayList<>();

  @Mixin GitHubOptions github;

  @Mixin CrashStatsOptions crashStats;

  @Parameters(paramLabel = "CRASH", description = "crash IDs, or files or folders of crashes")
  List<String> crashes = new ArrayList<>();

  ExplainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, UsageError {
    return explain();
  }

  private int explain() throws UsageError, IOException {
    boolean json = switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new UsageError("--format must be text or json, not " + UsageError.given(format));
    };
    if (crashes.isEmpty() && corpora.isEmpty()) {
      spec.commandLine().usage(context.err());
      return ExitCodes.USAGE;
    }
    SiglistResolver resolver = github.resolver(
        crashStats.cacheDir(context), crashStats.offline, warning -> context.err().println("explain: " + TerminalText.clean(warning)));
    SiglistResolver.Pair sources = GitHubOptions.resolvePair(resolver, baseline, candidate);
    ResolvedSiglists baselineSource = sources.baseline();
    SignatureGenerator candidate = new SignatureGenerator(sources.candidate().siglists().orElseThrow());
    Explainer explainer = new Explainer(
        baselineSource == null ? null : side(baselineSource, candidate), new Explainer.Side(sources.candidate().describe(), candidate));
    ExplainSession.Outcome outcome;
    try (CrashStatsOptions.Opened opened = crashStats.open(context)) {
      ExplainSession session = new ExplainSession(
          explainer, baselineSource != null && baselineSource.isProduction(), opened.source(), (int) crashStats.maxCrashBytes(),
          opened.cache());
      try {
        outcome = session.explain(crashes, corpora);
      } catch (IOException e) {
        throw new UsageError(TerminalText.clean(e.getMessage()));
      }
    }
    outcome.passedOver().forEach(note -> context.err().println("explain: " + TerminalText.clean(note)));
    for (ExplainSession.Explained item : outcome.explained()) {
      if (json) {
        ObjectNode node = ExplanationJson.explanation(item.crashId(), item.explanation(), outcome.lint(), verbose);
        node.set("raw_annotations", item.raw() == null ? RawAnnotations.notCached().json() : item.raw().json());
        context.out().println(AsciiJson.COMPACT.writeValueAsString(node));
      } else {
        ExplanationText.lines(item.crashId(), item.explanation(), item.raw(), verbose).forEach(context.out()::println);
        context.out().println();
      }
    }
    if (!json && !outcome.explained().isEmpty()) {
      ExplanationText.warnings(outcome.lint()).forEach(context.out()::println);
    }
    context.out().flush();
    if (outcome.explained().isEmpty() && outcome.failures().isEmpty()) {
      context.err().println("explain: no crash to explain: the files and folders given hold none");
    }
    for (DiffRow failure : outcome.failures()) {
      context.err().println("explain: failed: " + TerminalText.clean(failure.crashId() + ": " + failure.error()));
    }
    if (outcome.failures().stream().anyMatch(failure -> CrashResult.FailureKind.NOT_CACHED.label().equals(failure.errorKind()))) {
      context.err().println(corpora.isEmpty()
          ? "explain: a crash of a corpus is found with --corpus FILE, or named FILE:LINE as the diff names it"
          : "explain: a crash ID that is not in the --corpus given is looked up in the cache, and was not there");
    }
    return outcome.failures().isEmpty() ? ExitCodes.OK : ExitCodes.UNPROCESSED;
  }

  /** The baseline's side, its frames normalized once with the candidate's. */
  private static Explainer.Side side(ResolvedSiglists resolved, SignatureGenerator candidate) {
    return resolved.siglists()
        .map(set -> new Explainer.Side(resolved.describe(), candidate.withSiglists(set)))
        .orElseGet(() -> Explainer.Side.production(resolved.describe()));
  }
}
