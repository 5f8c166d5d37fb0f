package org.siggendiff.cli;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.siggendiff.diff.CorpusLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What to tell people who bring options and words from the tools siggen-diff replaces
 * (Socorro's {@code signature} command, crashstats-tools) or mistype a command name.
 */
final class OptionHints {
  /** Arguments that can only have been meant as a command name: crash IDs always hold digits. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z-]*");
  private static final int MAX_DISTANCE = 2;

  private OptionHints() {}

  /** A hint for an unknown option, if it is one people bring from elsewhere. */
  static Optional<String> forUnknownOption(CommandSpec command, String argument) {
    int equals = argument.indexOf('=');
    String option = equals < 0 ? argument : argument.substring(0, equals);
    if (option.equals("--signature-list-dir") && command.findOption("--baseline") != null) {
      return Optional.of(
          "unknown option '--signature-list-dir': the diff takes --baseline SOURCE and --candidate SOURCE,"
              + " where a siglist folder is a source (--signature-list-dir is signify's)");
    }
    if (option.equals("--host") && command.findOption("--api-url") != null) {
      return Optional.of(
          "unknown option '--host': use --api-url URL, such as https://crash-stats.mozilla.org/api");
    }
    return Optional.empty();
  }

  /**
   * The message for a positional argument of the diff that is not a crash ID: a word is taken
   * for a mistyped command; anything else is reported as the bad crash ID it is.
   */
  static String forBadArgument(int position, String argument, String reason) {
    return forMistypedCommand(argument, true).orElseGet(() -> "argument " + position + ": " + reason + pathHint(argument));
  }

  /** For a path or a corpus line ({@code file.jsonl:12}, as the diff names a crash without an ID): how to give one. */
  private static String pathHint(String argument) {
    if (!argument.isEmpty() && CorpusLine.exists(argument)) {
      return " (a file or folder of crashes is read with --corpus " + argument + ")";
    }
    if (CorpusLine.parse(argument).isPresent()) {
      return " (one crash of a corpus file is explained with siggen-diff explain " + argument + "; a file is read with --corpus)";
    }
    return "";
  }

  /**
   * The message for a word where a command would be, when it is not one: a diff's line starts
   * with options or crash IDs, and a crash ID always holds digits. Empty for anything else.
   *
   * @param inPlaceOfACrashId whether the word stands where the diff takes crash IDs (not after help)
   */
  static Optional<String> forMistypedCommand(String argument, boolean inPlaceOfACrashId) {
    if (!WORD.matcher(argument).matches()) {
      return Optional.empty();
    }
    Collection<String> names = Main.commandNames();
    return Optional.of(closest(argument, names)
        .map(name -> "unknown command '" + argument + "' (did you mean " + name + "?)")
        .orElseGet(() -> "unknown command '" + argument + "'" + (inPlaceOfACrashId ? " and not a crash ID" : "")
            + "; commands: " + String.join(", ", names)));
  }

  private static Optional<String> closest(String word, Collection<String> names) {
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String name : names) {
      int distance = distance(word, name);
      if (distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance; command names are short, so the plain table is enough. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
