package org.siggendiff.beam;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistKind;

/**
 * The diff as an Apache Beam pipeline: read, parse, sign under the baseline and the candidate,
 * then write the changed rows, the failures (dead letters, each with its reason), the counts of
 * each transition, the counts per siglist line, and the summary the CLI's {@code --summary}
 * writes. The same input gives the CLI's rows (as a set) and the CLI's numbers.
 */
public final class DiffPipeline {
  private static final TupleTag<String> CHANGED = new TupleTag<>() {};
  private static final TupleTag<CrashDiff.Failure> FAILED = new TupleTag<>() {};
  private static final TupleTag<String> FACTS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Set<String>>> FRAMES = new TupleTag<>() {};
  private static final String BASELINE = "baseline";
  private static final String CANDIDATE = "candidate";

  private DiffPipeline() {}

  /** The metric that counts the dead letters, so that the exit status says whether every input was signed. */
  private static final String DEAD_LETTERS = "dead-letters";

  public static void main(String[] args) {
    PipelineOptionsFactory.register(DiffPipelineOptions.class);
    DiffPipelineOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(DiffPipelineOptions.class);
    System.exit(run(options, System.err));
  }

  /**
   * Builds and runs the pipeline; the exit status as the CLI's: 0 done, 2 siglists or input
   * that cannot be used, 3 some inputs could not be signed (dead letters) or the run failed.
   */
  static int run(DiffPipelineOptions options, PrintStream err) {
    Pipeline pipeline;
    try {
      pipeline = build(options);
    } catch (SiglistException | IOException e) {
      // A siglist folder that is missing or has a broken line stops the launch: nothing ran.
      err.println("siggen-diff-beam: " + e.getMessage());
      return 2;
    }
    PipelineResult result;
    try {
      result = pipeline.run();
      if (result.waitUntilFinish() != PipelineResult.State.DONE) {
        err.println("siggen-diff-beam: the pipeline did not finish");
        return 3;
      }
    } catch (Pipeline.PipelineExecutionException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      // An input pattern that matches no file is the launch's mistake; anything else the run's.
      boolean noInput = cause instanceof FileNotFoundException;
      err.println("siggen-diff-beam: " + (noInput ? "" : "the pipeline failed: ") + cause.getMessage());
      return noInput ? 2 : 3;
    }
    long deadLetters = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(DiffPipeline.class, DEAD_LETTERS)).build()).getCounters()) {
      deadLetters += counter.getAttempted();
    }
    if (deadLetters > 0) {
      err.println("siggen-diff-beam: " + deadLetters + (deadLetters == 1 ? " input" : " inputs") + " could not be signed; see the dead letters");
      return 3;
    }
    return 0;
  }

  /**
   * Builds the pipeline; the siglist folders are read and checked here, on the launching
   * machine, and travel inside the job.
   *
   * @throws SiglistException naming every broken siglist line as {@code file:line}
   */
  public static Pipeline build(DiffPipelineOptions options) throws SiglistException, IOException {
    SiglistTexts baseline = SiglistTexts.read(options.getBaseline());
    SiglistTexts candidate = SiglistTexts.read(options.getCandidate());
    String output = options.getOutput();
    Pipeline pipeline = Pipeline.create(options);

    PCollection<CrashInput> inputs = pipeline
        .apply("Match", FileIO.match().filepattern(options.getInput()))
        // Gzip is detected as the CLI detects it, by name or magic bytes, so files are opened raw.
        .apply("Open", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
        .apply("Read", ParDo.of(new ReadFilesFn(options.getMaxDocumentBytes())))
        .setCoder(new CrashInputCoder())
        // A file is read by one worker; signing is spread over all of them.
        .apply("Spread", Reshuffle.<CrashInput>viaRandomKey().withNumBuckets(options.getSpreadBuckets()));

    PCollectionTuple diffed = inputs.apply("Sign", ParDo.of(new SignFn(baseline, candidate))
        .withOutputTags(CHANGED, TupleTagList.of(FAILED).and(FACTS).and(FRAMES)));
    PCollection<String> changed = diffed.get(CHANGED).setCoder(StringUtf8Coder.of());
    PCollection<CrashDiff.Failure> failed = diffed.get(FAILED).setCoder(SerializableCoder.of(CrashDiff.Failure.class));
    PCollection<Map<String, Long>> factCounts = diffed.get(FACTS).setCoder(StringUtf8Coder.of())
        .apply("Count facts", Combine.globally(new Tally.Counts()))
        .setCoder(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    PCollection<KV<String, Long>> facts = factCounts
        .apply("Each fact", FlatMapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((Map<String, Long> counts) -> counts.entrySet().stream().map(e -> KV.of(e.getKey(), e.getValue())).toList()));
    KvCoder<String, Set<String>> framesCoder = KvCoder.of(StringUtf8Coder.of(), SetCoder.of(StringUtf8Coder.of()));
    PCollection<KV<String, Set<String>>> frames = diffed.get(FRAMES)
        .setCoder(framesCoder)
        .apply("Distinct frames", Combine.perKey(new Tally.Union()))
        .setCoder(framesCoder);

    changed.apply("Write changed", TextIO.write().to(output + "changed").withSuffix(".jsonl"));
    failed
        .apply("Dead letters", MapElements.into(TypeDescriptors.strings()).via(CrashDiff.Failure::toJson))
        .apply("Write dead letters", TextIO.write().to(output + "dead-letter").withSuffix(".jsonl"));
    facts
        .apply("Transitions", Filter.by(fact -> fact.getKey().startsWith("[\"" + CrashDiff.Facts.MOVE + "\"")))
        .apply("Transition rows", MapElements.into(TypeDescriptors.strings()).via(fact -> countRow(fact, "baseline", "candidate")))
        .apply("Write transitions", TextIO.write().to(output + "transitions.jsonl").withoutSharding());
    facts
        .apply("Line facts", Filter.by(fact -> fact.getKey().startsWith("[\"" + CrashDiff.Facts.LINE + "\"")))
        .apply("Line rows", MapElements.into(TypeDescriptors.strings())
            .via(fact -> countRow(fact, "file", "line", "change", "text", "baseline", "candidate")))
        .apply("Write by line", TextIO.write().to(output + "by-line.jsonl").withoutSharding());

    PCollectionView<Map<String, Long>> factView = factCounts.apply("Facts view", View.asSingleton());
    PCollectionView<List<CrashDiff.Failure>> failureView = failed.apply("Failures view", View.asList());
    PCollectionView<Map<String, Set<String>>> frameView = frames.apply("Frames view", View.asMap());
    pipeline
        .apply("Once", Create.of("summary"))
        .apply("Summarize", ParDo.of(new SummaryFn(baseline, candidate, factView, failureView, frameView))
            .withSideInputs(factView, failureView, frameView))
        .apply("Write summary", TextIO.write().to(output + "summary.json").withoutSharding());
    return pipeline;
  }

  /** A fact's parts under the given names, with its count, as one JSON Lines row. */
  private static String countRow(KV<String, Long> fact, String... names) {
    try {
      JsonNode parts = JSON.readTree(fact.getKey());
      ObjectNode row = JSON.createObjectNode();
      for (int i = 0; i < names.length; i++) {
        JsonNode part = parts.get(i + 1);
        if (names[i].equals("file")) {
          row.put("file", SiglistKind.valueOf(part.asText()).fileName());
        } else {
          row.set(names[i], part);
        }
      }
      row.put("crashes", fact.getValue());
      return CrashDiff.write(row);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /**
   * Signs each input; the engines are built once per worker, from the siglist text in the job.
   * The normalized frames are gathered per bundle and leave as one set per side, not one
   * element per frame.
   */
  static final class SignFn extends DoFn<CrashInput, String> {
    private final Counter deadLetters = Metrics.counter(DiffPipeline.class, DEAD_LETTERS);
    private final SiglistTexts baseline;
    private final SiglistTexts candidate;
    private transient CrashDiff diff;
    private transient Set<String> baselineFrames;
    private transient Set<String> candidateFrames;

    SignFn(SiglistTexts baseline, SiglistTexts candidate) {
      this.baseline = baseline;
      this.candidate = candidate;
    }

    @Setup
    public void setup() {
      diff = new CrashDiff(baseline, candidate);
    }

    @StartBundle
    public void startBundle() {
      baselineFrames = new HashSet<>();
      candidateFrames = new HashSet<>();
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (KV<String, Set<String>> side : List.of(KV.of(BASELINE, baselineFrames), KV.of(CANDIDATE, candidateFrames))) {
        if (!side.getValue().isEmpty()) {
          context.output(FRAMES, side, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        }
      }
    }

    @ProcessElement
    public void process(@Element CrashInput input, MultiOutputReceiver out) {
      CrashDiff.Outcome outcome = diff.diff(input);
      if (outcome.changedRow() != null) {
        out.get(CHANGED).output(outcome.changedRow());
      }
      if (outcome.failure() != null) {
        out.get(FAILED).output(outcome.failure());
        deadLetters.inc();
      }
      outcome.facts().forEach(out.get(FACTS)::output);
      baselineFrames.addAll(outcome.baselineFrames());
      candidateFrames.addAll(outcome.candidateFrames());
    }
  }

  /** The summary, once every input is counted. */
  static final class SummaryFn extends DoFn<String, String> {
    private final SiglistTexts baseline;
    private final SiglistTexts candidate;
    private final PCollectionView<Map<String, Long>> facts;
    private final PCollectionView<List<CrashDiff.Failure>> failures;
    private final PCollectionView<Map<String, Set<String>>> frames;

    SummaryFn(SiglistTexts baseline, SiglistTexts candidate, PCollectionView<Map<String, Long>> facts,
        PCollectionView<List<CrashDiff.Failure>> failures, PCollectionView<Map<String, Set<String>>> frames) {
      this.baseline = baseline;
      this.candidate = candidate;
      this.facts = facts;
      this.failures = failures;
      this.frames = frames;
    }

    @ProcessElement
    public void process(ProcessContext context) throws IOException {
      Map<String, Set<String>> distinct = context.sideInput(frames);
      ObjectNode summary = new SummaryBuilder(baseline, candidate).build(context.sideInput(facts), context.sideInput(failures),
          distinct.getOrDefault(BASELINE, Set.of()), distinct.getOrDefault(CANDIDATE, Set.of()));
      context.output(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }
  }

}
