package org.siggendiff.siglist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.siggendiff.py.PyStrings;

/**
 * Reads a siglist set from a folder as Socorro does: strict UTF-8, each line stripped, blank
 * lines and {@code #} comments skipped, every remaining line a Python regular expression (the
 * sentinels too are checked as such). Files other than the four lists are ignored.
 */
public final class SiglistLoader {
  private SiglistLoader() {}

  /**
   * Loads the set in {@code folder}; {@code source} is how it is named in debug lines and
   * reports.
   */
  public static SiglistSet load(Path folder, String source) throws SiglistException {
    Map<SiglistKind, List<NumberedLine>> lines = new EnumMap<>(SiglistKind.class);
    for (SiglistKind kind : SiglistKind.values()) {
      Path file = folder.resolve(kind.fileName());
      lines.put(kind, readLines(file, read(file)));
    }
    return build(source, lines, folder);
  }

  /**
   * Loads a set from the four files' bytes, read elsewhere (a git object); {@code folder} names
   * where they came from in messages ({@code file:line: problem}).
   */
  public static SiglistSet load(Map<SiglistKind, byte[]> files, Path folder, String source) throws SiglistException {
    Map<SiglistKind, List<NumberedLine>> lines = new EnumMap<>(SiglistKind.class);
    for (SiglistKind kind : SiglistKind.values()) {
      Path file = folder.resolve(kind.fileName());
      byte[] bytes = files.get(kind);
      if (bytes == null) {
        throw new SiglistException(file + ": file is missing");
      }
      lines.put(kind, readLines(file, bytes));
    }
    return build(source, lines, folder);
  }

  private static SiglistSet build(
      String source, Map<SiglistKind, List<NumberedLine>> lines, Path base)
      throws SiglistException {
    Map<SiglistKind, List<String>> texts = new EnumMap<>(SiglistKind.class);
    Map<SiglistKind, List<Integer>> numbers = new EnumMap<>(SiglistKind.class);
    lines.forEach((kind, list) -> texts.put(kind, list.stream().map(NumberedLine::text).toList()));
    lines.forEach((kind, list) -> numbers.put(kind, list.stream().map(NumberedLine::number).toList()));
    return new SiglistSet(
        source,
        texts,
        matcher(base, SiglistKind.IRRELEVANT, lines),
        matcher(base, SiglistKind.PREFIX, lines),
        matcher(base, SiglistKind.LINE_NUMBERS, lines),
        numbers);
  }

  private static byte[] read(Path file) throws SiglistException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SiglistException(file + ": file is missing");
    } catch (IOException e) {
      throw new SiglistException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Effective lines, each remembered with its 1-based line number for error messages. */
  private record NumberedLine(int number, String text) {}

  private static List<NumberedLine> readLines(Path file, byte[] bytes) throws SiglistException {
    List<NumberedLine> lines = numberedLines(file, bytes);
    for (NumberedLine line : lines) {
      try {
        PythonRegex.translate(line.text());
      } catch (PythonRegexException e) {
        throw new SiglistException(file + ":" + line.number() + ": " + e.getMessage());
      }
    }
    return lines;
  }

  private static List<NumberedLine> numberedLines(Path file, byte[] bytes)
      throws SiglistException {
    List<NumberedLine> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      number++;
      String text = PyStrings.strip(decode(file, number, bytes, start, end));
      if (!text.isEmpty() && !text.startsWith("#")) {
        lines.add(new NumberedLine(number, text));
      }
      start = end + 1;
    }
    return lines;
  }

  private static String decode(Path file, int number, byte[] bytes, int from, int to)
      throws SiglistException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SiglistException(file + ":" + number + ": not valid UTF-8");
    }
  }

  private static SiglistMatcher matcher(
      Path base, SiglistKind kind, Map<SiglistKind, List<NumberedLine>> lines)
      throws SiglistException {
    List<NumberedLine> list = lines.get(kind);
    try {
      return SiglistMatcher.of(list.stream().map(NumberedLine::text).toList());
    } catch (SiglistMatcher.JoinException e) {
      throw new SiglistException(
          base.resolve(kind.fileName())
              + ":"
              + list.get(e.lineIndex()).number()
              + ": "
              + e.getMessage()
              + " (when joined with the lines before it)");
    }
  }
}
