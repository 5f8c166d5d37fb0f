package org.siggendiff.signify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashDocument;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashdata.PythonJson;
import org.siggendiff.crashdata.UnsignableCrashException;
import org.siggendiff.diff.BoundedLineReader;
import org.siggendiff.diff.DiffInput;
import org.siggendiff.pipeline.Jobs;
import org.siggendiff.pipeline.OrderedParallelMap;
import org.siggendiff.pipeline.WaitingIterator;
import org.siggendiff.report.AsciiJson;
import org.siggendiff.signature.SignatureGenerator;
import org.siggendiff.signature.SignatureResult;

/**
 * Generates signatures for JSON input: one document, or JSON Lines with exactly one output line
 * per input line, streamed so that memory does not grow with the input. Output is ASCII-only
 * JSON, as Python's {@code json.dumps} writes it, so crash text cannot reach a terminal as
 * control sequences.
 */
public final class SignifyRunner {
  private static final ObjectWriter COMPACT = AsciiJson.COMPACT;

  private final SignatureGenerator generator;
  private final boolean processed;
  private final boolean verbose;

  /**
   * @param processed treat every input as a processed crash; otherwise a document, or a line, is a
   *     processed crash when it has a {@code json_dump} key (signed as crash data, it would get
   *     {@code EMPTY: no frame data available} without a word)
   */
  public SignifyRunner(SignatureGenerator generator, boolean processed, boolean verbose) {
    this.generator = generator;
    this.processed = processed;
    this.verbose = verbose;
  }

