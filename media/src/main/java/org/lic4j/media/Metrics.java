package org.lic4j.media;

import org.lic4j.codec.RgbImage;

/** Distortion between two pictures of the same size. */
public final class Metrics {
  private Metrics() {}

  /** RGB-PSNR in dB: the MSE over all three 8-bit channels. */
  public static double psnr(RgbImage a, RgbImage b) {
    byte[] x = a.rgb();
    byte[] y = b.rgb();
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("pictures differ in size: " + a.width() + "x" + a.height() + " and "
          + b.width() + "x" + b.height());
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
