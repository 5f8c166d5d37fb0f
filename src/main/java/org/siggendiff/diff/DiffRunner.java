package org.siggendiff.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.siggendiff.crashdata.CrashDataAdapter;
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

  public void run(Iterator<? extends DiffInput> inputs, Consumer<DiffRow> rows) throws InterruptedException {
    new OrderedParallelMap<DiffInput, DiffRow>(this::row, jobs, jobs * 8).run(inputs, rows);
  }

  /** The row for one input; never throws for bad input, which becomes an error row. */
  public DiffRow row(DiffInput input) {
    if (input instanceof DiffInput.Invalid invalid) {
      return DiffRow.failed(invalid.where(), false, "invalid input", invalid.where() + ": " + invalid.reason());
    }
    if (input instanceof DiffInput.Lookup lookup) {
      CrashResult result = source.get(lookup.id());
      if (result instanceof CrashResult.Failed failed) {
        return DiffRow.failed(lookup.id().value(), true, failed.kind().label(), failed.reason());
      }
      return sign(lookup.id().value(), true, ((CrashResult.Found) result).processedCrash(), true);
    }
    DiffInput.Document document = (DiffInput.Document) input;
    JsonNode json;
    try {
      json = CrashJson.parse(document.text());
    } catch (IOException e) {
      // Jackson's own wording is for developers; a document too deep is said as such.
      String why = e instanceof JsonProcessingException ? "not valid JSON" : e.getMessage();
      return DiffRow.failed(document.where(), false, "bad document", document.where() + ": " + why);
    }
    if (!json.isObject()) {
      return DiffRow.failed(document.where(), false, "bad document", document.where() + ": not a JSON object");
    }
    String id = document.crashId() != null ? document.crashId() : crashIdOf(json);
    return sign(id != null ? id : document.where(), id != null, json, json.has("json_dump"));
  }

  private static String crashIdOf(JsonNode document) {
    JsonNode uuid = document.get("uuid");
    if (uuid == null || !uuid.isTextual()) {
      return null;
    }
    try {
      return CrashId.parse(uuid.textValue()).value();
    } catch (InvalidCrashIdException e) {
      return null;
    }
  }

  private DiffRow sign(String crashId, boolean linkable, JsonNode document, boolean processed) {
    String production = null;
    CrashData crashData;
    if (processed) {
      JsonNode stored = document.get("signature");
      production = stored != null && stored.isTextual() ? stored.textValue() : null;
      try {
        crashData = CrashDataAdapter.fromProcessedCrash(document);
      } catch (UnsignableCrashException e) {
        return DiffRow.failed(crashId, linkable, e.kind(), e.getMessage());
      }
    } else {
      crashData = CrashData.of(document);
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
