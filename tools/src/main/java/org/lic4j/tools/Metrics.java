package org.lic4j.tools;

import org.lic4j.codec.RgbImage;

/** Distortion between two pictures of the same size. */
final class Metrics {
  private Metrics() {}

  /** RGB-PSNR in dB: the MSE over all three 8-bit channels. */
  static double psnr(RgbImage a, RgbImage b) {
    byte[] x = a.rgb();
    byte[] y = b.rgb();
    if (x.length != y.length) {
      throw new IllegalArgumentException("pictures differ in size");
    }
    long sum = 0;
    for (int i = 0; i < x.length; i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      sum += (long) d * d;
    }
    double mse = sum / (double) x.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
