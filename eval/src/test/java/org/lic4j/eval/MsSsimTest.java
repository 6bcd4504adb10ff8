package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.Metrics;

class MsSsimTest {
  private static final int W = 200;
  private static final int H = 184;

  /**
   * A synthetic pair whose figures training/metrics.py gives (float32 torch): MS-SSIM
   * 0.9938244224 (0.9938243704 in float64), PSNR 24.588330092 (its MSE is a float32 mean, hence the
   * looser tolerance). The Python generator is the same integer formula.
   */
  @Test
  void matchesTrainingMetricsOnSyntheticPair() {
    RgbImage[] pair = syntheticPair();
    assertEquals(0.9938243704314778, MsSsim.of(pair[0], pair[1]), 1e-9);
    assertEquals(24.58833009214656, Metrics.psnr(pair[0], pair[1]), 1e-6);
  }

  @Test
  void identicalPicturesScoreOne() {
    RgbImage a = syntheticPair()[0];
    assertEquals(1.0, MsSsim.of(a, a), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, Metrics.psnr(a, a));
  }

  @Test
  void referenceIsReusable() {
    RgbImage[] pair = syntheticPair();
    MsSsim.Reference ref = MsSsim.reference(pair[0]);
    double first = ref.compare(pair[1]);
    assertEquals(1.0, ref.compare(pair[0]), 1e-12);
    assertEquals(first, ref.compare(pair[1]), 0);
  }

  @Test
  void smallPicturesHaveNoFigure() {
    RgbImage small = RgbImage.ofRgb(175, 300, new byte[175 * 300 * 3]);
    assertTrue(Double.isNaN(MsSsim.of(small, small)));
    assertTrue(MsSsim.fits(176, 176));
  }

  @Test
  void sizesMustAgree() {
    RgbImage a = RgbImage.ofRgb(200, 200, new byte[200 * 200 * 3]);
    RgbImage b = RgbImage.ofRgb(200, 199, new byte[200 * 199 * 3]);
    assertThrows(IllegalArgumentException.class, () -> MsSsim.of(a, b));
  }

  @Test
  void decibels() {
    assertEquals(20.0, MsSsim.toDecibels(0.99), 1e-9);
  }

  private static RgbImage[] syntheticPair() {
    byte[] a = new byte[W * H * 3];
    byte[] b = new byte[W * H * 3];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        for (int c = 0; c < 3; c++) {
          int v = (x * 3 + y * 5 + c * 40 + ((x * y) % 31) * 4) % 256;
          int n = (((x * 7919 + y * 104729 + c * 31) % 17) - 8) * 3 + (x / 50 - 2) * 4;
          int i = (y * W + x) * 3 + c;
          a[i] = (byte) v;
          b[i] = (byte) Math.min(255, Math.max(0, v + n));
        }
      }
    }
    return new RgbImage[] {RgbImage.ofRgb(W, H, a), RgbImage.ofRgb(W, H, b)};
  }
}
