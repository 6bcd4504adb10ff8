package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Latent refinement (LatentRefiner) is an encoder's choice: its streams are ordinary streams, and it
 * must pay for itself in the loss the model was trained on, measured on real streams.
 */
class LatentRefinementTest {
  private static final double QUALITY = 60;

  /** lambda * 255^2 * MSE + bpp of a coded picture, from its real size and decoded pixels. */
  private static double cost(RgbImage image, EncodeResult r) throws Exception {
    RgbImage decoded = SharedModel.decoder().decode(r.stream(), "refined.lic");
    double mse = 255.0 * 255.0 / Math.pow(10, TestPictures.psnr(image, decoded) / 10);
    double lambda = SharedModel.model().lambda(EncodeParams.position((int) (QUALITY * 100),
        SharedModel.model().qualityLevels()));
    return lambda * mse + r.bitsPerPixel();
  }

  @Test
  void refinedStreamsDecodeAndCostLess() throws Exception {
    RgbImage image = TestPictures.colour(192, 128, 11);
    EncodeResult plain = SharedModel.encoder().encode(image, EncodeParams.quality(QUALITY));
    EncodeResult refined = SharedModel.encoder().encode(image, EncodeParams.quality(QUALITY).withRefinement(12));
    double before = cost(image, plain);
    double after = cost(image, refined);
    assertTrue(after < 0.99 * before, "rate-distortion cost " + before + " -> " + after);
  }

  @Test
  void refinementIsRepeatable() throws Exception {
    RgbImage image = TestPictures.colour(128, 128, 5);
    EncodeParams params = EncodeParams.quality(40).withRefinement(4);
    assertArrayEquals(SharedModel.encoder().encode(image, params).stream(),
        SharedModel.encoder().encode(image, params).stream());
  }

  @Test
  void rateControlKeepsTheTargetWithRefinement() throws Exception {
    RgbImage image = TestPictures.colour(192, 128, 3);
    double target = 1.0;
    EncodeResult r = SharedModel.encoder().encode(image, EncodeParams.targetBpp(target).withRefinement(4));
    assertTrue(r.bitsPerPixel() <= target, r.bitsPerPixel() + " bpp for a target of " + target);
  }

  @Test
  void stepsOutOfRangeAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.quality(50).withRefinement(-1));
    assertThrows(IllegalArgumentException.class,
        () -> EncodeParams.quality(50).withRefinement(EncodeParams.MAX_REFINE_ITERATIONS + 1));
  }
}
