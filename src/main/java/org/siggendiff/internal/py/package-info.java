/**
 * Python semantics that signature generation depends on, applied to JSON values.
 *
 * <p>Socorro's rules are Python code run on untrusted JSON, so their output depends on how
 * Python treats that data: truthiness, {@code str()} of any value, {@code int()} parsing,
 * {@code str.strip()}, {@code splitlines()}, {@code isprintable()}, code-point lengths, and
 * which operations raise. This package reproduces those behaviours on Jackson trees; a
 * {@link org.siggendiff.internal.py.PyException} stands for a Python exception and carries its kind.
 *
 * <p>Implementation, not API: this package belongs to the engine and may change in any release
 * without notice. Use {@link org.siggendiff.engine.SignatureEngine} and the values it returns.
 */
package org.siggendiff.internal.py;
