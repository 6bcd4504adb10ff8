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
  /** The model loader's stack: address space reserved, touched only as deep as the loading goes. */
  private static final long LOAD_STACK_BYTES = 64L << 20;

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
      model = openOnLargeStack(CodecOptions.defaults().withThreads(Math.max(1, threads)));
    }
    return model;
  }

  /**
   * Opens the model on a thread of its own with a large stack. ONNX Runtime builds its sessions
   * deep in the calling thread's stack, and with Spark's long class path (170 jars) that overflows
   * a default 1 MB stack: measured on Java 17, any class path longer than about 5 KB, and the JVM
   * then dies of SIGSEGV without a word (docs/spark.md, "Memory"). Coding afterwards needs no more
   * than any thread has.
   */
  private static ImageModel openOnLargeStack(CodecOptions options) throws IOException {
    ImageModel[] opened = new ImageModel[1];
    Throwable[] failed = new Throwable[1];
    Thread loader = new Thread(null, () -> {
      try {
        opened[0] = ImageModel.open(options);
      } catch (IOException | RuntimeException | Error e) {
        failed[0] = e;
      }
    }, "lic4j-model-load", LOAD_STACK_BYTES);
    loader.start();
    try {
      loader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while loading the model");
    }
    if (failed[0] instanceof IOException e) {
      throw e;
    } else if (failed[0] instanceof RuntimeException e) {
      throw e;
    } else if (failed[0] instanceof Error e) {
      throw e;
    }
    return opened[0];
  }
}
