package org.lic4j.codec;

/**
 * A coded stream and what it cost.
 *
 * @param stream the whole lic4j stream
 * @param quality the quality it was coded at (0..100; the one rate control chose, if it ran)
 * @param bitsPerPixel stream bits over picture pixels
 * @param timings where the time went
 */
public record EncodeResult(byte[] stream, double quality, double bitsPerPixel, Timings timings) {

  /**
   * Wall times in nanoseconds.
   *
   * @param analysisNanos the analysis transform (ONNX Runtime)
   * @param entropyModelNanos hyper analysis, integer scale network, means (all trials of rate control)
   * @param codingNanos the range coder (all trials)
   * @param totalNanos the whole call
   */
  public record Timings(long analysisNanos, long entropyModelNanos, long codingNanos, long totalNanos) {}
}
