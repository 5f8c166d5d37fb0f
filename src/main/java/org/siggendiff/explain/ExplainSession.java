package org.siggendiff.explain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.siggendiff.attribution.CrashExplanation;
import org.siggendiff.attribution.ExplainedWalk;
import org.siggendiff.attribution.Explainer;
import org.siggendiff.attribution.LineUsage;
import org.siggendiff.attribution.LintWarning;
import org.siggendiff.attribution.SideExplanation;
import org.siggendiff.cache.DiskCache;
import org.siggendiff.cache.RawCrashes;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.crashstats.InvalidCrashIdException;
import org.siggendiff.diff.CorpusLine;
import org.siggendiff.diff.CorpusReader;
import org.siggendiff.diff.CrashLoader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.diff.DiffRow;

/**
 * One {@code explain} run: finds the crashes asked for, explains each on both sides, and
 * collects the warnings about the lines the candidate adds. Crashes are read as the diff reads
 * them (crash IDs through the crash source, files and corpora through {@link CorpusReader},
 * documents classified by content) and fail with the diff's rows.
 */
public final class ExplainSession {
  /**
   * A crash explained, named by its crash ID or where it came from.
   *
   * @param raw the raw annotations the rules' fields come from, when its raw crash is cached or
   *     it was asked for by crash ID; null otherwise
   */
  public record Explained(String crashId, CrashExplanation explanation, RawAnnotations raw) {}

  /**
   * What the run produced.
   *
   * @param explained the crashes explained, in the order asked for
   * @param failures the inputs that could not be explained, as the diff's error rows
   * @param lint warnings about the lines the candidate adds, over the crashes explained
   * @param passedOver what the corpus folders hold and are not read, named as the diff names it
   */
  public record Outcome(List<Explained> explained, List<DiffRow> failures, List<LintWarning> lint, List<String> passedOver) {}

  private final Explainer explainer;
  private final boolean productionBaseline;
  private final CrashLoader loader;
  private final int maxDocumentBytes;
  private final DiskCache cache;
  private final List<String> passedOver = new ArrayList<>();

  /**
   * @param productionBaseline whether the baseline is the signature stored with each crash
   * @param source where crash IDs are looked up
   * @param maxDocumentBytes the most bytes one document may have
   * @param cache where raw crashes are looked up (never fetched); null for none
   */
  public ExplainSession(Explainer explainer, boolean productionBaseline, CrashSource source, int maxDocumentBytes, DiskCache cache) {
    this.explainer = explainer;
    this.productionBaseline = productionBaseline;
    this.loader = new CrashLoader(source);
    this.maxDocumentBytes = maxDocumentBytes;
    this.cache = cache;
  }

