package org.siggendiff.diff;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.InvalidCrashIdException;

/**
 * Reads corpora lazily, one document at a time, so memory does not grow with their size. A
 * corpus is a JSON Lines file; a {@code .json} file or a file named by a crash ID (one
 * document); a {@code .txt} file of crash IDs; or a folder: a crashstats-tools {@code fetch-data}
 * folder (its {@code processed_crash/}), a saved corpus (its {@code crashids.txt}), or else
 * every {@code .jsonl} and {@code .json} file in it, in name order. Any of these files may be
 * gzip-compressed ({@code .jsonl.gz}, or any file starting with gzip's magic bytes).
 *
 * <p>Every line and file is accounted for: what cannot be read (not a regular file, not gzip,
 * truncated, not UTF-8, longer than the cap) becomes an {@link DiffInput.Invalid} saying where
 * and why, and reading goes on with the next line or file. A JSON Lines line is only split off
 * here, as bytes: whether it is UTF-8 is checked where it is parsed, on a worker ({@link
 * CrashLoader}), with the same "not valid UTF-8" row, so this one thread never decodes text.
 */
public final class CorpusReader implements Iterator<DiffInput>, AutoCloseable {
  private static final String GZIP_SUFFIX = ".gz";

  private final int maxDocumentBytes;
  private final Deque<Path> files = new ArrayDeque<>();
  /** Files in the corpus folders that are not read: neither JSON nor JSON Lines by their names. */
  private final List<Path> passedOver = new ArrayList<>();
  private final Deque<DiffInput> ready = new ArrayDeque<>();
  private BoundedLineReader lines;
  private Path linesFile;
  private boolean idLines;
  private long lineNumber;
  /** The corpus files' bytes as stored (compressed ones compressed), and how many have been read: asked from another thread. */
  private long totalBytes;
  private final AtomicLong bytesRead = new AtomicLong();

  /** @throws IOException when a corpus does not exist, is not a file or folder, or a folder cannot be listed */
  public CorpusReader(List<Path> corpora) throws IOException {
    this(corpora, DiffInput.DEFAULT_MAX_DOCUMENT_BYTES);
  }

  /**
   * @param maxDocumentBytes the most bytes one document or JSON Lines line may have (after
   *     decompression); a longer one is an invalid input
   * @throws IOException when a corpus does not exist, is not a file or folder, or a folder cannot be listed
   */
  public CorpusReader(List<Path> corpora, int maxDocumentBytes) throws IOException {
    this.maxDocumentBytes = maxDocumentBytes;
    refuseRepeats(corpora);
    for (Path corpus : corpora) {
      // An empty path would be the working folder, read whole: surely not what was meant.
      if (corpus.toString().isEmpty()) {
        throw new IOException("an empty --corpus path; give a file or folder");
      }
      if (Files.isDirectory(corpus)) {
        int before = passedOver.size();
        List<Path> found = folderFiles(corpus, passedOver);
        // A folder of other things is the wrong folder named; an empty one, a search that found nothing.
        if (found.isEmpty() && passedOver.size() > before) {
          throw new IOException("--corpus " + corpus + " holds no corpus file (.json or .jsonl, or .gz), no processed_crash"
              + " folder and no " + SavedCorpus.CRASH_IDS_FILE + ", only " + (passedOver.size() - before)
              + (passedOver.size() - before == 1 ? " other entry" : " other entries"));
        }
        files.addAll(found);
      } else if (Files.isRegularFile(corpus)) {
        files.add(corpus);
      } else if (Files.exists(corpus)) {
        throw new IOException("not a regular file or folder: " + corpus + " (" + fileType(corpus) + ")");
      } else if (corpus.toString().equals("-")) {
        throw new IOException("no such corpus: - (a corpus is a file or folder; crash IDs on stdin are read without --corpus)");
      } else {
        throw new IOException("no such corpus: " + corpus);
      }
    }
    for (Path file : files) {
      try {
        totalBytes += Files.isRegularFile(file) ? Files.size(file) : 0;
      } catch (IOException e) {
        // Reading it will say what is wrong; the estimate only leaves it out.
      }
    }
  }

