package org.siggendiff.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.siggendiff.crashdata.CrashJson;

/** Processed crashes built inline, and copies of siglist folders that a test may then edit. */
public final class ProcessedCrashes {
  private ProcessedCrashes() {}

  /** A processed crash whose crashing thread 0 has the given functions, top first, all in libxul.so. */
  public static ObjectNode processed(String crashId, String production, String... functions) {
    ObjectNode crash = CrashJson.mapper().createObjectNode();
    crash.put("uuid", crashId);
    crash.put("signature", production);
    ObjectNode dump = crash.putObject("json_dump");
    dump.putObject("crash_info").put("crashing_thread", 0).put("type", "SIGSEGV");
    dump.putObject("system_info").put("os", "Linux");
    var frames = dump.putArray("threads").addObject().putArray("frames");
    for (String function : functions) {
      frames.addObject().put("module", "libxul.so").put("function", function);
    }
    return crash;
  }

  /** Copies the files of a siglist folder (not recursively) into {@code to}, which it creates; returns {@code to}. */
  public static Path copyOf(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }
}
