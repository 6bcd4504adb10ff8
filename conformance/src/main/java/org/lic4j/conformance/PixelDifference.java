package org.lic4j.conformance;

import org.lic4j.codec.RgbImage;

/** How far a decode is from the reference decode: largest sample difference and PSNR. */
record PixelDifference(int maxAbs, double psnr) {

  /**
   * Over every colour and alpha sample; null when the two pictures differ in size or in having
   * alpha. Grey pictures compare as their three equal colour samples.
   */
  static PixelDifference between(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height() || a.hasAlpha() != b.hasAlpha()) {
      return null;
    }
    long[] acc = new long[3];
    accumulate(a.rgb(), b.rgb(), acc);
    if (a.hasAlpha()) {
      accumulate(a.alpha(), b.alpha(), acc);
    }
    double mse = (double) acc[0] / acc[2];
    double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    return new PixelDifference((int) acc[1], psnr);
  }

  /** acc: sum of squared differences, largest difference, sample count. */
  private static void accumulate(byte[] x, byte[] y, long[] acc) {
    for (int i = 0; i < x.length; i++) {
      int d = Math.abs((x[i] & 0xff) - (y[i] & 0xff));
      acc[0] += (long) d * d;
      acc[1] = Math.max(acc[1], d);
    }
    acc[2] += x.length;
  }
}
