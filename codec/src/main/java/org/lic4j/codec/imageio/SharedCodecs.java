package org.lic4j.codec.imageio;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;

/**
 * Models shared by every reader and writer of the JVM, one per model and device
 * ({@link CodecOptions}), opened on first use: opening a model creates its ONNX Runtime sessions,
 * which takes about a second and tens of megabytes, so a reader and a writer share one, each with
 * an encoder or decoder over it. All are thread-safe. They live as long as the JVM; a failed open
 * is not cached, so a later call tries again.
 */
final class SharedCodecs {
  private static final Map<CodecOptions, Opened> OPENED = new HashMap<>();

  private SharedCodecs() {}

  /** A model and the encoder and decoder over it. */
  private record Opened(ImageModel model, ImageEncoder encoder, ImageDecoder decoder) {}

  static ImageDecoder decoder(CodecOptions options) throws IOException {
    return opened(options).decoder();
  }

  static ImageEncoder encoder(CodecOptions options) throws IOException {
    return opened(options).encoder();
  }

  private static Opened opened(CodecOptions options) throws IOException {
    synchronized (OPENED) {
      Opened opened = OPENED.get(options);
      if (opened == null) {
        ImageModel model = ImageModel.open(options);
        opened = new Opened(model, ImageEncoder.open(model), ImageDecoder.open(model));
        OPENED.put(options, opened);
      }
      return opened;
    }
  }
}
