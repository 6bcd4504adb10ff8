package org.lic4j.codec;

import java.util.SplittableRandom;

/**
 * Encoder-side latent refinement (docs/models.md, "Latent refinement"; the reference is
 * {@code training/refine.py}). The analysis transform guesses a tile's latent in one pass; this
 * descends the decoder's own rate-distortion loss from that guess, with z, and so every scale and
 * hyperprior mean, held fixed. The model's {@code refine.onnx} gives the gradient of the loss under
 * a soft rounding (stochastic Gumbel annealing); Adam takes the steps, while the temperature of the
 * rounding falls so that the soft latent tends to the one the decoder will see.
 *
 * <p>Nothing here selects a probability table: the refined latent is quantised by the usual path,
 * and the decoder is unchanged. The noise comes from a fixed seed, so an encode is repeatable on
 * one machine; across machines the float graphs may differ in their last bits, which can move a
 * refined latent and so the stream, never its decodability.
 */
final class LatentRefiner {
  // The constants of training/refine.py.
  static final double LEARNING_RATE = 0.02;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  private static final double TAU_START = 0.5;
  private static final double TAU_DECAY = 1.5;
  private static final double TAU_MIN = 0.05;
  private static final long SEED = 0x6c6963346aL;

  private final LatentModel model;

  LatentRefiner(LatentModel model) {
    this.model = model;
  }

  /** Temperature of the soft rounding at step {@code i} of {@code iterations}. */
  static double tau(int i, int iterations) {
    return Math.max(TAU_START * Math.exp(-TAU_DECAY * i / iterations), TAU_MIN);
  }

  /**
   * Refines a tile's latent.
   *
   * @param y the latent, already multiplied by the gain (m x yh x yw); not modified
   * @param x the tile's pixels, 3 x 16yh x 16yw in [0, 1]
   * @param hyperMean the hyperprior mean of the tile's z symbols
   * @param scaleIndex the scale index of each element of y
   * @param invGain the inverse gain at the quality
   * @param lambda the quality's rate-distortion lambda
   * @return the refined latent (gained domain)
   */
  float[] refine(float[] y, float[] x, float[] hyperMean, int[] scaleIndex, float[] invGain, double lambda,
      int yh, int yw, int iterations) {
    float[] table = model.scaleTable();
    int n = y.length;
    float[] scale = new float[n];
    for (int i = 0; i < n; i++) {
      scale[i] = table[scaleIndex[i]];
    }
    float[] mask = new float[yh * yw];
    for (int r = 0; r < yh; r++) {
      for (int c = r & 1; c < yw; c += 2) {
        mask[r * yw + c] = 1f;
      }
    }
    float[] current = y.clone();
    float[] first = new float[n];
    float[] second = new float[n];
    float[] noise = new float[n];
    SplittableRandom random = new SplittableRandom(SEED);
    for (int step = 0; step < iterations; step++) {
      for (int i = 0; i < n; i++) {
        // Logistic noise: the difference of the two Gumbel variables of a two-way Gumbel-softmax.
        double u = Math.min(Math.max(random.nextDouble(), 1e-6), 1 - 1e-6);
        noise[i] = (float) (Math.log(u) - Math.log1p(-u));
      }
      float[] grad = model.refinementStep(current, x, hyperMean, scale, invGain, mask, noise,
          (float) tau(step, iterations), (float) lambda, yh, yw)[0];
      double c1 = 1 - Math.pow(BETA1, step + 1);
      double c2 = 1 - Math.pow(BETA2, step + 1);
      for (int i = 0; i < n; i++) {
        double g = grad[i];
        if (!Double.isFinite(g)) {
          g = 0; // never let one bad value spread through the latent
        }
        double m1 = BETA1 * first[i] + (1 - BETA1) * g;
        double m2 = BETA2 * second[i] + (1 - BETA2) * g * g;
        first[i] = (float) m1;
        second[i] = (float) m2;
        current[i] -= (float) (LEARNING_RATE * (m1 / c1) / (Math.sqrt(m2 / c2) + EPSILON));
      }
    }
    return current;
  }
}
