package org.lic4j.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A P-frame bundle (kind {@code pframe}): its manifest, its graphs' shapes, and that neither kind
 * of bundle runs the other's graphs. Skipped without {@code models/lic-pframe-v1}; the values are
 * checked against the golden vectors in the codec (PredictedGoldenVectorsTest).
 */
class PFrameBundleTest {
  @Test
  void readsTheKindAndThePrediction() {
    ModelBundle bundle = TestBundles.pframeBundle();
    assertEquals(ModelBundle.Kind.PFRAME, bundle.kind());
    assertArrayEquals(new int[] {32, 64, 96}, bundle.predictionChannels());
    assertArrayEquals(new int[] {2, 4, 16}, bundle.predictionDownsampling());
    assertFalse(bundle.hasRefinement());
  }

  @Test
  void runsThePGraphsWithTheirShapes() throws Exception {
    ModelBundle bundle = TestBundles.pframeBundle();
    int h = 64;
    int w = 128;
    int m = bundle.latentChannels();
    float[] x = new float[3 * h * w];
    float[] pred = new float[3 * h * w];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 37) / 37f;
      pred[i] = (i % 41) / 41f;
    }
    try (OnnxTransforms onnx = OnnxTransforms.open(bundle, OnnxOptions.defaults().withIntraOpThreads(1))) {
      assertEquals(ModelBundle.Kind.PFRAME, onnx.kind());
      float[][] f = onnx.predictionFeatures(pred, h, w);
      assertEquals(32 * (h / 2) * (w / 2), f[0].length);
      assertEquals(64 * (h / 4) * (w / 4), f[1].length);
      assertEquals(96 * (h / 16) * (w / 16), f[2].length);
      float[] y = onnx.predictedAnalysis(x, pred, f[1], h, w, bundle.gain(4.5));
      assertEquals(m * (h / 16) * (w / 16), y.length);
      float[] z = onnx.hyperAnalysis(y, h / 16, w / 16);
      float[] zHat = new float[z.length];
      for (int i = 0; i < z.length; i++) {
        zHat[i] = Math.round(z[i]);
      }
      float[] mean = onnx.predictedHyperMean(zHat, f[2], h / 64, w / 64);
      assertEquals(y.length, mean.length);
      float[] xHat = onnx.predictedSynthesis(y, h / 16, w / 16, bundle.invGain(4.5), f[1], f[0]);
      assertEquals(x.length, xHat.length);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> onnx.analysis(x, h, w, bundle.gain(0)));
      assertTrue(e.getMessage().contains("is a bundle of kind 'pframe': it has no encoder.onnx"), e.getMessage());
    }
  }

  @Test
  void anImageBundleRefusesThePGraphs() throws Exception {
    try (OnnxTransforms onnx = OnnxTransforms.open(TestBundles.bundle(), OnnxOptions.defaults())) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> onnx.predictionFeatures(new float[3 * 64 * 64], 64, 64));
      assertTrue(e.getMessage().contains("is a bundle of kind 'image': it has no pred_features.onnx"), e.getMessage());
    }
  }
}
