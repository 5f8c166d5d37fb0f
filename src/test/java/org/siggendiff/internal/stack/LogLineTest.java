package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {
  private static final List<LogLine> LINES = List.of(
      LogLine.ofRule("SignatureRunWatchDog", "tried ", "thread 0"),
      LogLine.ofRule("Sig", "natureRunWatchDog"),
      LogLine.of("SignatureRunWatch", "Dog: ", "", "x"),
      LogLine.of(),
      LogLine.ofRule("", ""));

  @Test
  void aLineStartsWithWhatItsJoinedTextStartsWithWhereverThePrefixEnds() {
    for (LogLine line : LINES) {
      String text = line.toString();
      List<String> prefixes = new ArrayList<>(List.of("SignatureRunWatchDog: ", "SignatureRunWatchDog:", "x", text + "x"));
      for (int end = 0; end <= text.length(); end++) {
        prefixes.add(text.substring(0, end));
        if (end < text.length()) {
          prefixes.add(text.substring(0, end) + (char) (text.charAt(end) + 1));
        }
      }
      for (String prefix : prefixes) {
        assertEquals(text.startsWith(prefix), line.startsWith(prefix), "'" + text + "' starts with '" + prefix + "'");
      }
    }
  }

  @Test
  void anyLineOfAListIsLookedAtJoinedOrNot() {
    List<String> texts = LogLine.texts(LINES);
    assertTrue(LogLine.anyStartsWith(texts, "SignatureRunWatchDog: tried"));
    assertTrue(LogLine.anyStartsWith(List.copyOf(texts), "SignatureRunWatchDog: tried"));
    assertFalse(LogLine.anyStartsWith(texts, "SignatureRunWatchDog: y"));
    assertFalse(LogLine.anyStartsWith(List.copyOf(texts), "SignatureRunWatchDog: y"));
  }
}
