package org.siggendiff.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.crashstats.InvalidCrashIdException;
import org.siggendiff.pipeline.OrderedParallelMap;
import org.siggendiff.signature.CrashData;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;
import org.siggendiff.signature.UnsignableCrashException;

/**
 * Signs every input with a baseline and a candidate, on several threads, and hands out rows
 * in input order. Getting a crash and signing it happen in the same task, so fetching,
 * reading the cache and generating overlap across tasks.
 */
public final class DiffRunner {
  private final SignatureGenerator baseline;
  private final SignatureGenerator candidate;
  private final CrashSource source;
  private final int jobs;

  /**
   * @param baseline null to use each crash's production signature
   * @param source where crash IDs are looked up; may be null when the inputs are all documents
   * @param jobs how many inputs are handled at once
   */
  public DiffRunner(SignatureGenerator baseline, SignatureGenerator candidate, CrashSource source, int jobs) {
    this.baseline = baseline;
    this.candidate = candidate;
    this.source = source;
    this.jobs = jobs;
  }

  /**
   * Hands out a row per input until the inputs run out or {@code stop} says so. A bug that
   * throws while one input is handled becomes that input's "internal error" row.
   */
  public OrderedParallelMap.Outcome run(Iterator<? extends DiffInput> inputs, Consumer<DiffRow> rows, BooleanSupplier stop)
      throws InterruptedException {
    return new OrderedParallelMap<DiffInput, DiffRow>(this::row, DiffRunner::internalError, jobs, jobs * 8).run(inputs, rows, stop);
  }

  static DiffRow internalError(DiffInput input, Throwable error) {
    StackTraceElement[] trace = error.getStackTrace();
    String detail = "internal error at " + input.where() + ": " + error + (trace.length > 0 ? " (at " + trace[0] + ")" : "");
    if (input instanceof DiffInput.Lookup lookup) {
      return DiffRow.failed(lookup.id().value(), true, "internal error", detail);
    }
    if (input instanceof DiffInput.Document document && document.crashId() != null) {
      return DiffRow.failed(document.crashId(), true, "internal error", detail);
    }
    return DiffRow.failed(input.where(), false, "internal error", detail);
  }

  /**
   * The row for one input; never throws for bad input, which becomes an error row. The row's
   * crash ID cell of bad input says where it came from, so its error does not repeat it.
   */
  public DiffRow row(DiffInput input) {
    if (input instanceof DiffInput.Invalid invalid) {
      return DiffRow.failed(invalid.where(), false, "invalid input", invalid.reason());
    }
    if (input instanceof DiffInput.Lookup lookup) {
      CrashResult result = source.get(lookup.id());
      if (result instanceof CrashResult.Failed failed) {
        return DiffRow.failed(lookup.id().value(), true, failed.kind().label(), failed.reason());
      }
      CrashDocument.Crash crash =
          new CrashDocument.Crash(CrashDocument.Kind.PROCESSED_CRASH, ((CrashResult.Found) result).processedCrash(), List.of());
      return sign(lookup.id().value(), true, crash);
    }
    DiffInput.Document document = (DiffInput.Document) input;
    JsonNode json;
    try {
      json = CrashJson.parse(document.text());
    } catch (IOException e) {
      // Jackson's own wording is for developers; a document too deep is said as such.
      String why = e instanceof JsonProcessingException ? "not valid JSON" : e.getMessage();
      return DiffRow.failed(document.where(), false, "bad document", why);
    }
    CrashDocument.Classified classified = CrashDocument.classify(json);
    if (classified instanceof CrashDocument.NotACrash notACrash) {
      return DiffRow.failed(document.where(), false, "bad document", notACrash.reason());
    }
    CrashDocument.Crash crash = (CrashDocument.Crash) classified;
    String id = document.crashId() != null ? document.crashId() : crashIdOf(crash);
    return sign(id != null ? id : document.where(), id != null, crash);
  }

  /** The first of the crash IDs a document names itself by that is one. */
  private static String crashIdOf(CrashDocument.Crash crash) {
    for (String candidate : crash.crashIds()) {
      try {
        return CrashId.parse(candidate).value();
      } catch (InvalidCrashIdException e) {
        // the next candidate may be one
      }
    }
    return null;
  }

  private DiffRow sign(String crashId, boolean linkable, CrashDocument.Crash crash) {
    String production = crash.production();
    CrashData crashData;
    try {
      crashData = crash.crashData();
    } catch (UnsignableCrashException e) {
      return DiffRow.failed(crashId, linkable, e.kind(), e.getMessage());
    }
    SignatureResult candidateResult;
    SignatureResult baselineResult = null;
    try {
      candidateResult = candidate.generate(crashData);
      if (baseline != null) {
        baselineResult = baseline.generate(crashData);
      }
    } catch (UnsignableCrashException e) {
      return DiffRow.failed(crashId, linkable, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return DiffRow.failed(crashId, linkable, "generation failed", "signature generation failed: " + e);
    }
    if (baselineResult == null && production == null) {
      return DiffRow.failed(
          crashId, linkable, "no production signature", "the baseline is production, and this document has no stored signature");
    }
    return new DiffRow(
        crashId,
        linkable,
        production,
        baselineResult != null ? baselineResult.signature() : production,
        candidateResult.signature(),
        baselineResult != null ? baselineResult.notes() : List.of(),
        candidateResult.notes(),
        baselineResult != null ? baselineResult.debugLog() : List.of(),
        candidateResult.debugLog(),
        null,
        null);
  }
}
