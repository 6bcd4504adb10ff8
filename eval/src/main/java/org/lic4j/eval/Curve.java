package org.lic4j.eval;

import java.util.Arrays;

/**
 * A rate-distortion curve: one point per setting, each the average over the images.
 *
 * @param name what produced it, for tables and error messages
 * @param bpp bits per pixel, one per point
 * @param quality PSNR in dB (or MS-SSIM in dB), one per point
 */
record Curve(String name, double[] bpp, double[] quality) {
  Curve {
    if (bpp.length != quality.length) {
      throw new IllegalArgumentException(name + ": " + bpp.length + " rates but " + quality.length + " qualities");
    }
    bpp = bpp.clone();
    quality = quality.clone();
  }

  int size() {
    return bpp.length;
  }

  double minQuality() {
    return Arrays.stream(quality).min().orElse(Double.NaN);
  }

  double maxQuality() {
    return Arrays.stream(quality).max().orElse(Double.NaN);
  }
}
