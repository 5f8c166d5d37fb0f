package org.siggendiff.signature.stack;

import java.util.Arrays;
import java.util.List;

/**
 * The normalized frames of one stack, in order, with what the siglists say about each frame
 * where normalization already knew it.
 */
public final class FrameList {
  /** Classes not known yet: looked up when the frame is walked. */
  static final int UNKNOWN = -1;

  static final FrameList EMPTY = new FrameList(new String[0], new int[0], 0);

  private final String[] texts;
  private final int[] classes;
  private final int size;

  FrameList(String[] texts, int[] classes, int size) {
    this.texts = texts;
    this.classes = classes;
    this.size = size;
  }

  /** The normalized frames, as Socorro's {@code normalized_frames}. */
  public List<String> texts() {
    return List.of(Arrays.copyOf(texts, size));
  }

  public boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  String text(int index) {
    return texts[index];
  }

  int classes(int index) {
    return classes[index];
  }
}
