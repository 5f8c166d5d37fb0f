package org.siggendiff.siglist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.siggendiff.internal.py.PyStrings;
import org.siggendiff.internal.regex.PythonRegex;
import org.siggendiff.internal.regex.PythonRegexException;
import org.siggendiff.internal.regex.SiglistMatcher;

/**
 * Reads a siglist set from a folder as Socorro does: strict UTF-8, each line stripped, blank
 * lines and {@code #} comments skipped, every remaining line a Python regular expression (the
 * sentinels too are checked as such). Files other than the four lists are ignored.
 *
 * <p>Siglists can come from an untrusted pull request, so their size is bounded where Socorro
 * has no bound: a list is a regular file of at most {@value #MAX_FILE_BYTES} bytes (Socorro's
 * largest is about 60 KB), and a line at most {@value #MAX_LINE_CHARS} characters (its longest,
 * under 200), past which compiling a line alone takes seconds.
 */
public final class SiglistLoader {
  /**
   * System property: the bound in milliseconds for one siglist line that may backtrack badly
   * on one frame (default {@link SiglistMatcher#DEFAULT_TIMEOUT}).
   */
  public static final String MATCH_TIMEOUT_PROPERTY = "siggendiff.siglistMatchTimeoutMs";

  /** The largest list file read; sources that read files elsewhere (git) check it before reading. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  static final int MAX_LINE_CHARS = 4096;

  private SiglistLoader() {}

  /**
   * {@link #load(Path, String, Duration)} with the bound from {@link #MATCH_TIMEOUT_PROPERTY},
   * else the default.
   */
  public static SiglistSet load(Path folder, String source) throws SiglistException {
    return load(folder, source, matchTimeoutFromProperty());
  }

  /** The bound from {@link #MATCH_TIMEOUT_PROPERTY}, else the default. */
  private static Duration matchTimeoutFromProperty() throws SiglistException {
    String millis = System.getProperty(MATCH_TIMEOUT_PROPERTY);
    if (millis == null) {
      return SiglistMatcher.DEFAULT_TIMEOUT;
    }
    Duration timeout;
    try {
      timeout = Duration.ofMillis(Long.parseLong(millis.strip()));
    } catch (NumberFormatException e) {
      throw new SiglistException(MATCH_TIMEOUT_PROPERTY + ": not a number of milliseconds: " + millis);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new SiglistException(MATCH_TIMEOUT_PROPERTY + ": must be positive: " + millis);
    }
    return timeout;
  }

  /**
   * Loads the set in {@code folder}; {@code source} is how it is named in debug lines and
   * reports.
   *
   * @param matchTimeout the bound for one line that may backtrack badly on one frame
   * @throws SiglistException listing every problem found in the four files, not only the first
   */
  public static SiglistSet load(Path folder, String source, Duration matchTimeout) throws SiglistException {
    // One line for a folder that is not there, not one per list it would have held.
    if (!Files.isDirectory(folder)) {
      throw new SiglistException(folder + (Files.exists(folder) ? ": not a folder" : ": no such folder"));
    }
    // One line, too, for a folder that holds none of them (the wrong folder named).
    SiglistKind[] kinds = SiglistKind.values();
    if (Arrays.stream(kinds).noneMatch(kind -> Files.exists(folder.resolve(kind.fileName()), LinkOption.NOFOLLOW_LINKS))) {
      throw new SiglistException(folder + ": not a siglist folder: none of the four lists is there ("
          + Arrays.stream(kinds).map(SiglistKind::fileName).collect(Collectors.joining(", ")) + ")");
    }
    List<String> problems = new ArrayList<>();
    Map<SiglistKind, List<NumberedLine>> lines = new EnumMap<>(SiglistKind.class);
    Map<SiglistKind, String> names = new EnumMap<>(SiglistKind.class);
    for (SiglistKind kind : SiglistKind.values()) {
      Path file = folder.resolve(kind.fileName());
      names.put(kind, file.toString());
      byte[] bytes = read(file, problems);
      lines.put(kind, bytes == null ? List.of() : readLines(file.toString(), splitLines(file, bytes, problems), problems));
    }
    return compile(source, names, lines, matchTimeout, problems);
  }

  /**
   * Loads a set from the four files' bytes, read elsewhere (a git object); {@code folder} names
   * where they came from in messages ({@code file:line: problem}).
   */
  public static SiglistSet load(Map<SiglistKind, byte[]> files, Path folder, String source) throws SiglistException {
    List<String> problems = new ArrayList<>();
    Map<SiglistKind, List<NumberedLine>> lines = new EnumMap<>(SiglistKind.class);
    Map<SiglistKind, String> names = new EnumMap<>(SiglistKind.class);
    for (SiglistKind kind : SiglistKind.values()) {
      Path file = folder.resolve(kind.fileName());
      names.put(kind, file.toString());
      byte[] bytes = files.get(kind);
      if (bytes == null) {
        problems.add(file + ": file is missing");
      } else if (bytes.length > MAX_FILE_BYTES) {
        problems.add(tooLarge(file, bytes.length));
        bytes = null;
      }
      lines.put(kind, bytes == null ? List.of() : readLines(file.toString(), splitLines(file, bytes, problems), problems));
    }
    return compile(source, names, lines, matchTimeoutFromProperty(), problems);
  }

  /**
   * Builds a set from the text of the four lists, one list of lines per kind, read as the
   * files would be (each line stripped, blanks and comments skipped). Problems are named
   * {@code source/file:line}.
   *
   * @throws SiglistException listing every problem found, not only the first
   * @throws IllegalArgumentException when a kind is missing
   */
  public static SiglistSet fromLines(Map<SiglistKind, List<String>> texts, String source, Duration matchTimeout)
      throws SiglistException {
    return build(texts, source, matchTimeout);
  }

