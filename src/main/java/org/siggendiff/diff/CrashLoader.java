package org.siggendiff.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashResult;
import org.siggendiff.crashstats.CrashSource;
import org.siggendiff.crashstats.InvalidCrashIdException;

/**
 * Turns an input into a crash to sign: a crash ID through the crash source, a corpus document
 * classified by its content. What cannot be loaded becomes the failed row the diff reports for
 * it, so every command that reads crashes fails the same way on the same input.
 */
public final class CrashLoader {
  /** An input loaded, or the row that says why it could not be. */
  public sealed interface Loaded permits Crash, Failed {}

  /**
   * A crash ready to sign.
   *
   * @param crashId its crash ID, or where it came from when it names none
   * @param linkable whether {@code crashId} is a crash ID
   * @param production the signature stored with it, or null
   */
  public record Crash(String crashId, boolean linkable, String production, CrashData crashData) implements Loaded {}

  /** An input that could not be loaded, as its diff row. */
  public record Failed(DiffRow row) implements Loaded {}

  private final CrashSource source;

  /** @param source where crash IDs are looked up; may be null when the inputs are all documents */
  public CrashLoader(CrashSource source) {
    this.source = source;
  }

  /** Never throws for bad input. The crash ID cell of bad input says where it came from. */
  public Loaded load(DiffInput input) {
    if (input instanceof DiffInput.Invalid invalid) {
      return new Failed(DiffRow.failed(invalid.where(), false, "invalid input", invalid.reason()));
    }
    if (input instanceof DiffInput.Lookup lookup) {
      CrashResult result = source.get(lookup.id());
      if (result instanceof CrashResult.Failed failed) {
        return new Failed(DiffRow.failed(lookup.id().value(), true, failed.kind().label(), failed.reason()));
      }
      CrashDocument.Crash crash =
          new CrashDocument.Crash(CrashDocument.Kind.PROCESSED_CRASH, ((CrashResult.Found) result).processedCrash(), List.of());
      return signable(lookup.id().value(), true, crash);
    }
    DiffInput.Document document = (DiffInput.Document) input;
    String problem = document.utf8Problem();
    if (problem != null) {
      return new Failed(DiffRow.failed(document.where(), false, "invalid input", problem));
    }
    CrashDocument.Classified classified = classifyJson(document);
    if (classified instanceof CrashDocument.NotACrash notACrash) {
      return new Failed(DiffRow.failed(document.where(), false, "bad document", notACrash.reason()));
    }
    CrashDocument.Crash crash = (CrashDocument.Crash) classified;
    String id = crashIdOf(document, crash);
    return signable(id != null ? id : document.where(), id != null, crash);
  }

  /** The crash in the crash-data schema, or its failed row where Socorro's adapter would raise. */
  private static Loaded signable(String crashId, boolean linkable, CrashDocument.Crash crash) {
    try {
      return new Crash(crashId, linkable, crash.production(), crash.crashData());
    } catch (UnsignableCrashException e) {
      return new Failed(DiffRow.failed(crashId, linkable, e.kind(), e.getMessage()));
    }
  }

  /** What a corpus document is; a document that is not UTF-8 JSON is not a crash. */
  public static CrashDocument.Classified classify(DiffInput.Document document) {
    String problem = document.utf8Problem();
    return problem != null ? new CrashDocument.NotACrash(problem) : classifyJson(document);
  }

  /** What a document known to be UTF-8 is. */
  private static CrashDocument.Classified classifyJson(DiffInput.Document document) {
    try {
      return CrashDocument.classify(document.json());
    } catch (IOException e) {
      // Where the JSON breaks, worded as signify words it; a document too deep is said as such,
      // and a .json file holding a second document on a later line may be JSON Lines misnamed.
      String reason = e instanceof JsonProcessingException json ? "not valid JSON: " + CrashJson.problem(json) : e.getMessage();
      boolean wholeFile = document.where().endsWith(".json") || document.where().endsWith(".json.gz");
      return new CrashDocument.NotACrash(reason
          + (wholeFile && CrashJson.isMoreOnALaterLine(e) ? " (a .json file holds one crash; a .jsonl file holds one per line)" : ""));
    }
  }

  /**
   * The crash ID of a document: the one its corpus names it by, else the first of the IDs it
   * names itself by that is one; null when none is.
   */
  public static String crashIdOf(DiffInput.Document document, CrashDocument.Crash crash) {
    if (document.crashId() != null) {
      return document.crashId();
    }
    for (String candidate : crash.crashIds()) {
      try {
        return CrashId.parse(candidate).value();
      } catch (InvalidCrashIdException e) {
        // the next candidate may be one
      }
    }
    return null;
  }
}
