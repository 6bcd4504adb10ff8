package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/**
 * Bug: an 8-bit grey+alpha BufferedImage (what ImageIO's PNG reader returns for such PNGs) went
 * through getRGB, which converts Java's linear grey to sRGB and brightened every sample.
 */
class GreyAlphaImageGammaRegressionTest {
  @Test
  void greyAlphaSamplesAreTakenAsTheyAre() {
    int w = 5;
    int h = 3;
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
    byte[] grey = new byte[w * h];
    byte[] alpha = new byte[w * h];
    for (int i = 0; i < w * h; i++) {
      grey[i] = (byte) (i * 17);
      alpha[i] = (byte) (255 - i * 13);
      raster.setSample(i % w, i / w, 0, grey[i] & 0xff);
      raster.setSample(i % w, i / w, 1, alpha[i] & 0xff);
    }
    RgbImage image = RgbImage.of(new BufferedImage(cm, raster, false, null));
    assertTrue(image.isGray());
    assertArrayEquals(RgbImage.ofGray(w, h, grey).rgb(), image.rgb());
    assertArrayEquals(alpha, image.alpha());
  }

  @Test
  void greyBufferedImageIsTakenAsItIs() {
    BufferedImage g = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
    g.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 64, 128, 255});
    RgbImage image = RgbImage.of(g);
    assertTrue(image.isGray());
    assertArrayEquals(new byte[] {0, 0, 0, 64, 64, 64, (byte) 128, (byte) 128, (byte) 128, -1, -1, -1}, image.rgb());
  }
}
