package org.siggendiff.internal.stack;

import java.util.List;

/** The normalized frames of one stack, in order. */
public final class FrameList {
  static final FrameList EMPTY = new FrameList(new NormalizedFrame[0], 0);

  private final NormalizedFrame[] frames;
  private final String[] texts;
  private final int size;

  FrameList(NormalizedFrame[] frames, int size) {
    this.frames = frames;
    this.size = size;
    this.texts = new String[size];
    for (int i = 0; i < size; i++) {
      texts[i] = frames[i].text;
    }
  }

  /** The normalized frames, as Socorro's {@code normalized_frames}. */
  public List<String> texts() {
    return List.of(texts);
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

  NormalizedFrame get(int index) {
    return frames[index];
  }
}
