package org.lic4j.codec;

import java.nio.file.Path;
import java.util.List;
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
 *     allocation; at most {@link #DEFAULT_MAX_PIXELS}, which is the default
 * @param optimization ONNX Runtime's graph optimisation: {@code none}, {@code basic},
 *     {@code extended} or {@code all} (the default). It never changes how a stream parses; decoded
 *     pixels may differ by a rounding between levels (docs/conformance.md)
 */
public record CodecOptions(Optional<Path> model, String device, int threads, long maxPixels,
    String optimization) {
  private static final List<String> OPTIMIZATIONS = List.of("none", "basic", "extended", "all");

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
    if (maxPixels < 1 || maxPixels > DEFAULT_MAX_PIXELS) {
      // The upper bound is the container's (ContainerLimits.DEFAULT): a larger value used to be
      // lowered to it without a word.
      throw new IllegalArgumentException("maxPixels must be between 1 and " + DEFAULT_MAX_PIXELS
          + " (a decoded picture is held in one array), got " + maxPixels);
    }
    optimization = Objects.requireNonNull(optimization, "optimization").toLowerCase(Locale.ROOT);
    if (!OPTIMIZATIONS.contains(optimization)) {
      throw new IllegalArgumentException("optimization must be one of " + OPTIMIZATIONS + ", got '"
          + optimization + "'");
    }
  }

  /** The default model on the CPU, threads chosen by the runtime. */
  public static CodecOptions defaults() {
    return new CodecOptions(Optional.empty(), "cpu", 0, DEFAULT_MAX_PIXELS, "all");
  }

  public CodecOptions withModel(Path bundle) {
    return new CodecOptions(Optional.of(bundle), device, threads, maxPixels, optimization);
  }

  public CodecOptions withDevice(String name) {
    return new CodecOptions(model, name, threads, maxPixels, optimization);
  }

  public CodecOptions withThreads(int count) {
    return new CodecOptions(model, device, count, maxPixels, optimization);
  }

  public CodecOptions withMaxPixels(long limit) {
    return new CodecOptions(model, device, threads, limit, optimization);
  }

  public CodecOptions withOptimization(String level) {
    if (!java.util.List.of("none", "basic", "extended", "all").contains(level)) {
      throw new IllegalArgumentException("unknown graph optimisation level '" + level
          + "': none, basic, extended or all");
    }
    return new CodecOptions(model, device, threads, maxPixels, level);
  }
}
