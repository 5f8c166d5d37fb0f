package org.siggendiff.crashstats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** Reads every line; crash IDs are small, so holding them all gives totals for progress. */
  public static List<Entry> fromLines(Reader reader) throws IOException {
    List<Entry> entries = new ArrayList<>();
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String line;
    long number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      fromLine("line " + number, line).ifPresent(entries::add);
    }
    return entries;
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
