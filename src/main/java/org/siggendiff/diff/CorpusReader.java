package org.siggendiff.diff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashIdInput;
import org.siggendiff.crashstats.InvalidCrashIdException;

/**
 * Reads corpora lazily, one document at a time, so memory does not grow with their size. A
 * corpus is a JSON Lines file; a {@code .json} file or a file named by a crash ID (one
 * document); a {@code .txt} file of crash IDs; or a folder: a crashstats-tools {@code fetch-data}
 * folder (its {@code processed_crash/}), a saved corpus (its {@code crashids.txt}), or else
 * every {@code .jsonl} and {@code .json} file in it, in name order.
 */
public final class CorpusReader implements Iterator<DiffInput>, AutoCloseable {
  private final Deque<Path> files = new ArrayDeque<>();
  private final Deque<DiffInput> ready = new ArrayDeque<>();
  private BufferedReader lines;
  private Path linesFile;
  private boolean idLines;
  private long lineNumber;

  /** @throws IOException when a corpus does not exist or a folder cannot be listed */
  public CorpusReader(List<Path> corpora) throws IOException {
    for (Path corpus : corpora) {
      if (Files.isDirectory(corpus)) {
        files.addAll(folderFiles(corpus));
      } else if (Files.isRegularFile(corpus)) {
        files.add(corpus);
      } else {
        throw new IOException("no such corpus: " + corpus);
      }
    }
  }

  private static List<Path> folderFiles(Path folder) throws IOException {
    Path fetchData = folder.resolve("processed_crash");
    if (Files.isDirectory(fetchData)) {
      return list(fetchData).filter(file -> isCrashId(file.getFileName().toString())).toList();
    }
    Path saved = folder.resolve(SavedCorpus.CRASH_IDS_FILE);
    if (Files.isRegularFile(saved)) {
      return List.of(saved);
    }
    return list(folder)
        .filter(file -> file.getFileName().toString().endsWith(".jsonl") || file.getFileName().toString().endsWith(".json"))
        .toList();
  }

  private static Stream<Path> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isRegularFile).sorted().toList().stream();
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
    try {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DiffInput next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.removeFirst();
  }

  private void open(Path file) throws IOException {
    String name = file.getFileName().toString();
    try {
      boolean namedById = isCrashId(name);
      if (namedById || name.endsWith(".json")) {
        String crashId = namedById ? name : null;
        ready.add(new DiffInput.Document(file.toString(), crashId, Files.readString(file, StandardCharsets.UTF_8)));
        return;
      }
      lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      linesFile = file;
      idLines = name.endsWith(".txt");
      lineNumber = 0;
    } catch (IOException e) {
      ready.add(new DiffInput.Invalid(file.toString(), "cannot read: " + e.getClass().getSimpleName()));
    }
  }

  private void readLine() throws IOException {
    String line;
    try {
      line = lines.readLine();
    } catch (IOException e) {
      ready.add(new DiffInput.Invalid(linesFile + ":" + (lineNumber + 1), "cannot read: " + e.getClass().getSimpleName()));
      line = null;
    }
    if (line == null) {
      close();
      return;
    }
    lineNumber++;
    String where = linesFile + ":" + lineNumber;
    if (idLines) {
      CrashIdInput.fromLine(where, line).map(CorpusReader::toInput).ifPresent(ready::add);
    } else if (!line.isBlank()) {
      ready.add(new DiffInput.Document(where, null, line));
    }
  }

  /** A crash ID entry as a lookup, or the reason it is not one. */
  private static DiffInput toInput(CrashIdInput.Entry entry) {
    if (entry instanceof CrashIdInput.Valid valid) {
      return new DiffInput.Lookup(valid.where(), valid.id());
    }
    return new DiffInput.Invalid(entry.where(), ((CrashIdInput.Invalid) entry).reason());
  }

  /** The crash IDs of the command line or stdin as inputs. */
  public static Iterator<DiffInput> fromEntries(List<CrashIdInput.Entry> entries) {
    return entries.stream().map(CorpusReader::toInput).iterator();
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
      lines = null;
    }
  }
}
