package org.siggendiff.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.InvalidCrashIdException;

/** The pipeline reads crash IDs as the CLI does, without the CLI's crashstats package. */
class CrashIdsTest {
  @Test
  void crashIdsAreReadAsTheCliReadsThem() {
    String id = "583a2791-a05b-4618-82c3-04008d251119";
    for (String text : List.of(id, " " + id + "\\n", "bp-" + id, "https://crash-stats.mozilla.org/report/index/" + id,
        "https://crash-stats.mozilla.org/report/index/bp-" + id + "/?x#y", "http://example.com/report/index/" + id + "//",
        id.toUpperCase(), id.substring(1), "583a2791-a05b-4618-82c3-04008d251399", "583a2791-a05b-4618-82c3-04008d25111x",
        "583a2791-a05b-4618-82c3-04008d250229", "583a2791-a05b-4618-82c3-04008d240229", "", "bp-", "https://x/y")) {
      assertEquals(cli(text), CrashIds.parse(text), text);
    }
  }

  private static String cli(String text) {
    try {
      return CrashId.parse(text).value();
    } catch (InvalidCrashIdException e) {
      return null;
    }
  }
}
