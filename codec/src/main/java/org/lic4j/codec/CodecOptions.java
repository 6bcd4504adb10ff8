package org.lic4j.codec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an encoder or decoder runs: which model bundle, on which device, with how many threads.
 *
 * @param model a bundle folder, or empty for the default model found on the class path (the
 *     {@code lic4j-model-image-v1} artifact, {@link ImageModel#DEFAULT_RESOURCE})
 * @param device where the model's graphs run
 * @param threads threads for the transforms and for tiles; 0 lets the runtime choose
 * @param maxPixels the largest picture (width x height) a decoder accepts, checked before any
 *     allocation; at most {@link #DEFAULT_MAX_PIXELS}, which is the default
 * @param optimization ONNX Runtime's graph optimisation ({@link Optimization#ALL} by default). It
 *     never changes how a stream parses; decoded pixels may differ by a rounding between levels
 *     (docs/conformance.md)
 */
public record CodecOptions(Optional<Path> model, Device device, int threads, long maxPixels,
    Optimization optimization) {

  /** 256 megapixels: a 16384 x 16384 picture. */
  public static final long DEFAULT_MAX_PIXELS = 1L << 28;

  /** Where the model's graphs run. */
  public enum Device {
    /** ONNX Runtime's CPU provider. */
    CPU,
    /** The CUDA provider; opening fails when the runtime lacks it or no GPU answers. */
    CUDA,
    /** CUDA when it is available, otherwise the CPU. */
    AUTO;

    /** The device named {@code cpu}, {@code cuda} or {@code auto}, in any case. */
    public static Device parse(String name) {
      return CodecOptions.parse(Device.class, "device", name);
    }
  }

  /** ONNX Runtime's graph optimisation levels, each including the ones before it. */
  public enum Optimization {
    /** No graph rewriting. */
    NONE,
    /** Constant folding and redundant-node elimination. */
    BASIC,
    /** Plus node fusions. */
    EXTENDED,
    /** Plus layout optimisations: the fastest. */
    ALL;

    /** The level named {@code none}, {@code basic}, {@code extended} or {@code all}, in any case. */
    public static Optimization parse(String name) {
      return CodecOptions.parse(Optimization.class, "optimization", name);
    }
  }

  public CodecOptions {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(device, "device");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    if (maxPixels < 1 || maxPixels > DEFAULT_MAX_PIXELS) {
      // The upper bound is the container's (ContainerLimits.DEFAULT): a larger value used to be
      // lowered to it without a word.
      throw new IllegalArgumentException("maxPixels must be between 1 and " + DEFAULT_MAX_PIXELS
          + " (a decoded picture is held in one array), got " + maxPixels);
    }
    Objects.requireNonNull(optimization, "optimization");
  }

  /** The default model on the CPU, threads chosen by the runtime. */
  public static CodecOptions defaults() {
    return new CodecOptions(Optional.empty(), Device.CPU, 0, DEFAULT_MAX_PIXELS, Optimization.ALL);
  }

  public CodecOptions withModel(Path bundle) {
    return new CodecOptions(Optional.of(bundle), device, threads, maxPixels, optimization);
  }

  public CodecOptions withDevice(Device where) {
    return new CodecOptions(model, where, threads, maxPixels, optimization);
  }

  public CodecOptions withThreads(int count) {
    return new CodecOptions(model, device, count, maxPixels, optimization);
  }

  public CodecOptions withMaxPixels(long limit) {
    return new CodecOptions(model, device, threads, limit, optimization);
  }

  public CodecOptions withOptimization(Optimization level) {
    return new CodecOptions(model, device, threads, maxPixels, level);
  }

  /** The constant of {@code type} named {@code name} in any case; the message lists the names. */
  private static <E extends Enum<E>> E parse(Class<E> type, String what, String name) {
    Objects.requireNonNull(name, what);
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException(what + " must be one of " + Arrays.toString(
        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toArray())
        + ", got '" + name + "'");
  }
}