  /**
   * How much of the corpus has been read, from 0 to 1, by the bytes of its files as stored: what
   * a progress display can show where the number of crashes is not known before they are all
   * read. -1 when the files hold nothing.
   */
  public double fractionRead() {
    return totalBytes > 0 ? Math.min(1.0, (double) bytesRead.get() / totalBytes) : -1;
  }

  /**
   * Refuses a corpus named twice, or inside a corpus folder also named: its crashes would be
   * read and counted twice, surely not what was meant. Paths that do not exist are left to the
   * reading to report.
   */
  private static void refuseRepeats(List<Path> corpora) throws IOException {
    List<Path> real = new ArrayList<>();
    for (Path corpus : corpora) {
      real.add(corpus.toString().isEmpty() || !Files.exists(corpus) ? null : realPath(corpus));
    }
    for (int i = 0; i < real.size(); i++) {
      for (int j = 0; j < real.size(); j++) {
        if (i == j || real.get(i) == null || real.get(j) == null) {
          continue;
        }
        if (j < i && real.get(i).equals(real.get(j))) {
          throw new IOException("--corpus " + corpora.get(i) + " is given twice; each corpus is read once");
        }
        if (!real.get(i).equals(real.get(j)) && real.get(i).startsWith(real.get(j))) {
          throw new IOException("--corpus " + corpora.get(i) + " is inside --corpus " + corpora.get(j)
              + ", which reads it already");
        }
      }
    }
  }

  /** The path with its links resolved, or null when it has none as a file (/dev/stdin on a pipe links to "pipe:[N]"). */
  private static Path realPath(Path corpus) {
    try {
      return corpus.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether some of the files are lists of crash IDs ({@code .txt}), which are looked up rather than read. */
  public boolean namesCrashIds() {
    return files.stream().anyMatch(file -> withoutGzipSuffix(file.getFileName().toString()).endsWith(".txt"));
  }

  /** The files this corpus reads, corpus folders' included, in the order read. */
  public List<Path> files() {
    return List.copyOf(files);
  }

  /**
   * A note on the entries of the corpus folders that are not read, for stderr: every input is
   * accounted for, even one only passed over. Empty when there is none.
   */
  public Optional<String> passedOverNote() {
    if (passedOver.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = passedOver.stream().limit(5).map(Path::toString).toList();
    return Optional.of("--corpus: passed over " + passedOver.size() + (passedOver.size() == 1 ? " entry" : " entries")
        + " not named .json or .jsonl (or .gz), or folders, which are not read in turn: " + String.join(", ", names)
        + (passedOver.size() > names.size() ? ", ..." : ""));
  }

  private static List<Path> folderFiles(Path folder, List<Path> passedOver) throws IOException {
    Path fetchData = folder.resolve("processed_crash");
    if (Files.isDirectory(fetchData)) {
      return list(fetchData).filter(file -> isCrashId(file.getFileName().toString())).toList();
    }
    Path saved = folder.resolve(SavedCorpus.CRASH_IDS_FILE);
    if (Files.isRegularFile(saved)) {
      return List.of(saved);
    }
    List<Path> read = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      entries.sorted().forEach(entry -> {
        String name = withoutGzipSuffix(entry.getFileName().toString());
        boolean document = (name.endsWith(".jsonl") || name.endsWith(".json")) && !Files.isDirectory(entry);
        (document ? read : passedOver).add(entry);
      });
    }
    return read;
  }

  /** A folder's entries other than folders, in name order; what is not a regular file is reported when its turn comes. */
  private static Stream<Path> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(entry -> !Files.isDirectory(entry)).sorted().toList().stream();
    }
  }

  private static String withoutGzipSuffix(String name) {
    return name.endsWith(GZIP_SUFFIX) ? name.substring(0, name.length() - GZIP_SUFFIX.length()) : name;
  }

