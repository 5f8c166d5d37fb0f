package org.siggendiff.beam;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Reads each matched file as the CLI reads a corpus file: a file named by a crash ID or
 * {@code .json} is one document, a {@code .txt} file (crash IDs, which need the API) is
 * refused, any other file is JSON Lines; gzip is read whenever the name ends in {@code .gz} or
 * the file starts with gzip's magic bytes. What cannot be read becomes an input with its
 * problem, so the dead-letter output accounts for it.
 *
 * <p>A file is read by one worker, as a gzip stream cannot be split; the signing after it is
 * spread over all workers.
 */
final class ReadFilesFn extends DoFn<FileIO.ReadableFile, CrashInput> {
  private static final String GZIP_SUFFIX = ".gz";

  private final int maxDocumentBytes;

  ReadFilesFn(int maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile file, OutputReceiver<CrashInput> out) {
    String where = file.getMetadata().resourceId().toString();
    String fileName = file.getMetadata().resourceId().getFilename();
    String name = fileName == null ? "" : fileName.endsWith(GZIP_SUFFIX)
        ? fileName.substring(0, fileName.length() - GZIP_SUFFIX.length()) : fileName;
    boolean namedById = CrashIds.parse(name) != null;
    if (!namedById && name.endsWith(".txt")) {
      out.output(CrashInput.invalid(where, "a list of crash IDs: the pipeline reads crash documents only"));
      return;
    }
    boolean single = namedById || name.endsWith(".json");
    InputStream opened;
    try {
      opened = decompressed(file, fileName);
    } catch (IOException e) {
      out.output(CrashInput.invalid(where, describe(e)));
      return;
    }
    long lineNumber = 0;
    try (InputStream in = opened) {
      if (single) {
        out.output(document(where, namedById ? name : null, in));
        return;
      }
      LineReader lines = new LineReader(in, maxDocumentBytes);
      for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
        lineNumber = line.number();
        String at = where + ":" + lineNumber;
        if (line.problem() != null) {
          out.output(CrashInput.invalid(at, line.problem()));
        } else if (!line.text().isBlank()) {
          out.output(CrashInput.document(at, null, line.text()));
        }
      }
    } catch (IOException e) {
      // A file that breaks off cannot be resynchronised: it counts once, where it broke.
      out.output(CrashInput.invalid(single ? where : where + ":" + (lineNumber + 1), describe(e)));
    }
  }

  private static InputStream decompressed(FileIO.ReadableFile file, String fileName) throws IOException {
    InputStream raw = new BufferedInputStream(Channels.newInputStream(file.open()), 64 * 1024);
    try {
      raw.mark(2);
      boolean magic = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (magic || (fileName != null && fileName.endsWith(GZIP_SUFFIX))) {
        return new GZIPInputStream(raw, 64 * 1024);
      }
      return raw;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  private CrashInput document(String where, String crashId, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxDocumentBytes);
    if (bytes.length == maxDocumentBytes && in.read() >= 0) {
      return CrashInput.invalid(where, "larger than " + describeBytes(maxDocumentBytes));
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return CrashInput.document(where, crashId, text);
    } catch (CharacterCodingException e) {
      return CrashInput.invalid(where, "not valid UTF-8");
    }
  }

  /** What went wrong reading a file, in the CLI's words. */
  private static String describe(IOException e) {
    if (e instanceof EOFException) {
      return "cannot read: the file ends early (truncated gzip data?)";
    }
    if (e instanceof ZipException) {
      return "cannot read: not valid gzip data (" + e.getMessage() + ")";
    }
    return "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
  }

  /** A size for messages: {@code 32 MiB}, or bytes when not a whole number of MiB. */
  static String describeBytes(long bytes) {
    long mebibyte = 1024 * 1024;
    return bytes % mebibyte == 0 ? bytes / mebibyte + " MiB" : bytes + " bytes";
  }
}
