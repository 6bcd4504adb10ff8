package org.lic4j.spark;

import java.io.IOException;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;

/**
 * The one model of an executor JVM, loaded by its first task and shared by every task after it
 * (concurrent ones too: the encoder and decoder are thread-safe). Loading costs about a second and
 * the model's memory; once per task would pay both for each partition. It stays loaded until the
 * JVM ends, as the executor's thread pools do.
 */
final class ExecutorCodecs {
  private static ImageModel model;
  private static ImageEncoder encoder;
  private static ImageDecoder decoder;

  private ExecutorCodecs() {}

  /**
   * @param threads the model's threads for each picture, {@code spark.task.cpus}: a task holds that
   *     many cores, and the first task's count holds for the JVM (it is one setting per application)
   */
  static synchronized ImageEncoder encoder(int threads) throws IOException {
    if (encoder == null) {
      encoder = ImageEncoder.open(model(threads));
    }
    return encoder;
  }

  /** @param threads as for {@link #encoder} */
  static synchronized ImageDecoder decoder(int threads) throws IOException {
    if (decoder == null) {
      decoder = ImageDecoder.open(model(threads));
    }
    return decoder;
  }

  private static ImageModel model(int threads) throws IOException {
    if (model == null) {
      // Any thread may open it, Spark's long class path notwithstanding: transforms creates ONNX
      // Runtime's environment on a thread with a large stack (OrtEnvironmentHolder).
      model = ImageModel.open(CodecOptions.defaults().withThreads(Math.max(1, threads)));
    }
    return model;
  }
}
