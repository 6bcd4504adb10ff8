package org.lic4j.codec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an encoder or decoder runs: which model bundle, on which device, with how many threads.
 *
 * @param model a bundle folder, or empty for the default model packed in the jar
 * @param device {@code cpu}, {@code cuda} or {@code auto} (CUDA when present, else CPU)
 * @param threads threads for the transforms and for tiles; 0 lets the runtime choose
 * @param maxPixels the largest picture (width x height) a decoder accepts, checked before any
 *     allocation
 */
public record CodecOptions(Optional<Path> model, String device, int threads, long maxPixels) {
  /** 256 megapixels: a 16384 x 16384 picture. */
  public static final long DEFAULT_MAX_PIXELS = 1L << 28;

  public CodecOptions {
    Objects.requireNonNull(model, "model");
    device = Objects.requireNonNull(device, "device").toLowerCase(Locale.ROOT);
    if (!device.equals("cpu") && !device.equals("cuda") && !device.equals("auto")) {
      throw new IllegalArgumentException("device must be cpu, cuda or auto, got '" + device + "'");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
  }

  /** The default model on the CPU, threads chosen by the runtime. */
  public static CodecOptions defaults() {
    return new CodecOptions(Optional.empty(), "cpu", 0, DEFAULT_MAX_PIXELS);
  }

  public CodecOptions withModel(Path bundle) {
    return new CodecOptions(Optional.of(bundle), device, threads, maxPixels);
  }

  public CodecOptions withDevice(String name) {
    return new CodecOptions(model, name, threads, maxPixels);
  }

  public CodecOptions withThreads(int count) {
    return new CodecOptions(model, device, count, maxPixels);
  }

  public CodecOptions withMaxPixels(long limit) {
    return new CodecOptions(model, device, threads, limit);
  }
}
