package org.siggendiff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.siggendiff.crashdata.CrashData;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;
import org.siggendiff.siglist.SiglistSet;
import org.siggendiff.signature.SignatureGenerator;

/** Test fixtures: the small siglist set in test resources, and JSON written inline. */
public final class Fixtures {
  private Fixtures() {}

  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SiglistSet basicSiglists() {
    try {
      return SiglistLoader.load(resource("siglists/basic"), "basic");
    } catch (SiglistException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SignatureGenerator generator() {
    return new SignatureGenerator(basicSiglists());
  }

  /** Parses JSON written with single quotes for readability. */
  public static JsonNode json(String singleQuoted) {
    try {
      return CrashJson.parse(singleQuoted.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CrashData crash(String singleQuoted) {
    return CrashData.of(json(singleQuoted));
  }

  /** Crash data whose crashing thread 0 has functions (null for a module-only frame). */
  public static CrashData stack(String... functions) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("crashing_thread", 0);
    ArrayNode frames = data.putArray("threads").addObject().putArray("frames");
    for (String function : functions) {
      ObjectNode frame = frames.addObject();
      if (function != null) {
        frame.put("function", function);
      }
      frame.put("module", "libxul.so");
    }
    return CrashData.of(data);
  }
}
