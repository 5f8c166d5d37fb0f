package org.siggendiff.beam;

import java.io.Serializable;

/**
 * One input of the pipeline, named as the CLI names it: a document, or what could not be read
 * and why.
 *
 * @param where {@code file:line} for a JSON Lines line, the file for a single document
 * @param crashId the crash ID a file is named by, or null
 * @param text the document, or null when {@code problem} is set
 * @param problem why the input could not be read, or null
 */
record CrashInput(String where, String crashId, String text, String problem) implements Serializable {
  static CrashInput document(String where, String crashId, String text) {
    return new CrashInput(where, crashId, text, null);
  }

  static CrashInput invalid(String where, String problem) {
    return new CrashInput(where, null, null, problem);
  }
}
