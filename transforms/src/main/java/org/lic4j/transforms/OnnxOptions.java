package org.lic4j.transforms;

/**
 * How {@link OnnxTransforms} runs the bundle's graphs.
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one graph run; 0 lets it choose (one per
 *     physical core)
 * @param optimization graph optimisation level applied when sessions are created
 * @param device where the graphs run
 */
public record OnnxOptions(int intraOpThreads, Optimization optimization, Device device) {

  /** ONNX Runtime's graph optimisation levels. */
  public enum Optimization {
    /** No graph rewriting. */
    NONE,
    /** Constant folding and redundant-node elimination. */
    BASIC,
    /** Plus node fusions. */
    EXTENDED,
    /** Plus layout optimisations: the fastest. */
    ALL
  }

  /** Execution device. */
  public enum Device {
    /** ONNX Runtime's CPU provider. */
    CPU,
    /**
     * The CUDA provider; fails when the runtime lacks it (build with {@code -Pcuda}) or no GPU
     * answers.
     */
    CUDA,
    /** CUDA when it is available, otherwise the CPU, silently. */
    AUTO
  }

  /** Validates the fields. */
  public OnnxOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads < 0: " + intraOpThreads);
    }
    java.util.Objects.requireNonNull(optimization, "optimization");
    java.util.Objects.requireNonNull(device, "device");
  }

  /** Runtime-chosen threads, full optimisation, CPU. */
  public static OnnxOptions defaults() {
    return new OnnxOptions(0, Optimization.ALL, Device.CPU);
  }

  /** A copy with another intra-op thread count. */
  public OnnxOptions withIntraOpThreads(int threads) {
    return new OnnxOptions(threads, optimization, device);
  }

  /** A copy with another optimisation level. */
  public OnnxOptions withOptimization(Optimization level) {
    return new OnnxOptions(intraOpThreads, level, device);
  }

  /** A copy with another device. */
  public OnnxOptions withDevice(Device where) {
    return new OnnxOptions(intraOpThreads, optimization, where);
  }
}
