/**
 * Socorro's signature generation rules, one class each, run in Socorro's order by
 * {@link org.siggendiff.internal.rules.Pipeline} and writing to a
 * {@link org.siggendiff.internal.rules.ResultBuilder}.
 *
 * <p>Implementation, not API: this package belongs to the engine and may change in any release
 * without notice. Use {@link org.siggendiff.signature.SignatureGenerator} (or the
 * {@link org.siggendiff.engine.SignatureEngine} facade) to run the rules.
 */
package org.siggendiff.internal.rules;
