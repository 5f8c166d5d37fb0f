package org.siggendiff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.files.FileTree;

/**
 * A saved corpus: a folder with the query that found some crashes ({@code query.json}) and their
 * IDs ({@code crashids.txt}, one per line), so that an experiment can be rerun on exactly the same
 * crashes. {@link CorpusReader} reads it back.
 */
public final class SavedCorpus {
  public static final String CRASH_IDS_FILE = "crashids.txt";
  public static final String QUERY_FILE = "query.json";

  /** Letters, digits, dot, dash and underscore, not starting with a dot: a name, never a path. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

  private SavedCorpus() {}

  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Writes {@code corpora/name/} whole or not at all: into a hidden folder first, then renamed.
   *
   * @throws FileAlreadyExistsException when a corpus of that name exists; it is left alone
   */
  public static Path write(Path corpora, String name, JsonNode query, List<CrashId> ids) throws IOException {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("not a corpus name: " + name);
    }
    Files.createDirectories(corpora);
    Path target = corpora.resolve(name);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temporary = Files.createTempDirectory(corpora, "." + name + ".tmp-");
    try {
      Files.write(
          temporary.resolve(QUERY_FILE),
          (CrashJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(query) + "\n").getBytes(StandardCharsets.UTF_8));
      StringBuilder lines = new StringBuilder(ids.size() * 37);
      ids.forEach(id -> lines.append(id.value()).append('\n'));
      Files.writeString(temporary.resolve(CRASH_IDS_FILE), lines, StandardCharsets.UTF_8);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      FileTree.delete(temporary);
    }
  }
}
