/**
 * Python's {@code re} in Java: {@link org.siggendiff.internal.regex.PythonRegex} translates a
 * Python pattern to a {@link java.util.regex.Pattern} that matches what Python matches or refuses
 * it, and {@link org.siggendiff.internal.regex.SiglistMatcher} matches a siglist's lines as
 * Socorro's joined {@code re.match} does, each line bounded in time.
 *
 * <p>Implementation, not API: this package belongs to the engine and may change in any release
 * without notice. Use {@link org.siggendiff.engine.SignatureEngine} and the values it returns.
 */
package org.siggendiff.internal.regex;
