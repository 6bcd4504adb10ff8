package org.lic4j.codec;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The default model, opened once for all tests of the JVM (opening its ONNX Runtime sessions takes
 * about a second), with encoders and decoders over it. Never closed: the JVM's exit frees it.
 */
final class SharedModel {
  private SharedModel() {}

  private static final class Holder {
    static final LatentModel MODEL = open();

    private static LatentModel open() {
      try {
        return Models.open(CodecOptions.defaults()).latent();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static LatentModel model() {
    return Holder.MODEL;
  }

  static ImageEncoder encoder() {
    return new ImageEncoder(model());
  }

  static ImageDecoder decoder() {
    return new ImageDecoder(model(), CodecOptions.defaults());
  }

  static LatentCoder latentCoder() {
    return new LatentCoder(model().zTables(), model().yTables());
  }
}
