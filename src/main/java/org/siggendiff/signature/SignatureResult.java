package org.siggendiff.signature;

import java.util.List;
import org.siggendiff.internal.stack.LogLine;

/**
 * The outcome of signature generation, as Socorro's {@code Result.to_dict()}.
 *
 * @param signature the signature
 * @param notes notes for people, in order, each prefixed with the rule's name
 * @param debugLog how the signature came about, in order
 * @param extra the proto signature and normalized frames of a C/C++/Rust stack, or null
 */
public record SignatureResult(
    String signature, List<String> notes, List<String> debugLog, Extra extra) {

  public SignatureResult {
    notes = List.copyOf(notes);
    debugLog = LogLine.unmodifiable(debugLog);
  }

  /**
   * The proto signature: the normalized frames of a C/C++/Rust stack joined with
   * {@code " | "}, or null for a crash signed otherwise (a Java trace, no stack).
   */
  public String protoSignature() {
    return extra == null ? null : extra.protoSignature();
  }

  /** Socorro's {@code result.extra} for C/C++/Rust stacks. */
  public record Extra(List<String> normalizedFrames) {
    public Extra {
      normalizedFrames = List.copyOf(normalizedFrames);
    }

    /** The normalized frames joined with {@code " | "}; built when asked for, since most callers never do. */
    public String protoSignature() {
      return String.join(" | ", normalizedFrames);
    }
  }
}
