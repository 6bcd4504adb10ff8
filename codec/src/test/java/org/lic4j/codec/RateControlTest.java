package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link EncodeParams#targetBpp}: the result is at most the target when the lowest quality fits,
 * at the highest quality of the 0.1 grid that fits (the next one up does not), and is the very
 * stream a plain encode at that quality gives.
 */
class RateControlTest {
  private static RgbImage image;

  @BeforeAll
  static void picture() {
    image = TestPictures.colour(300, 200, 31);
  }

  private static EncodeResult atQuality(double quality) throws Exception {
    return SharedModel.encoder().encode(image, EncodeParams.quality(quality));
  }

  private static EncodeResult atTarget(double bpp) throws Exception {
    return SharedModel.encoder().encode(image, EncodeParams.targetBpp(bpp));
  }

  @Test
  void targetsBetweenTheExtremes() throws Exception {
    EncodeResult lowest = atQuality(0);
    double highest = atQuality(100).bitsPerPixel();
    assertTrue(highest > lowest.bitsPerPixel());
    // A target between the extremes, and one exactly at a quality's own size.
    for (double target : new double[] {(lowest.bitsPerPixel() + highest) / 2, atQuality(40).bitsPerPixel()}) {
      EncodeResult result = atTarget(target);
      if (lowest.bitsPerPixel() > target) {
        // Bits need not grow with quality everywhere (the early model's small pictures).
        assertArrayEquals(lowest.stream(), result.stream());
        continue;
      }
      assertTrue(result.bitsPerPixel() <= target, result.bitsPerPixel() + " bpp for a target of " + target);
      double tenths = result.quality() * 10;
      assertEquals(Math.rint(tenths), tenths, 1e-9, "quality " + result.quality() + " is off the 0.1 grid");
      assertArrayEquals(atQuality(result.quality()).stream(), result.stream(), "stream at the chosen quality");
      if (result.quality() < 100) {
        double next = atQuality((Math.rint(tenths) + 1) / 10).bitsPerPixel();
        assertTrue(next > target, "quality " + result.quality() + " + 0.1 fits too: " + next + " <= " + target);
      }
    }
  }

  @Test
  void aTargetBelowTheLowestQualityGivesTheLowestQuality() throws Exception {
    EncodeResult lowest = atQuality(0);
    EncodeResult result = atTarget(lowest.bitsPerPixel() / 2);
    assertEquals(0, result.quality());
    assertArrayEquals(lowest.stream(), result.stream());
  }

  @Test
  void aTargetAboveTheHighestQualityGivesTheHighestQuality() throws Exception {
    EncodeResult highest = atQuality(100);
    EncodeResult result = atTarget(highest.bitsPerPixel() * 2);
    assertEquals(100, result.quality());
    assertArrayEquals(highest.stream(), result.stream());
  }

  @Test
  void targetMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.targetBpp(0));
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.targetBpp(-1));
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.targetBpp(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.targetBpp(Double.POSITIVE_INFINITY));
  }
}
