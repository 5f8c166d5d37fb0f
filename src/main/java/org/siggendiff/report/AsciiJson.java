package org.siggendiff.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one way JSON output is written: ASCII-only, every other character as a {@code \\uXXXX}
 * escape as Python's {@code json.dumps} writes it, so crash text cannot put control sequences
 * or invisible characters on a terminal that shows the output.
 */
public final class AsciiJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /** One document on one line (JSON Lines). */
  public static final ObjectWriter COMPACT = MAPPER.writer();

  /** Indented, for a document people read. */
  public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private AsciiJson() {}

  /**
   * Makes the mapper now, if it is not made yet. Jackson's first mapper initializes a date
   * format, and with it the JDK's calendar and locale data: about 35 ms, which a command can
   * spend on another thread while it starts.
   */
  public static void initialize() {
    // Calling a static method is what initializes the class; there is nothing else to do.
  }
}
