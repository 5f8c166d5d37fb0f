package org.siggendiff.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Inputs as four nullable UTF-8 strings: documents are large, and Java serialization of large
 * strings is several times slower than UTF-8.
 */
final class CrashInputCoder extends AtomicCoder<CrashInput> {
  private static final Coder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

  @Override
  public void encode(CrashInput input, OutputStream out) throws IOException {
    TEXT.encode(input.where(), out);
    TEXT.encode(input.crashId(), out);
    TEXT.encode(input.text(), out);
    TEXT.encode(input.problem(), out);
  }

  @Override
  public CrashInput decode(InputStream in) throws IOException {
    return new CrashInput(TEXT.decode(in), TEXT.decode(in), TEXT.decode(in), TEXT.decode(in));
  }
}
