package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The contract of anything that writes a picture as a lic4j stream at a quality and reads it
 * back: sizes survive, pixels come back close (a loose floor: the model is early in training, so
 * no weight-dependent figure is pinned), higher quality never costs fewer bits, grey stays grey,
 * alpha is lossless. Each way in and out of the codec extends this.
 */
public abstract class AbstractImageCodecTest {
  /** For the subclasses: one per way in and out of the codec. */
  protected AbstractImageCodecTest() {}

  /**
   * PSNR every decoded picture must beat. Far below what the model reaches on these pictures,
   * far above what a transposed, shifted or channel-swapped picture gets.
   */
  protected static final double PSNR_FLOOR = 12;
  /** Qualities of the round trips, increasing. */
  private static final double[] QUALITIES = {10, 50, 90};
  /**
   * Rate noise allowed between increasing qualities: a higher quality may cost this fraction
   * fewer bytes. The rate term of the training loss makes bits grow with quality on average, not
   * picture by picture.
   */
  private static final double RATE_NOISE = 0.02;

  /** Writes {@code image} at {@code quality} (0..100) with the default tiling. */
  protected abstract byte[] encode(RgbImage image, double quality) throws IOException;

  /** Reads a whole stream back. */
  protected abstract RgbImage decode(byte[] stream) throws IOException;

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1, 1", "2, 3", "17, 33", "64, 64", "65, 129", "300, 200"})
  void roundTripsAtSeveralQualities(int w, int h) throws IOException {
    RgbImage image = TestPictures.colour(w, h, w * 31L + h);
    int[] sizes = new int[QUALITIES.length];
    for (int i = 0; i < QUALITIES.length; i++) {
      byte[] stream = encode(image, QUALITIES[i]);
      assertTrue(LicFormat.isLicStream(stream));
      RgbImage decoded = decode(stream);
      assertEquals(w, decoded.width(), "width");
      assertEquals(h, decoded.height(), "height");
      assertFalse(decoded.isGray());
      assertFalse(decoded.hasAlpha());
      double psnr = TestPictures.psnr(image, decoded);
      assertTrue(psnr > PSNR_FLOOR, "PSNR " + psnr + " dB at quality " + QUALITIES[i]);
      sizes[i] = stream.length;
    }
    // A picture of at most 64x64 has one hyper-latent position, where the early model's scale
    // network sees only zero padding and spends a flat ~1.2 KB whatever the quality.
    if (w > TilePlan.GRID || h > TilePlan.GRID) {
      for (int i = 1; i < sizes.length; i++) {
        assertTrue(sizes[i] >= sizes[i - 1] * (1 - RATE_NOISE), "quality " + QUALITIES[i] + " took "
            + sizes[i] + " bytes, quality " + QUALITIES[i - 1] + " " + sizes[i - 1]);
      }
      assertTrue(sizes[sizes.length - 1] > sizes[0], "bytes " + java.util.Arrays.toString(sizes));
    }
  }

  @Test
  void greyComesBackGrey() throws IOException {
    RgbImage image = TestPictures.gray(90, 70, 5);
    RgbImage decoded = decode(encode(image, 60));
    assertTrue(decoded.isGray());
    assertFalse(decoded.hasAlpha());
    assertEqualChannels(decoded);
    double psnr = TestPictures.psnr(image, decoded);
    assertTrue(psnr > PSNR_FLOOR, "PSNR " + psnr);
  }

  @Test
  void alphaOfRgbaIsLossless() throws IOException {
    RgbImage image = TestPictures.colour(150, 90, 6).withAlpha(TestPictures.alpha(150, 90, 6));
    RgbImage decoded = decode(encode(image, 40));
    assertTrue(decoded.hasAlpha());
    assertFalse(decoded.isGray());
    assertArrayEquals(image.alpha(), decoded.alpha());
    assertTrue(TestPictures.psnr(image, decoded) > PSNR_FLOOR);
  }

  @Test
  void alphaOfGreyAlphaIsLossless() throws IOException {
    RgbImage image = TestPictures.gray(77, 41, 7).withAlpha(TestPictures.alpha(77, 41, 7));
    RgbImage decoded = decode(encode(image, 80));
    assertTrue(decoded.hasAlpha());
    assertTrue(decoded.isGray());
    assertEqualChannels(decoded);
    assertArrayEquals(image.alpha(), decoded.alpha());
  }

  @Test
  void alphaOfOnePixelIsLossless() throws IOException {
    RgbImage image = TestPictures.colour(1, 1, 8).withAlpha(new byte[] {(byte) 0x80});
    RgbImage decoded = decode(encode(image, 0));
    assertArrayEquals(image.alpha(), decoded.alpha());
  }

  /** A grey picture has R = G = B in every pixel (RgbImage's definition of grey). */
  protected static void assertEqualChannels(RgbImage image) {
    byte[] rgb = image.rgb();
    for (int i = 0; i < rgb.length; i += 3) {
      if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2]) {
        throw new AssertionError("grey picture with colour at pixel " + i / 3 + ": " + (rgb[i] & 0xff) + ","
            + (rgb[i + 1] & 0xff) + "," + (rgb[i + 2] & 0xff));
      }
    }
  }
}
