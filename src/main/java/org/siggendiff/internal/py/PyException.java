package org.siggendiff.internal.py;

/** A Python exception raised while a rule runs; {@link #kind()} is the Python class name. */
public final class PyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The Python exception classes the rules distinguish when they catch. */
  public enum Kind {
    TYPE_ERROR("TypeError"),
    VALUE_ERROR("ValueError"),
    KEY_ERROR("KeyError"),
    INDEX_ERROR("IndexError"),
    ATTRIBUTE_ERROR("AttributeError"),
    OVERFLOW_ERROR("OverflowError"),
    RECURSION_ERROR("RecursionError");

    private final String pythonName;

    Kind(String pythonName) {
      this.pythonName = pythonName;
    }

    public String pythonName() {
      return pythonName;
    }
  }

  private final Kind kind;

  private PyException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static PyException typeError(String message) {
    return new PyException(Kind.TYPE_ERROR, message);
  }

  public static PyException valueError(String message) {
    return new PyException(Kind.VALUE_ERROR, message);
  }

  /** A KeyError; like Python, its text is the repr of the missing key. */
  public static PyException keyError(String key) {
    return new PyException(Kind.KEY_ERROR, PyRepr.reprString(key));
  }

  public static PyException indexError(String message) {
    return new PyException(Kind.INDEX_ERROR, message);
  }

  public static PyException attributeError(String typeName, String attribute) {
    return new PyException(
        Kind.ATTRIBUTE_ERROR, "'" + typeName + "' object has no attribute '" + attribute + "'");
  }

  public static PyException overflowError(String message) {
    return new PyException(Kind.OVERFLOW_ERROR, message);
  }

  public static PyException recursionError(String message) {
    return new PyException(Kind.RECURSION_ERROR, message);
  }
}
