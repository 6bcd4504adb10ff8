package org.lic4j.codec.imageio;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;

/**
 * Decoders and encoders shared by every reader and writer of the JVM, one per model and device
 * ({@link CodecOptions}), opened on first use: opening a model creates its ONNX Runtime sessions,
 * which takes about a second and tens of megabytes. Both are thread-safe. They live as long as the
 * JVM; a failed open is not cached, so a later call tries again.
 */
final class SharedCodecs {
  private static final Map<CodecOptions, ImageDecoder> DECODERS = new HashMap<>();
  private static final Map<CodecOptions, ImageEncoder> ENCODERS = new HashMap<>();

  private SharedCodecs() {}

  static ImageDecoder decoder(CodecOptions options) throws IOException {
    synchronized (DECODERS) {
      ImageDecoder decoder = DECODERS.get(options);
      if (decoder == null) {
        decoder = ImageDecoder.open(options);
        DECODERS.put(options, decoder);
      }
      return decoder;
    }
  }

  static ImageEncoder encoder(CodecOptions options) throws IOException {
    synchronized (ENCODERS) {
      ImageEncoder encoder = ENCODERS.get(options);
      if (encoder == null) {
        encoder = ImageEncoder.open(options);
        ENCODERS.put(options, encoder);
      }
      return encoder;
    }
  }
}
