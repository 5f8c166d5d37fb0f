/**
 * Socorro crash signatures as a library: {@link org.siggendiff.engine.SignatureEngine} is the
 * one entry point. It depends on jackson-databind only (the {@code core} jar,
 * {@code org.siggendiff:siggen-diff:0.1.0:core}).
 *
 * <pre>{@code
 * SignatureEngine engine = SignatureEngine.load(Path.of("siglists/demo/baseline"));
 * SignatureResult result = engine.signCrashData("""
 *     {"crashing_thread": 0, "threads": [{"frames": [
 *       {"function": "KiUserExceptionDispatcher"}, {"function": "moz_xmalloc"},
 *       {"function": "mozilla::dom::Element::SetAttribute(int)", "module": "xul.dll"}]}]}""");
 * System.out.println(result.signature());      // moz_xmalloc | mozilla::dom::Element::SetAttribute
 * System.out.println(result.protoSignature()); // KiUserExceptionDispatcher | moz_xmalloc | ...
 * System.out.println(result.notes());          // notes for people, each prefixed with its rule
 * }</pre>
 *
 * <ul>
 *   <li>Load once, sign many: an engine is thread-safe, and its memos make repeated frames cheap.
 *   <li>Input: crash data in Socorro's signature schema as JSON text or a {@code Map}, or a
 *       processed crash from Crash Stats ({@code signProcessedCrash}), adapted as Socorro does.
 *   <li>Output: a {@link org.siggendiff.signature.SignatureResult} value with the signature, the
 *       proto signature, the notes, the debug log and Socorro's {@code extra}, identical to what
 *       Socorro's Python generator returns.
 *   <li>Errors: a broken siglist line is a {@link org.siggendiff.siglist.SiglistException}
 *       naming {@code file:line}; input that is not a JSON object an
 *       {@link IllegalArgumentException}; a crash that cannot be signed an
 *       {@link org.siggendiff.crashdata.UnsignableCrashException}.
 * </ul>
 *
 * <p>The API is this facade and the public types of {@code signature} (the generator and its
 * result and trace), {@code siglist} (loading siglists), {@code crashdata} (crash data and its
 * JSON) and {@code attribution} (explaining a signature change); EnginePublicSurfaceTest lists
 * them. Everything under {@code org.siggendiff.internal} ({@code py}, {@code regex},
 * {@code stack}, {@code rules}) is the implementation, public only where another engine package
 * needs it: not an API, with no compatibility promise, and used by nothing outside the engine.
 */
package org.siggendiff.engine;