  /** Thrown when the single input document is not a JSON object. */
  public static final class BadDocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    BadDocumentException(String message) {
      super(message);
    }
  }

  /** Signs one document and writes pretty JSON. */
  public void signDocument(String text, Writer out) throws IOException, BadDocumentException {
    JsonNode document;
    try {
      document = CrashJson.parse(text);
    } catch (JsonProcessingException e) {
      throw new BadDocumentException("input is not valid JSON: " + CrashJson.problem(e));
    } catch (IOException e) {
      // A second document on a later line is one --jsonl would read.
      throw new BadDocumentException(
          "input is not valid JSON: " + e.getMessage() + (CrashJson.isMoreOnALaterLine(e) ? " (--jsonl reads one document per line)" : ""));
    }
    if (!document.isObject()) {
      throw new BadDocumentException("input is not a JSON object");
    }
    SignatureResult result;
    try {
      result = generator.generate(crash(document).crashData());
    } catch (UnsignableCrashException | IOException e) {
      throw new BadDocumentException(e.getMessage());
    }
    // As siggen's signify prints it: json.dumps(result, indent=2).
    out.write(PythonJson.dumpIndented(ResultJson.summary(result, verbose)));
    out.write('\n');
    out.flush();
  }

  /**
   * One input line's output: its result, or {@code {"error": "line N: ..."}}.
   *
   * @param json the line as ASCII-only compact JSON, without the newline
   * @param failed whether the line could not be signed
   */
  public record LineOutput(byte[] json, boolean failed) {}

  /**
   * Signs each line on {@code threads} threads and writes the outputs in input order, one per
   * line, streamed: at most a small window of lines is held. The reading thread only splits
   * lines; checking, parsing and signing a line, and writing its output line, happen on the
   * workers. A line that is not a JSON object gives an {@code error} object, as does one longer
   * than {@code maxLineBytes}.
   *
   * @return the number of lines that could not be signed
   */
  public long signLines(InputStream in, Writer out, int threads, int maxLineBytes) throws IOException {
    // The lines are ASCII: one char per byte.
    OutputStream chars = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(new String(b, off, len, StandardCharsets.ISO_8859_1));
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }
    };
    return signLines(in, chars, threads, maxLineBytes);
  }

  /**
   * As {@link #signLines(InputStream, Writer, int, int)}, writing the lines' bytes to {@code
   * out} as they are: for standard output, where making each line characters and encoding them
   * back to bytes cost twenty times the CPU of writing the bytes (the launcher's client compiler).
   */
  public long signLines(InputStream in, OutputStream out, int threads, int maxLineBytes) throws IOException {
    BoundedLineReader lines = new BoundedLineReader(in, maxLineBytes);
    long[] errors = new long[1];
    long[] written = new long[1];
    // Lines may come slowly (tail -f | siggen-diff signify --jsonl): while the next one is not
    // there, the results done go out, and are flushed, instead of waiting for it.
    WaitingIterator<BoundedLineReader.Line> inputs = new WaitingIterator<>() {
      private BoundedLineReader.Line next;

      @Override
      public boolean ready() {
        try {
          return next != null || lines.ready();
        } catch (IOException e) {
          // hasNext will meet the same failure, and say it.
          return true;
        }
      }

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = lines.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return next != null;
      }

      @Override
      public BoundedLineReader.Line next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        BoundedLineReader.Line line = next;
        next = null;
        return line;
      }
    };
    Consumer<LineOutput> writer = output -> {
      try {
        if (output.failed()) {
          errors[0]++;
        }
        out.write(output.json());
        out.write('\n');
        if ((++written[0] & 0xFF) == 0 || !inputs.ready()) {
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    try {
      new OrderedParallelMap<BoundedLineReader.Line, LineOutput>(this::signLine, SignifyRunner::internalError, Jobs.computing(threads))
          .weighing(line -> line.bytes() == null ? 0 : line.bytes().length, DiffInput.MAX_BYTES_IN_FLIGHT)
          .run(inputs, writer);
    } catch (UncheckedIOException e) {
      throw flushedAfter(e.getCause(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw flushedAfter(new InterruptedIOException("interrupted"), out);
    }
    out.flush();
    return errors[0];
  }

  /** The lines written before a failure still go out, as they do through a writer flushed at exit. */
  private static IOException flushedAfter(IOException failure, OutputStream out) {
    try {
      out.flush();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  /** A bug that throws while one line is signed is that line's error; the others are still signed. */
  private static LineOutput internalError(BoundedLineReader.Line line, Throwable error) {
    return failedLine(line.number(), "internal error: " + error);
  }

  /** The output for one line as {@link #signLines} reads it: its bytes, or what is wrong with them. */
  public LineOutput signLine(BoundedLineReader.Line line) {
    if (line.problem() != null) {
      return failedLine(line.number(), line.problem());
    }
    return signLine(line.number(), line.bytes(), line.ascii());
  }

  /**
   * The output for input line {@code lineNumber} (counted from 1), as {@link #signLines} gives it.
   * Bytes that are not UTF-8 are read as text is read from a stream, each bad sequence becoming
   * U+FFFD.
   */
  public LineOutput signLine(long lineNumber, byte[] line) {
    return signLine(lineNumber, line, false);
  }

  private LineOutput signLine(long lineNumber, byte[] line, boolean ascii) {
    byte[] json = ascii || CrashJson.utf8Problem(line) == null ? line : new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    try {
      return new LineOutput(sign(json), false);
    } catch (IOException e) {
      return failedLine(lineNumber, describe(e, json));
    } catch (UnsignableCrashException e) {
      return failedLine(lineNumber, e.getMessage());
    }
  }

  /** The output for a line that could not even be read, such as one over a length limit. */
  public static LineOutput failedLine(long lineNumber, String problem) {
    return new LineOutput(new AsciiJsonLine().raw("{\"error\":").string("line " + lineNumber + ": " + problem).raw("}").toByteArray(), true);
  }

  /** Writes one output line: compact ASCII-only JSON and a newline. */
  public static void write(LineOutput output, Writer out) throws IOException {
    // ASCII, so one char per byte: Latin-1 makes the String without decoding.
    out.write(new String(output.json(), StandardCharsets.ISO_8859_1));
    out.write('\n');
  }

  private byte[] sign(byte[] line) throws IOException {
    JsonNode document = CrashJson.parse(line);
    if (!document.isObject()) {
      throw new IOException("not a JSON object");
    }
    CrashDocument.Crash crash = crash(document);
    if (crash.kind() == CrashDocument.Kind.PROCESSED_CRASH) {
      CrashData crashData = crash.crashData();
      AsciiJsonLine output = ResultJson.fullFields(generator.generate(crashData));
      return output.raw(",\"crash_data\":").raw(COMPACT.writeValueAsBytes(crashData.json())).raw("}").toByteArray();
    }
    return ResultJson.fullFields(generator.generate(crash.crashData())).raw("}").toByteArray();
  }

  /**
   * The crash a document is: the one a wrapper holds, as the diff reads it ({@code
   * {"crash_data": {...}}}, {@code {"processed_crash": {...}}}); else a processed crash under
   * --processed or with a {@code json_dump} key; else crash data, whatever its keys.
   *
   * @throws IOException for a wrapper that holds no object
   */
  private CrashDocument.Crash crash(JsonNode document) throws IOException {
    Optional<CrashDocument.Classified> wrapped = CrashDocument.unwrap(document);
    if (wrapped.isPresent()) {
      if (wrapped.get() instanceof CrashDocument.NotACrash notACrash) {
        throw new IOException(notACrash.reason());
      }
      return (CrashDocument.Crash) wrapped.get();
    }
    boolean isProcessed = processed || CrashDocument.isProcessedCrash(document);
    return new CrashDocument.Crash(isProcessed ? CrashDocument.Kind.PROCESSED_CRASH : CrashDocument.Kind.CRASH_DATA, document, List.of());
  }

  private static String describe(IOException e, byte[] json) {
    if (e instanceof JsonProcessingException jsonError) {
      if (jsonError.getOriginalMessage().startsWith("Invalid UTF-8")) {
        // The line is valid UTF-8 by now: Jackson's byte parser says so of any unexpected
        // character beyond ASCII, where its text parser names the token.
        try {
          CrashJson.parse(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException asText) {
          return "invalid JSON: " + CrashJson.problem(asText);
        } catch (IOException other) {
          return other.getMessage();
        }
      }
      return "invalid JSON: " + CrashJson.problem(jsonError);
    }
    return e.getMessage();
  }
}
