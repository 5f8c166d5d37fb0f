/**
 * Python semantics that signature generation depends on, applied to JSON values.
 *
 * <p>Socorro's rules are Python code run on untrusted JSON, so their output depends on how
 * Python treats that data: truthiness, {@code str()} of any value, {@code int()} parsing,
 * {@code str.strip()}, {@code splitlines()}, {@code isprintable()}, code-point lengths, and
 * which operations raise. This package reproduces those behaviours on Jackson trees; a
 * {@link org.siggendiff.py.PyException} stands for a Python exception and carries its kind.
 */
package org.siggendiff.py;
