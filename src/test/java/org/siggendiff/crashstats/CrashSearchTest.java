package org.siggendiff.crashstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashSearchTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static CrashSearch.Filters product(String name) {
    return new CrashSearch.Filters(List.of(name), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
  }

  @Test
  void daysBecomeADateWindowPinnedAtNow() throws Exception {
    SuperSearchQuery query = CrashSearch.query(product("Firefox"), new CrashSearch.Window(3, null, null), NOW, s -> s);

    assertEquals(List.of("Firefox"), query.values("product"));
    assertEquals(new SuperSearchQuery.Window("2026-11-17T12:00:00Z", "2026-11-20T12:00:00Z"), query.window());
  }

  @Test
  void aWindowLongerThanSuperSearchAllowsIsRefusedNamingTheLimit() {
    CrashSearch.BadRequest e = assertThrows(CrashSearch.BadRequest.class,
        () -> CrashSearch.query(product("Firefox"), new CrashSearch.Window(null, "2025-01-01", "2026-11-01"), NOW, s -> s));
    assertEquals("the window is longer than Super Search's 365 days", e.getMessage());
  }

  @Test
  void numAndSampleAreExclusiveAndBounded() throws Exception {
    assertEquals(CrashSearch.DEFAULT_NUM, CrashSearch.limit(null, null));
    assertEquals(SuperSearch.MAX_RESULTS, CrashSearch.limit("all", null));
    assertEquals("give --num or --sample, not both",
        assertThrows(CrashSearch.BadRequest.class, () -> CrashSearch.limit("5", 5)).getMessage());
    assertThrows(CrashSearch.BadRequest.class, () -> CrashSearch.limit("0", null));
  }
}
