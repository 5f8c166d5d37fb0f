package org.siggendiff.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import org.siggendiff.attribution.CrashExplanation;
import org.siggendiff.attribution.ExplanationJson;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.LineUsage;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.crashdata.CrashDataAdapter;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.diff.CorpusReader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.report.ExplanationText;
import org.siggendiff.report.TerminalText;
import org.siggendiff.siglist.ResolvedSiglists;
import org.siggendiff.siglist.SiglistResolver;
import org.siggendiff.siglist.SiglistSourceException;
import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.SignatureGenerator;
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
      "CRASH is a crash ID (read through the cache), or a file holding one processed crash or"
          + " crash-data document. Without --baseline, the candidate's walk alone is explained.",
      "Exit status: 0 done, 2 usage or configuration error, 3 some crashes could not be explained."
    })
final class ExplainCommand implements Callable<Integer> {
  private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "SOURCE", description = "baseline siglists (default: none, explain one side)")
  String baseline;

  @Option(names = "--candidate", paramLabel = "SOURCE", defaultValue = "github:main",
      description = "candidate siglists (default: ${DEFAULT-VALUE})")
  String candidate;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--corpus", paramLabel = "PATH", description = "a folder or JSON Lines file of crashes; repeatable")
  List<Path> corpora = new ArrayList<>();

  @Option(names = "--github-repo", paramLabel = "OWNER/NAME", defaultValue = SiglistResolver.DEFAULT_GITHUB_REPO,
      description = "repository of github: sources (default: ${DEFAULT-VALUE})")
  String githubRepo;

  @Option(names = "--github-api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
      description = "GitHub API (default: ${DEFAULT-VALUE})")
  String githubApiUrl;

  @Mixin CrashStatsOptions crashStats;

  @Parameters(paramLabel = "CRASH", description = "crash IDs, or files holding one crash document each")
  List<String> crashes = new ArrayList<>();

  ExplainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    try {
      return explain();
    } catch (UsageError e) {
      context.err().println("siggen-diff explain: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private int explain() throws UsageError, IOException {
    boolean json = switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new UsageError("--format must be text or json, not " + TerminalText.clean(format));
    };
    if (crashes.isEmpty() && corpora.isEmpty()) {
      spec.commandLine().usage(context.err());
      return ExitCodes.USAGE;
    }
    List<DiffInput> inputs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String crash : crashes) {
      Path file = Path.of(crash);
      if (Files.isRegularFile(file)) {
        inputs.add(new DiffInput.Document(crash, null, Files.readString(file, StandardCharsets.UTF_8)));
      } else {
        ids.add(crash);
      }
    }
    List<CrashIdInput.Entry> entries = ids.isEmpty() ? List.of() : CrashIdInput.fromArguments(ids);

    SiglistResolver resolver = resolver();
    Explainer.Side baselineSide = baseline == null ? null : side(resolve(resolver, baseline, true));
    Explainer.Side candidateSide = side(resolve(resolver, candidate, false));
    Explainer explainer = new Explainer(baselineSide, candidateSide);
    LineUsage usage = explainer.change().map(LineUsage::new).orElse(null);

    CorpusReader corpus;
    try {
      corpus = new CorpusReader(corpora);
    } catch (IOException e) {
      throw new UsageError(e.getMessage());
    }
    int failed = 0;
    List<Explained> explained = new ArrayList<>();
    try (corpus; CrashStatsOptions.Opened opened = crashStats.open(context)) {
      // With crash IDs, a corpus is where to find them first; without, every crash in it is explained.
      List<String> wanted = new ArrayList<>();
      entries.forEach(entry -> {
        if (entry instanceof CrashIdInput.Valid valid) {
          wanted.add(valid.id().value());
        }
      });
      while (corpus.hasNext()) {
        DiffInput input = corpus.next();
        if (entries.isEmpty()) {
          inputs.add(input);
        } else if (input instanceof DiffInput.Document doc && wanted.removeIf(id -> doc.text().contains(id))) {
          inputs.add(input);
        }
      }
      Iterator<DiffInput> fromIds = CorpusReader.fromEntries(entries);
      fromIds.forEachRemaining(input -> {
        if (!(input instanceof DiffInput.Lookup lookup) || corpora.isEmpty() || wanted.contains(lookup.id().value())) {
          inputs.add(input);
        }
      });
      for (DiffInput input : inputs) {
        try {
          Loaded loaded = load(input, opened);
          CrashExplanation explanation = explainer.explain(loaded.data(), loaded.production());
          if (usage != null && explanation.baseline() != null) {
            usage.observe(frames(explanation.baseline()), frames(explanation.candidate()));
          }
          explained.add(new Explained(loaded.id(), explanation));
        } catch (CannotExplain | RuntimeException e) {
          failed++;
          context.err().println("siggen-diff explain: " + TerminalText.clean(input.where() + ": " + e.getMessage()));
        }
      }
    }
    List<LintWarning> lint = usage == null ? List.of() : usage.lint();
    for (Explained item : explained) {
      if (json) {
        context.out().println(ASCII_JSON.writeValueAsString(ExplanationJson.explanation(item.id(), item.explanation(), lint)));
      } else {
        ExplanationText.lines(item.id(), item.explanation(), lint).forEach(context.out()::println);
        context.out().println();
      }
    }
    context.out().flush();
    return failed > 0 ? ExitCodes.UNPROCESSED : ExitCodes.OK;
  }

  private record Explained(String id, CrashExplanation explanation) {}

  private record Loaded(String id, CrashData data, String production) {}

  private static final class CannotExplain extends Exception {
    private static final long serialVersionUID = 1L;

    CannotExplain(String message) {
      super(message);
    }
  }

  private static List<String> frames(org.siggendiff.attribution.SideExplanation side) {
    return side.walks().isEmpty() ? List.of() : side.walks().get(0).frames().stream().map(f -> f.text()).toList();
  }

  private static Loaded load(DiffInput input, CrashStatsOptions.Opened opened) throws CannotExplain {
    if (input instanceof DiffInput.Invalid invalid) {
      throw new CannotExplain(invalid.reason());
    }
    JsonNode document;
    String id;
    if (input instanceof DiffInput.Lookup lookup) {
      CrashResult result = opened.source().get(lookup.id());
      if (result instanceof CrashResult.Failed crashFailed) {
        throw new CannotExplain(crashFailed.kind().label() + ": " + crashFailed.reason());
      }
      document = ((CrashResult.Found) result).processedCrash();
      id = lookup.id().value();
    } else {
      DiffInput.Document doc = (DiffInput.Document) input;
      try {
        document = CrashJson.parse(doc.text());
      } catch (IOException e) {
        throw new CannotExplain("not valid JSON");
      }
      if (!document.isObject()) {
        throw new CannotExplain("not a JSON object");
      }
      JsonNode uuid = document.get("uuid");
      id = doc.crashId() != null ? doc.crashId() : uuid != null && uuid.isTextual() ? uuid.textValue() : doc.where();
    }
    if (document.has("json_dump")) {
      JsonNode stored = document.get("signature");
      return new Loaded(id, CrashDataAdapter.fromProcessedCrash(document), stored != null && stored.isTextual() ? stored.textValue() : null);
    }
    return new Loaded(id, CrashData.of(document), null);
  }

  private static Explainer.Side side(ResolvedSiglists resolved) {
    return resolved.siglists()
        .map(set -> new Explainer.Side(resolved.describe(), new SignatureGenerator(set)))
        .orElseGet(() -> Explainer.Side.production(resolved.describe()));
  }

  private SiglistResolver resolver() throws UsageError {
    HttpUrl api = HttpUrl.parse(githubApiUrl.endsWith("/") ? githubApiUrl : githubApiUrl + "/");
    if (api == null) {
      throw new UsageError("--github-api-url is not an http(s) URL");
    }
    return new SiglistResolver(
        new SiglistResolver.Settings(crashStats.cacheDir(context), api, githubRepo, crashStats.offline),
        warning -> context.err().println("siggen-diff: " + TerminalText.clean(warning)));
  }

  private static ResolvedSiglists resolve(SiglistResolver resolver, String source, boolean isBaseline) throws UsageError {
    try {
      return resolver.resolve(source, isBaseline);
    } catch (SiglistSourceException e) {
      throw new UsageError((isBaseline ? "--baseline " : "--candidate ") + TerminalText.clean(e.getMessage()));
    }
  }
}
