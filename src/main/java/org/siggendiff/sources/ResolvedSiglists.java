package org.siggendiff.sources;

import java.util.Optional;
import org.siggendiff.siglist.SiglistSet;

/**
 * A siglist source as a report names it, resolved.
 *
 * @param spec the source as given, such as {@code github:main}
 * @param commit the commit the source resolved to, when known
 * @param siglists the loaded set; empty for {@code production}, which reads each crash's stored signature
 */
public record ResolvedSiglists(String spec, Optional<String> commit, Optional<SiglistSet> siglists) {
  /** The source and commit, as reports name them. */
  public String describe() {
    return commit.map(sha -> spec + " (commit " + sha + ")").orElse(spec);
  }

  public boolean isProduction() {
    return siglists.isEmpty();
  }
}
