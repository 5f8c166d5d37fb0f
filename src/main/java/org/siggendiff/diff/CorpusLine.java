package org.siggendiff.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One line of a JSON Lines corpus file, as a diff names a crash that has no crash ID: {@code crashes.jsonl:12}. */
public record CorpusLine(Path file, long line) {
  /** The corpus line {@code text} names: a file that is there, a colon and a line number. */
  public static Optional<CorpusLine> parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1 || !text.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')
        || text.length() - colon > 19 || !exists(text.substring(0, colon))) {
      return Optional.empty();
    }
    return Optional.of(new CorpusLine(Path.of(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))));
  }

  /** Whether {@code path} names a file or folder that is there; false for text that is no path. */
  public static boolean exists(String path) {
    try {
      return Files.exists(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** The name a corpus reader gives the line. */
  public String where() {
    return file + ":" + line;
  }

  /** The input on this line, read up to it; or an invalid input saying why there is none. */
  public DiffInput read(int maxDocumentBytes) {
    try (CorpusReader reader = new CorpusReader(List.of(file), maxDocumentBytes)) {
      String prefix = file + ":";
      long last = 0;
      while (reader.hasNext()) {
        DiffInput input = reader.next();
        if (input.where().equals(where())) {
          return input;
        }
        if (input.where().startsWith(prefix)) {
          last = Long.parseLong(input.where().substring(prefix.length()));
        }
      }
      String why = last == 0 ? "the file is not JSON Lines, or holds no crash"
          : last < line ? "past the end: the last line with anything on it is line " + last
          : "the line is blank";
      return new DiffInput.Invalid(where(), "no crash on that line: " + why);
    } catch (IOException e) {
      return new DiffInput.Invalid(where(), e.getMessage());
    }
  }
}
