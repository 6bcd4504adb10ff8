package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Bug (issue 22): RgbImage.of scaled 565's 6-bit green by red's 5 bits, doubling it past 255. */
class Ushort565GreenRegressionTest {
  @Test
  void eachBandIsScaledByItsOwnSize() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_565_RGB);
    image.getRaster().setPixels(0, 0, 3, 1, new int[] {31, 63, 31, 0, 32, 16, 10, 40, 0});
    byte[] expected = {-1, -1, -1, 0, (byte) 130, (byte) 132, 82, (byte) 162, 0};
    assertArrayEquals(expected, RgbImage.of(image).rgb());
  }

  @Test
  void fiveFiveFiveIsScaledByFiveBits() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_555_RGB);
    image.getRaster().setPixels(0, 0, 2, 1, new int[] {31, 31, 31, 16, 0, 1});
    assertArrayEquals(new byte[] {-1, -1, -1, (byte) 132, 0, 8}, RgbImage.of(image).rgb());
  }
}