  /**
   * Explains the crashes asked for: each argument is a crash ID, or an existing file or folder
   * whose every crash is explained. With crash IDs, the corpora are where they are looked up
   * first (by each document's own crash ID); without, every crash of the corpora is explained.
   *
   * @throws IOException when a corpus does not exist or cannot be listed
   */
  public Outcome explain(List<String> arguments, List<Path> corpora) throws IOException {
    List<DiffInput> inputs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    // Each argument, in order: a file or folder, a line of a file, or the position of one read as a crash ID.
    List<Object> order = new ArrayList<>();
    List<CrashIdInput.Entry> entries = CrashIdInput.fromArguments(arguments);
    // The crash IDs asked for as such, whose raw crash is said to be missing when it is.
    Set<String> askedById = new HashSet<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      boolean crashId = entries.get(i) instanceof CrashIdInput.Valid;
      Optional<CorpusLine> fileLine = crashId ? Optional.empty() : CorpusLine.parse(argument);
      if (!crashId && CorpusLine.exists(argument)) {
        order.add(Path.of(argument));
      } else if (fileLine.isPresent()) {
        order.add(fileLine.get());
      } else {
        order.add(i);
        ids.add(argument);
        askedById.add(canonical(argument));
      }
    }
    Map<String, DiffInput> fromCorpora = new LinkedHashMap<>();
    try (CorpusReader corpus = new CorpusReader(corpora, maxDocumentBytes)) {
      corpus.passedOverNote().ifPresent(passedOver::add);
      if (arguments.isEmpty()) {
        corpus.forEachRemaining(inputs::add);
      } else if (!ids.isEmpty() && !corpora.isEmpty()) {
        while (corpus.hasNext()) {
          DiffInput input = corpus.next();
          String id = crashIdOf(input);
          if (id != null && ids.contains(id)) {
            fromCorpora.putIfAbsent(id, input);
          }
        }
      }
    }
    for (Object item : order) {
      if (item instanceof Path file) {
        readFile(file, inputs);
      } else if (item instanceof CorpusLine fileLine) {
        inputs.add(fileLine.read(maxDocumentBytes));
      } else {
        CrashIdInput.Entry entry = entries.get((Integer) item);
        String argument = arguments.get((Integer) item);
        DiffInput found = fromCorpora.get(argument);
        // A crash ID has neither, so this one was meant as a file or folder.
        boolean aPath = argument.indexOf('/') >= 0 || argument.indexOf('.') >= 0;
        inputs.add(found != null ? found : aPath && !(entry instanceof CrashIdInput.Valid)
            ? new DiffInput.Invalid(argument, "no such file or folder")
            : CorpusReader.fromEntries(List.of(entry)).next());
      }
    }
    return explainAll(inputs, askedById);
  }

  private static String canonical(String argument) {
    try {
      return CrashId.parse(argument).value();
    } catch (InvalidCrashIdException e) {
      return argument;
    }
  }

  private void readFile(Path file, List<DiffInput> inputs) {
    try (CorpusReader reader = new CorpusReader(List.of(file), maxDocumentBytes)) {
      reader.passedOverNote().ifPresent(passedOver::add);
      reader.forEachRemaining(inputs::add);
    } catch (IOException e) {
      inputs.add(new DiffInput.Invalid(file.toString(), e.getMessage()));
    }
  }

  /** The crash ID a corpus input names, or null for what is not a crash. */
  private static String crashIdOf(DiffInput input) {
    if (input instanceof DiffInput.Lookup lookup) {
      return lookup.id().value();
    }
    if (input instanceof DiffInput.Document document) {
      if (document.crashId() != null) {
        return document.crashId();
      }
      CrashDocument.Classified classified = CrashLoader.classify(document);
      return classified instanceof CrashDocument.Crash crash ? CrashLoader.crashIdOf(document, crash) : null;
    }
    return null;
  }

  private Outcome explainAll(List<DiffInput> inputs, Set<String> askedById) {
    LineUsage usage = explainer.change().map(LineUsage::new).orElse(null);
    List<Explained> explained = new ArrayList<>();
    List<DiffRow> failures = new ArrayList<>();
    for (DiffInput input : inputs) {
      CrashLoader.Loaded loaded = loader.load(input);
      if (loaded instanceof CrashLoader.Failed failed) {
        failures.add(failed.row());
        continue;
      }
      CrashLoader.Crash crash = (CrashLoader.Crash) loaded;
      if (productionBaseline && crash.production() == null) {
        failures.add(failure(crash, "no production signature", "the baseline is production, and this document has no stored signature"));
        continue;
      }
      CrashExplanation explanation;
      try {
        explanation = explainer.explain(crash.crashData(), crash.production());
      } catch (UnsignableCrashException e) {
        failures.add(failure(crash, e.kind(), e.getMessage()));
        continue;
      } catch (RuntimeException e) {
        // A bug, not bad input: the crash is reported, the others are still explained.
        failures.add(failure(crash, "internal error", "internal error: " + e));
        continue;
      }
      if (usage != null && explanation.baseline() != null) {
        try {
          usage.observe(frames(explanation.baseline()), frames(explanation.candidate()));
        } catch (UnsignableCrashException e) {
          failures.add(failure(crash, e.kind(), e.getMessage()));
          continue;
        }
      }
      explained.add(new Explained(crash.crashId(), explanation, raw(crash.crashId(), askedById.contains(crash.crashId()))));
    }
    return new Outcome(explained, failures, usage == null ? List.of() : usage.lint(), List.copyOf(passedOver));
  }

  /** The cached raw crash's rule annotations; not cached only said of a crash asked for by ID. */
  private RawAnnotations raw(String crashId, boolean askedById) {
    if (cache == null || crashId == null) {
      return null;
    }
    CrashId id;
    try {
      id = CrashId.parse(crashId);
    } catch (InvalidCrashIdException e) {
      return null;
    }
    Optional<List<RawCrashes.Annotation>> annotations = RawCrashes.ruleAnnotations(cache, id);
    if (annotations.isPresent()) {
      return new RawAnnotations(annotations.get());
    }
    return askedById ? RawAnnotations.notCached() : null;
  }

  private static DiffRow failure(CrashLoader.Crash crash, String kind, String reason) {
    return DiffRow.failed(crash.crashId(), crash.linkable(), kind, reason);
  }

  private static List<String> frames(SideExplanation side) {
    List<String> frames = new ArrayList<>();
    for (ExplainedWalk walk : side.walks()) {
      walk.frames().forEach(frame -> frames.add(frame.text()));
    }
    return frames;
  }
}
