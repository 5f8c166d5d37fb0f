package org.siggendiff.serve;

import java.time.Instant;
import java.util.Optional;
import org.siggendiff.siglist.SiglistSet;

/**
 * A siglist set the server was started with, as requests choose it ({@code ?siglists=NAME}).
 *
 * @param name what requests call it
 * @param source the source as given, such as {@code github:main}
 * @param commit the commit the source resolved to, when known
 * @param loadedAt when it was loaded
 */
public record ServedSiglists(String name, String source, Optional<String> commit, Instant loadedAt, SiglistSet siglists) {}
