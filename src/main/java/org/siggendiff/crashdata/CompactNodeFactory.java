package org.siggendiff.crashdata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Jackson's node factory, with objects that keep their members in a {@link CompactObjectMap}. */
final class CompactNodeFactory extends JsonNodeFactory {
  static final CompactNodeFactory INSTANCE = new CompactNodeFactory();

  private CompactNodeFactory() {}

  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new CompactObjectMap());
  }
}
