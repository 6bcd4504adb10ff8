package org.lic4j.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refinement graph computes the gradient of its own loss in closed form (ONNX Runtime has no
 * automatic differentiation), so check it the way a gradient is checked: along random directions,
 * the loss's central difference must match the gradient's inner product with the direction.
 */
class RefinementGraphTest {
  private static final int YH = 4;
  private static final int YW = 6;
  private static ModelBundle bundle;
  private static OnnxTransforms onnx;

  @BeforeAll
  static void open() throws Exception {
    bundle = TestBundles.bundle();
    onnx = OnnxTransforms.open(bundle, new OnnxOptions(2, OnnxOptions.Optimization.ALL, OnnxOptions.Device.CPU));
  }

  @AfterAll
  static void close() {
    if (onnx != null) {
      onnx.close();
    }
  }

  private static final float TAU = 0.5f;

  private record Inputs(float[] y, float[] x, float[] mean, float[] scale, float[] invGain, float[] mask,
      float[] noise) {}

  private static double softRoundUp(double v, double noise) {
    double d = v - Math.floor(v);
    double s = atanh(Math.min(d, 1 - 1e-5)) - atanh(Math.min(1 - d, 1 - 1e-5));
    return 1 / (1 + Math.exp(-(s / TAU + noise)));
  }

  private static double atanh(double v) {
    return 0.5 * Math.log((1 + v) / (1 - v));
  }

  /**
   * A latent whose every element lies between 0.2 and 0.8 of the way from one integer to the next
   * relative to its mean. Soft rounding jumps (slightly, at low temperature) where an element
   * crosses an integer, so a central difference is only meaningful away from the crossings; the
   * non-anchors' means come from the soft anchors through the context graph, computed here alike.
   */
  private static Inputs inputs(long seed) throws InferenceException {
    int m = bundle.latentChannels();
    int plane = YH * YW;
    int n = m * plane;
    SplittableRandom r = new SplittableRandom(seed);
    float[] mean = new float[n];
    float[] scale = new float[n];
    float[] noise = new float[n];
    float[] offset = new float[n];
    for (int i = 0; i < n; i++) {
      mean[i] = (float) r.nextGaussian();
      scale[i] = (float) (3 + 3 * r.nextDouble());
      offset[i] = (float) (r.nextInt(5) - 2 + 0.2 + 0.6 * r.nextDouble());
      double u = 0.01 + 0.98 * r.nextDouble();
      noise[i] = (float) Math.log(u / (1 - u));
    }
    float[] mask = new float[plane];
    for (int row = 0; row < YH; row++) {
      for (int col = row & 1; col < YW; col += 2) {
        mask[row * YW + col] = 1;
      }
    }
    float[] y = new float[n];
    float[] softAnchor = new float[n];
    for (int i = 0; i < n; i++) {
      if (mask[i % plane] == 1) {
        y[i] = mean[i] + offset[i];
        softAnchor[i] = (float) (Math.floor(offset[i]) + softRoundUp(offset[i], noise[i]) + mean[i]);
      }
    }
    float[] context = onnx.contextMean(mean, softAnchor, YH, YW);
    for (int i = 0; i < n; i++) {
      if (mask[i % plane] == 0) {
        y[i] = context[i] + offset[i];
      }
    }
    float[] x = new float[3 * YH * 16 * YW * 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 + 0.1 * r.nextGaussian());
    }
    return new Inputs(y, x, mean, scale, bundle.invGain(5.0), mask, noise);
  }

  private static float[][] step(Inputs in, float[] y) throws InferenceException {
    return onnx.refinementStep(y, in.x, in.mean, in.scale, in.invGain, in.mask, in.noise, TAU,
        (float) bundle.lambda(5.0), YH, YW);
  }

  @Test
  void gradientMatchesCentralDifferences() throws Exception {
    assertTrue(bundle.hasRefinement(), "the bundled model has refine.onnx");
    Inputs in = inputs(1);
    float[][] at = step(in, in.y);
    float[] grad = at[0];
    double h = 1e-3;
    // Float32 rounding of the loss limits what a difference can resolve.
    double resolution = 8 * Math.ulp(at[1][0]) / h;
    SplittableRandom r = new SplittableRandom(2);
    double norm = 0;
    for (float g : grad) {
      norm += g * g;
    }
    norm = Math.sqrt(norm / grad.length);
    for (int trial = 0; trial < 3; trial++) {
      // Along the gradient itself first (the largest change), then along random directions.
      float[] d = new float[in.y.length];
      double predicted = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] = (float) (trial == 0 ? grad[i] / norm : r.nextGaussian());
        predicted += grad[i] * d[i];
      }
      float[] plus = in.y.clone();
      float[] minus = in.y.clone();
      for (int i = 0; i < d.length; i++) {
        plus[i] += (float) (h * d[i]);
        minus[i] -= (float) (h * d[i]);
      }
      double measured = (step(in, plus)[1][0] - step(in, minus)[1][0]) / (2 * h);
      assertEquals(predicted, measured, 0.03 * Math.abs(predicted) + resolution,
          "directional derivative " + trial + ": closed-form gradient against the loss's central difference");
    }
  }

  @Test
  void lambdaInterpolatesGeometrically() {
    double[] lambdas = bundle.lambdas();
    assertEquals(lambdas[3], bundle.lambda(3.0), 1e-6 * lambdas[3]);
    assertEquals(Math.sqrt(lambdas[3] * lambdas[4]), bundle.lambda(3.5), 1e-6 * lambdas[4]);
    assertThrows(IllegalArgumentException.class, () -> bundle.lambda(-0.5));
  }
}
