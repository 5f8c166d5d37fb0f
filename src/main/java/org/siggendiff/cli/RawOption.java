package org.siggendiff.cli;

import org.siggendiff.cache.RawCrashTally;
import org.siggendiff.cache.RawCrashes;
import org.siggendiff.cache.RawFetchingSource;
import org.siggendiff.crashstats.CrashSource;
import picocli.CommandLine.Option;

/** {@code --raw}: also keep each crash's raw crash, as crashstats-tools' fetch-data does. */
final class RawOption {
  @Option(names = "--raw",
      description = "also fetch each crash's raw crash (its annotations) into the cache as raw_crash/20YYMMDD/<id>, as"
          + " fetch-data does; signatures never need it, explain shows it")
  boolean raw;

  /** The source to read crashes through: the opened one, also looking up raw crashes when asked. */
  CrashSource source(CrashStatsOptions options, CrashStatsOptions.Opened opened, RawCrashTally tally) {
    if (!raw) {
      return opened.source();
    }
    return new RawFetchingSource(opened.source(), new RawCrashes(opened.cache(), opened.client(), options.mode()), tally);
  }
}
