package org.siggendiff.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.stack.Walk;
import org.siggendiff.signature.SignatureGenerator;

/**
 * What the siglists are tested on when a crash is signed: the normalized frames of its C
 * signature walks, which the sentinel, irrelevant and prefix lists test, and their functions,
 * which the line-number list tests. A changed siglist line that answers for none of a crash's
 * subjects leaves its walks, and so its signature, as they were.
 *
 * <p>Every frame of a walked thread counts, the ones before the start and after the end of the
 * walk too, since a change elsewhere can move the start or the end.
 *
 * @param frames the normalized frame texts, in walk order, each once
 * @param functions the function texts the line-number list is tested on, in walk order, each once
 */
public record WalkSubjects(Set<String> frames, Set<String> functions) {
  public WalkSubjects {
    frames = Collections.unmodifiableSet(frames);
    functions = Collections.unmodifiableSet(functions);
  }

  /**
   * The subjects of the crash's walks under the generator's siglists: the crashing thread's, and
   * thread 0's, which a shutdown hang is signed by. Empty for a crash a Java tool signs.
   *
   * @return the subjects, or null when a walk raised (so any change may reach the crash)
   */
  public static WalkSubjects of(SignatureGenerator generator, CrashData crash) {
    Set<String> frames = new LinkedHashSet<>();
    Set<String> functions = new LinkedHashSet<>();
    try {
      add(generator.walk(crash), frames, functions);
      // Thread 0's walk is the same walk when the crash says thread 0 crashed.
      JsonNode thread = crash.get("crashing_thread");
      if (thread == null || !thread.isInt() || thread.intValue() != 0) {
        add(generator.walk(crash.withCrashingThread(0)), frames, functions);
      }
    } catch (PyException e) {
      return null;
    }
    return new WalkSubjects(frames, functions);
  }

  private static void add(Walk walk, Set<String> frames, Set<String> functions) {
    if (walk == null) {
      return;
    }
    for (Walk.Step step : walk.frames()) {
      frames.add(step.text());
      if (step.lineNumberSubject() != null) {
        functions.add(step.lineNumberSubject());
      }
    }
  }
}