  /** What a path that is not a regular file or folder is, for messages; links are followed. */
  private static String fileType(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "not a regular file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return Files.exists(path) ? "not a regular file" : "a broken link";
    }
  }

  private static boolean isCrashId(String name) {
    try {
      CrashId.parse(name);
      return true;
    } catch (InvalidCrashIdException e) {
      return false;
    }
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty()) {
      if (lines != null) {
        readLine();
      } else if (!files.isEmpty()) {
        open(files.removeFirst());
      } else {
        return false;
      }
    }
    return true;
  }

  @Override
  public DiffInput next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.removeFirst();
  }

  private void open(Path file) {
    String name = withoutGzipSuffix(file.getFileName().toString());
    if (!Files.isRegularFile(file)) {
      // Opening a FIFO or a device could block forever or never end.
      ready.add(new DiffInput.Invalid(file.toString(), "not a regular file (" + fileType(file) + ")"));
      return;
    }
    InputStream in = null;
    try {
      in = decompressed(file);
      boolean namedById = isCrashId(name);
      if (namedById || name.endsWith(".json")) {
        try (InputStream document = in) {
          ready.add(document(file, namedById ? name : null, document));
        }
        return;
      }
      lines = new BoundedLineReader(in, maxDocumentBytes);
      linesFile = file;
      idLines = name.endsWith(".txt");
      lineNumber = 0;
    } catch (IOException e) {
      closeQuietly(in);
      ready.add(new DiffInput.Invalid(file.toString(), describe(e)));
    }
  }

  /** The file's bytes, decompressed when it is named {@code .gz} or starts with gzip's magic bytes; counted as stored. */
  private InputStream decompressed(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(new Counted(Files.newInputStream(file), bytesRead));
    try {
      raw.mark(2);
      boolean magic = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (magic || file.getFileName().toString().endsWith(GZIP_SUFFIX)) {
        return new GZIPInputStream(raw, 64 * 1024);
      }
      return raw;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  private DiffInput document(Path file, String crashId, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxDocumentBytes);
    if (bytes.length == maxDocumentBytes && in.read() >= 0) {
      return new DiffInput.Invalid(file.toString(), "larger than " + DiffInput.describeBytes(maxDocumentBytes));
    }
    String problem = CrashJson.utf8Problem(bytes);
    if (problem != null) {
      return new DiffInput.Invalid(file.toString(), problem);
    }
    return new DiffInput.Document(file.toString(), crashId, bytes, true);
  }

  /** What went wrong reading a file, without a stack trace: gzip's messages are clear enough. */
  private static String describe(IOException e) {
    if (e instanceof EOFException) {
      return "cannot read: the file ends early (truncated gzip data?)";
    }
    if (e instanceof ZipException) {
      return "cannot read: not valid gzip data (" + e.getMessage() + ")";
    }
    return "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
  }

  private void readLine() {
    BoundedLineReader.Line line;
    try {
      line = lines.next();
    } catch (IOException e) {
      // A file that breaks off cannot be resynchronised: it counts once, where it broke.
      ready.add(new DiffInput.Invalid(linesFile + ":" + (lineNumber + 1), describe(e)));
      line = null;
    }
    if (line == null) {
      closeQuietly(lines);
      lines = null;
      return;
    }
    lineNumber = line.number();
    String where = linesFile + ":" + lineNumber;
    if (line.problem() != null) {
      ready.add(new DiffInput.Invalid(where, line.problem()));
    } else if (idLines) {
      String problem = CrashJson.utf8Problem(line.bytes());
      if (problem != null) {
        ready.add(new DiffInput.Invalid(where, problem));
      } else {
        CrashIdInput.fromLine(where, line.text()).map(DiffInput::of).ifPresent(ready::add);
      }
    } else if (!BoundedLineReader.isBlank(line.bytes())) {
      ready.add(new DiffInput.Document(where, null, line.bytes(), line.ascii()));
    }
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // Only read from; nothing is lost.
    }
  }

  /** The crash IDs of the command line or stdin as inputs. */
  public static Iterator<DiffInput> fromEntries(List<CrashIdInput.Entry> entries) {
    return entries.stream().map(DiffInput::of).iterator();
  }

  /** The crash IDs given on the command line first, then this corpus' documents. */
  public Iterator<DiffInput> after(List<CrashIdInput.Entry> entries) {
    Iterator<DiffInput> first = fromEntries(entries);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || CorpusReader.this.hasNext();
      }

      @Override
      public DiffInput next() {
        return first.hasNext() ? first.next() : CorpusReader.this.next();
      }
    };
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      BoundedLineReader open = lines;
      lines = null;
      open.close();
    }
  }

  /** A stream that adds the bytes read from it to a count. */
  private static final class Counted extends FilterInputStream {
    private final AtomicLong count;

    Counted(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        count.addAndGet(read);
      }
      return read;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count.addAndGet(skipped);
      return skipped;
    }
  }
}
