package org.siggendiff.crashstats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Crash IDs as people supply them: command-line arguments, or lines of text where blank lines
 * and {@code #} comments are skipped. Invalid entries are kept, with where they came from, so
 * that every input is accounted for.
 */
public final class CrashIdInput {
  /** One input entry: a crash ID, or the reason it is not one. */
  public sealed interface Entry permits Valid, Invalid {
    /** Where the entry came from, such as {@code line 7} or {@code argument 2}. */
    String where();
  }

  public record Valid(String where, CrashId id) implements Entry {}

  public record Invalid(String where, String reason) implements Entry {}

  private CrashIdInput() {}

  public static List<Entry> fromArguments(List<String> arguments) {
    List<Entry> entries = new ArrayList<>(arguments.size());
    for (int i = 0; i < arguments.size(); i++) {
      entries.add(entry("argument " + (i + 1), arguments.get(i)));
    }
    return entries;
  }

  /**
   * The longest line read, in characters: far more than any crash ID or report URL, and little
   * enough that an endless line (a binary file piped in by mistake) cannot exhaust memory.
   */
  public static final int MAX_LINE_CHARS = 64 * 1024;

  /**
   * Reads every line; crash IDs are small, so holding them all gives totals for progress. A line
   * longer than {@link #MAX_LINE_CHARS} is an invalid entry, and reading goes on at the next.
   */
  public static List<Entry> fromLines(Reader reader) throws IOException {
    List<Entry> entries = new ArrayList<>();
    forEachLine(reader, entries::add);
    return entries;
  }

  /**
   * Reads line after line, handing each entry on as soon as its line ends, so that a pipe is
   * processed as it is written; as {@link #fromLines} otherwise.
   */
  public static void forEachLine(Reader reader, Consumer<Entry> each) throws IOException {
    Reader in = reader instanceof BufferedReader ? reader : new BufferedReader(reader);
    StringBuilder line = new StringBuilder();
    long number = 0;
    boolean afterCarriageReturn = false;
    while (true) {
      line.setLength(0);
      int c = in.read();
      if (afterCarriageReturn && c == '\n') {
        c = in.read();
      }
      if (c < 0) {
        return;
      }
      boolean tooLong = false;
      // Lines end at \n, \r or \r\n, as for BufferedReader.readLine.
      while (c >= 0 && c != '\n' && c != '\r') {
        if (line.length() < MAX_LINE_CHARS) {
          line.append((char) c);
        } else {
          tooLong = true;
        }
        c = in.read();
      }
      afterCarriageReturn = c == '\r';
      number++;
      String where = "line " + number;
      if (tooLong) {
        each.accept(new Invalid(where, "longer than " + MAX_LINE_CHARS + " characters"));
      } else {
        fromLine(where, line.toString()).ifPresent(each);
      }
    }
  }

  /** One line of crash IDs: empty for a blank line or a {@code #} comment. */
  public static Optional<Entry> fromLine(String where, String line) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    return Optional.of(entry(where, text));
  }

  private static Entry entry(String where, String text) {
    try {
      return new Valid(where, CrashId.parse(text));
    } catch (InvalidCrashIdException e) {
      return new Invalid(where, e.getMessage());
    }
  }
}
