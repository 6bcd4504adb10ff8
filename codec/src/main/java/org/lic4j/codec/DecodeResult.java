package org.lic4j.codec;

/**
 * A decoded picture and what it cost, from {@link ImageDecoder#decodeTimed}.
 *
 * @param image the picture
 * @param timings where the time went
 */
public record DecodeResult(RgbImage image, Timings timings) {

  /**
   * Wall times in nanoseconds. Tiles parse in parallel when threads allow: then the parts are
   * sums over tiles and may add up to more than the total.
   *
   * @param codingNanos the range decoder (z and y symbols of every tile needed)
   * @param entropyModelNanos integer scale network, hyper mean, context mean
   * @param synthesisNanos the synthesis transform (ONNX Runtime) and the conversion to pixels
   * @param totalNanos the whole call, container checks and alpha included
   */
  public record Timings(long codingNanos, long entropyModelNanos, long synthesisNanos, long totalNanos) {}
}