  /**
   * {@link #fromLines(Map, String, Duration)} with the bound from {@link #MATCH_TIMEOUT_PROPERTY},
   * else the default, as {@link #load(Path, String)} has it.
   */
  public static SiglistSet fromLines(Map<SiglistKind, List<String>> texts, String source) throws SiglistException {
    return build(texts, source, matchTimeoutFromProperty());
  }

  private static SiglistSet build(Map<SiglistKind, List<String>> texts, String source, Duration matchTimeout)
      throws SiglistException {
    List<String> problems = new ArrayList<>();
    Map<SiglistKind, List<NumberedLine>> lines = new EnumMap<>(SiglistKind.class);
    Map<SiglistKind, String> names = new EnumMap<>(SiglistKind.class);
    for (SiglistKind kind : SiglistKind.values()) {
      List<String> text = texts.get(kind);
      if (text == null) {
        throw new IllegalArgumentException("no lines given for " + kind.fileName());
      }
      String name = source + "/" + kind.fileName();
      names.put(kind, name);
      lines.put(kind, readLines(name, text, problems));
    }
    return compile(source, names, lines, matchTimeout, problems);
  }

  private static SiglistSet compile(
      String source,
      Map<SiglistKind, String> names,
      Map<SiglistKind, List<NumberedLine>> lines,
      Duration matchTimeout,
      List<String> problems)
      throws SiglistException {
    // A line that is broken by itself breaks its list's joined pattern too; joining is checked
    // only once every line is fine, so that each problem is reported once.
    if (!problems.isEmpty()) {
      throw new SiglistException(problems);
    }
    Map<SiglistKind, List<String>> texts = new EnumMap<>(SiglistKind.class);
    Map<SiglistKind, List<Integer>> numbers = new EnumMap<>(SiglistKind.class);
    lines.forEach((kind, list) -> texts.put(kind, list.stream().map(NumberedLine::text).toList()));
    lines.forEach((kind, list) -> numbers.put(kind, list.stream().map(NumberedLine::number).toList()));
    SiglistMatcher irrelevant = matcher(names, SiglistKind.IRRELEVANT, lines, matchTimeout, problems);
    SiglistMatcher prefix = matcher(names, SiglistKind.PREFIX, lines, matchTimeout, problems);
    SiglistMatcher lineNumbers = matcher(names, SiglistKind.LINE_NUMBERS, lines, matchTimeout, problems);
    if (!problems.isEmpty()) {
      throw new SiglistException(problems);
    }
    return new SiglistSet(source, texts, irrelevant, prefix, lineNumbers, numbers);
  }

  /** The file's bytes, or null with the problem added. */
  private static byte[] read(Path file, List<String> problems) {
    try {
      // Looked at first: a FIFO would block the read, /dev/zero would never end it.
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        problems.add(file + ": not a regular file");
        return null;
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
      if (bytes.length > MAX_FILE_BYTES) {
        problems.add(tooLarge(file, Math.max(bytes.length, attributes.size())));
        return null;
      }
      return bytes;
    } catch (NoSuchFileException e) {
      problems.add(file + ": file is missing");
    } catch (IOException e) {
      problems.add(file + ": cannot read: " + e.getMessage());
    }
    return null;
  }

  private static String tooLarge(Path file, long bytes) {
    return file + ": larger than 1 MiB (" + bytes + " bytes), more than a siglist holds";
  }

  /** Effective lines, each remembered with its 1-based line number for error messages. */
  private record NumberedLine(int number, String text, PythonRegex.Translation translation) {}

  /** The file's lines as text; a line that is not valid UTF-8 is null, with the problem added. */
  private static List<String> splitLines(Path file, byte[] bytes, List<String> problems) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      String text = decode(bytes, start, end);
      if (text == null) {
        problems.add(file + ":" + (lines.size() + 1) + ": not valid UTF-8");
      }
      lines.add(text);
      start = end + 1;
    }
    return lines;
  }

  /** The effective lines that are valid, every invalid one added to {@code problems}. */
  private static List<NumberedLine> readLines(String file, List<String> texts, List<String> problems) {
    List<NumberedLine> lines = new ArrayList<>();
    int number = 0;
    for (String raw : texts) {
      number++;
      if (raw == null) {
        continue;
      }
      String text = PyStrings.strip(raw);
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      int characters = text.codePointCount(0, text.length());
      if (characters > MAX_LINE_CHARS) {
        problems.add(file + ":" + number + ": longer than " + MAX_LINE_CHARS + " characters (" + characters + "), more than a frame pattern needs");
      } else {
        try {
          lines.add(new NumberedLine(number, text, PythonRegex.translate(text)));
        } catch (PythonRegexException e) {
          problems.add(file + ":" + number + ": " + e.getMessage());
        }
      }
    }
    return lines;
  }

  /** The line's text, or null when it is not valid UTF-8. */
  private static String decode(byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The list's matcher, or null with the problem added when its lines do not join. */
  private static SiglistMatcher matcher(
      Map<SiglistKind, String> names,
      SiglistKind kind,
      Map<SiglistKind, List<NumberedLine>> lines,
      Duration timeout,
      List<String> problems) {
    List<NumberedLine> list = lines.get(kind);
    String file = names.get(kind);
    try {
      return SiglistMatcher.of(
          list.stream().map(NumberedLine::text).toList(),
          list.stream().map(NumberedLine::translation).toList(),
          list.stream().map(line -> file + ":" + line.number()).toList(),
          timeout);
    } catch (SiglistMatcher.JoinException e) {
      problems.add(
          file
              + ":"
              + list.get(e.lineIndex()).number()
              + ": "
              + e.getMessage()
              + " (when joined with the lines before it)");
      return null;
    }
  }
}
