/**
 * The stack tools of Socorro's generator: frames read from crash data, normalized as
 * {@code CSignatureTool} and the Java tools do, and walked against the siglists into a signature
 * ({@link org.siggendiff.internal.stack.CSignatureTool}), with a traced form of that walk
 * ({@link org.siggendiff.internal.stack.Walk}) for explaining it.
 *
 * <p>Implementation, not API: this package belongs to the engine and may change in any release
 * without notice. Use {@link org.siggendiff.engine.SignatureEngine} and the values it returns;
 * explanations of a walk are {@link org.siggendiff.attribution.ExplainedWalk} values.
 */
package org.siggendiff.internal.stack;
