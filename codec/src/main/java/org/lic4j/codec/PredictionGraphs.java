package org.lic4j.codec;

/**
 * What the P-frame coder needs of a model besides its latent coder ({@link LatentModel}): the
 * graphs conditioned on the prediction (docs/models.md, "lic-pframe-v1"). All arrays are CHW,
 * batch 1. Implementations are thread-safe.
 */
interface PredictionGraphs {
  /** Channels of the prediction's features f2, f4, f16. */
  int[] featureChannels();

  /** pred: 3 x h x w in [0, 1], h and w multiples of 64 -> {f2, f4, f16} at 1/2, 1/4, 1/16. */
  float[][] predictionFeatures(float[] pred, int h, int w);

  /** x, pred: 3 x h x w, and pred's f4 -> y: m x h/16 x w/16 (gain 1). */
  float[] predictedAnalysis(float[] x, float[] pred, float[] f4, int h, int w);

  /** z symbols as floats (cz x zh x zw) and pred's f16 over y's area -> hyper mean m x 4zh x 4zw. */
  float[] predictedHyperMean(float[] zHat, float[] f16, int zh, int zw);

  /**
   * y hat (m x yh x yw), the inverse gain, and pred's f4, f2 over the same area -> x hat 3 x 16yh x
   * 16yw; pred itself over that area (3 x 16yh x 16yw, in [0, 1]) goes to a synthesis that takes it
   * ({@code ModelBundle.synthesisTakesPrediction()}), others do not read it.
   */
  float[] predictedSynthesis(float[] yHat, int yh, int yw, float[] invGain, float[] f4, float[] f2, float[] pred);
}
