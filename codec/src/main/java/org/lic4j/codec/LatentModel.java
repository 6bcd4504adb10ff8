package org.lic4j.codec;

import org.lic4j.bitstream.ModelId;
import org.lic4j.entropy.TableSet;

/**
 * What the codec needs of a model: the float transforms (ONNX Runtime), the integer scale network
 * and the entropy tables. All arrays are CHW, batch 1. Implementations are thread-safe.
 */
interface LatentModel extends AutoCloseable {
  ModelId id();

  int latentChannels();

  int hyperChannels();

  /** x: 3 x h x w in [0,1], h and w multiples of 64 -> y: m x h/16 x w/16 (gain 1). */
  float[] analysis(float[] x, int h, int w);

  /** y (already multiplied by a gain): m x yh x yw -> z: cz x yh/4 x yw/4. */
  float[] hyperAnalysis(float[] y, int yh, int yw);

  /** z symbols: cz x zh x zw -> scale indexes m x 4zh x 4zw, by exact integer arithmetic. */
  int[] scaleIndex(int[] z, int zh, int zw);

  /** z symbols as floats -> hyper mean m x 4zh x 4zw. */
  float[] hyperMean(float[] zHat, int zh, int zw);

  /** hyper mean and the anchors' reconstruction (0 elsewhere) -> means of the non-anchors. */
  float[] contextMean(float[] hyperMean, float[] yAnchor, int yh, int yw);

  /** y hat: m x yh x yw, and the inverse gain -> x hat: 3 x 16yh x 16yw (not clamped). */
  float[] synthesis(float[] yHat, int yh, int yw, float[] invGain);

  /** Gain vector (m) at a continuous quality position in [0, qualityLevels - 1]. */
  float[] gain(double position);

  /** Inverse gain vector (m) at a continuous quality position. */
  float[] inverseGain(double position);

  int qualityLevels();

  /** The rate-distortion lambda the model was trained with at a continuous quality position. */
  default double lambda(double position) {
    throw new UnsupportedOperationException("no lambdas");
  }

  /** The Gaussian scale of each scale index (informative: parsing uses the tables). */
  default float[] scaleTable() {
    throw new UnsupportedOperationException("no scale table");
  }

  /** Whether {@link #refinementStep} can run: the bundle has the latent refinement graph. */
  default boolean canRefine() {
    return false;
  }

  /**
   * One gradient of the latent refinement loss (docs/models.md, "Latent refinement"); returns
   * the gradient (m x yh x yw) and the loss. Encoder only: no decoded value depends on it.
   */
  default float[][] refinementStep(float[] y, float[] x, float[] hyperMean, float[] scale, float[] invGain,
      float[] anchorMask, float[] noise, float tau, float lambda, int yh, int yw) {
    throw new UnsupportedOperationException("no refinement graph");
  }

  TableSet zTables();

  TableSet yTables();

  @Override
  void close();
}
