package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Bug: rate control rounded the target down to whole bytes in floating point, so a target equal to
 * a stream's own bits per pixel did not admit it: 253 bytes over 300 x 200 pixels (0.0337333...)
 * gave a budget of 252 bytes, as it did for about 3% of such exact targets.
 */
class RateControlExactTargetRegressionTest {
  @Test
  void theReportedCase() {
    RgbImage image = RgbImage.ofRgb(300, 200, new byte[300 * 200 * 3]);
    assertTrue(ImageEncoder.fits(253, image, 253 * 8.0 / (300 * 200)));
  }

  @Test
  void everyStreamFitsItsOwnBitsPerPixel() {
    for (int[] size : new int[][] {{300, 200}, {1, 1}, {2, 3}, {1100, 700}, {123, 45}}) {
      RgbImage image = RgbImage.ofRgb(size[0], size[1], new byte[size[0] * size[1] * 3]);
      double pixels = (double) size[0] * size[1];
      for (long bytes = 1; bytes < 100_000; bytes += 7) {
        assertTrue(ImageEncoder.fits(bytes, image, bytes * 8.0 / pixels),
            bytes + " bytes over " + size[0] + "x" + size[1]);
      }
    }
  }
}
