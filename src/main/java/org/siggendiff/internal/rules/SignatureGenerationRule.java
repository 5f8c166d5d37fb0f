package org.siggendiff.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.internal.py.PyValues;
import org.siggendiff.internal.stack.CSignatureTool;
import org.siggendiff.internal.stack.FrameMemos;
import org.siggendiff.internal.stack.FrameList;
import org.siggendiff.internal.stack.JavaExceptionSignatureTool;
import org.siggendiff.internal.stack.JavaSignatureTool;
import org.siggendiff.internal.stack.LogLine;
import org.siggendiff.internal.stack.Walk;
import org.siggendiff.siglist.SiglistSet;

/** Sets the signature from the crashing thread's stack, or from the Java trace or exception. */
final class SignatureGenerationRule extends Rule {
  /** Socorro's name for the rule; it prefixes notes and debug lines. */
  static final String NAME = "SignatureGenerationRule";
  /** glom's default for a missing thread: an empty dict, so no frames. */
  private static final JsonNode EMPTY_THREAD = JsonNodeFactory.instance.objectNode();

  private final CSignatureTool cTool;
  private final JavaSignatureTool javaTool = new JavaSignatureTool();
  private final JavaExceptionSignatureTool javaExceptionTool = new JavaExceptionSignatureTool();

  SignatureGenerationRule(SiglistSet siglists, FrameMemos memos) {
    super(NAME);
    this.cTool = new CSignatureTool(siglists, memos);
  }

  @Override
  public void action(CrashData crashData, ResultBuilder result) {
    JsonNode javaStackTrace = crashData.get("java_stack_trace");
    if (PyValues.truthy(javaStackTrace)) {
      result.debug(name(), "using JavaSignatureTool");
      apply(result, javaTool.generate(javaStackTrace), true);
      return;
    }
    JsonNode javaException = crashData.get("java_exception");
    if (PyValues.truthy(javaException)) {
      result.debug(name(), "using JavaExceptionSignatureTool");
      apply(result, javaExceptionTool.generate(javaException), true);
      return;
    }

    result.debug(name(), "using CSignatureTool");
    BigInteger crashingThread = crashData.crashingThread();
    FrameList frames;
    try {
      JsonNode thread = PyValues.glomIndex(crashData.get("threads"), crashingThread);
      frames =
          cTool.createFrameList(
              crashData,
              thread == null ? EMPTY_THREAD : thread,
              "Windows NT".equals(textOrNull(crashData.get("os"))));
    } catch (PyException e) {
      if (e.kind() == PyException.Kind.KEY_ERROR || e.kind() == PyException.Kind.INDEX_ERROR) {
        // Socorro handles these by calling result.note(), which its Result class does not have.
        throw PyException.attributeError("Result", "note");
      }
      throw e;
    }
    CSignatureTool.Generated generated = cTool.generate(frames, crashingThread);
    if (result.isTracing()) {
      // Only then: a lambda per crash is not free on the generation path.
      result.walked(() -> cTool.walk(frames, generated));
    }
    if (!frames.isEmpty()) {
      result.setNormalizedFrames(frames.texts());
    }
    apply(result, generated, false);
  }

  @Override
  public CrashData walked(CrashData crashData, boolean failed) {
    return crashData;
  }

  /**
   * Traces the C signature walk {@link #action} makes for this crash, or null when a Java tool
   * signs it instead. Raises as {@link #action} does.
   */
  Walk walk(CrashData crashData) {
    if (PyValues.truthy(crashData.get("java_stack_trace")) || PyValues.truthy(crashData.get("java_exception"))) {
      return null;
    }
    BigInteger crashingThread = crashData.crashingThread();
    JsonNode thread = PyValues.glomIndex(crashData.get("threads"), crashingThread);
    FrameList frames =
        cTool.createFrameList(crashData, thread == null ? EMPTY_THREAD : thread, "Windows NT".equals(textOrNull(crashData.get("os"))));
    return cTool.walk(frames, cTool.generate(frames, crashingThread));
  }

  private void apply(ResultBuilder result, CSignatureTool.Generated generated, boolean alwaysSet) {
    for (String note : generated.notes()) {
      result.info(name(), note);
    }
    for (LogLine line : generated.debugLines()) {
      result.debug(name(), line);
    }
    if (alwaysSet || !generated.signature().isEmpty()) {
      result.setSignature(name(), generated.signature());
    }
  }

  private static String textOrNull(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

}
