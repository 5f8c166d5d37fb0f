package org.siggendiff.crashstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.siggendiff.crashstats.SuperSearchQuery.Filter;

class SuperSearchQueryTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.250Z");

  @Test
  void takesFiltersFromABrowserUrlAndDropsDisplayAndPagingOptions() {
    SuperSearchQuery query = SuperSearchQuery.fromUrl(
        "https://crash-stats.mozilla.org/search/?product=Firefox&signature=~OOM+%7C+small&release_channel=nightly"
            + "&release_channel=beta&_facets=signature&_columns=date&_sort=-date&_results_number=50&page=3"
            + "&version=&platform=Windows%20NT#facet-signature");

    assertEquals(
        List.of(
            new Filter("product", "Firefox"),
            new Filter("signature", "~OOM | small"),
            new Filter("release_channel", "nightly"),
            new Filter("release_channel", "beta"),
            new Filter("platform", "Windows NT")),
        query.filters());
  }

  @Test
  void rejectsAUrlThatIsNotHttp() {
    assertThrows(IllegalArgumentException.class, () -> SuperSearchQuery.fromUrl("product=Firefox"));
  }

  @Test
  void replacingAFieldDropsItsOldValuesAndKeepsTheOthers() {
    SuperSearchQuery query = new SuperSearchQuery(
        List.of(new Filter("product", "Firefox"), new Filter("signature", "~a"), new Filter("product", "Fenix")));

    SuperSearchQuery replaced = query.replacing("product", List.of("Thunderbird", "Focus"));

    assertEquals(List.of("Thunderbird", "Focus"), replaced.values("product"));
    assertEquals(List.of("~a"), replaced.values("signature"));
    assertEquals(Map.of("signature", List.of("~a"), "product", List.of("Thunderbird", "Focus")), replaced.byField());
  }

  @Test
  void boundingAddsTheSevenDaysBeforeNowWhenNoDateIsGiven() {
    SuperSearchQuery bounded = new SuperSearchQuery(List.of(new Filter("product", "Firefox"))).bounded(NOW);

    assertEquals(List.of("<2026-11-21T10:15:30Z", ">=2026-11-14T10:15:30Z"), bounded.values("date"));
    assertEquals(new SuperSearchQuery.Window("2026-11-14T10:15:30Z", "2026-11-21T10:15:30Z"), bounded.window());
  }

  @Test
  void boundingCountsTheDefaultWindowBackFromAGivenUpperBound() {
    SuperSearchQuery bounded =
        new SuperSearchQuery(List.of(new Filter("date", "<=2026-10-10T00:00:00.000Z"))).bounded(NOW);

    assertEquals(List.of("<=2026-10-10T00:00:00.000Z", ">=2026-10-03T00:00:00Z"), bounded.values("date"));
  }

  @Test
  void boundingPinsAnOpenUpperBoundToNow() {
    SuperSearchQuery bounded = new SuperSearchQuery(List.of(new Filter("date", ">2026-11-01"))).bounded(NOW);

    assertEquals(List.of(">2026-11-01", "<2026-11-21T10:15:30Z"), bounded.values("date"));
    assertEquals(new SuperSearchQuery.Window("2026-11-01", "2026-11-21T10:15:30Z"), bounded.window());
  }

  @Test
  void parsesDatesAsPeopleAndSuperSearchWriteThem() {
    assertEquals(Optional.of(Instant.parse("2026-11-01T00:00:00Z")), SuperSearchQuery.parseDate("2026-11-01"));
    assertEquals(Optional.of(Instant.parse("2026-11-01T12:30:00Z")), SuperSearchQuery.parseDate("2026-11-01T12:30"));
    assertEquals(Optional.of(Instant.parse("2026-11-01T10:30:00Z")), SuperSearchQuery.parseDate("2026-11-01T12:30:00+02:00"));
    assertEquals(Optional.of(Instant.parse("2026-11-01T12:30:00.500Z")), SuperSearchQuery.parseDate("2026-11-01T12:30:00.500Z"));
    assertEquals(Optional.empty(), SuperSearchQuery.parseDate("last week"));
  }
}
