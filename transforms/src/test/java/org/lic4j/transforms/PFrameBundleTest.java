package org.lic4j.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lic4j.bitstream.ModelFormatException;

/**
 * A P-frame bundle (kind {@code pframe}): its manifest, its graphs' shapes, and that neither kind
 * of bundle runs the other's graphs. Skipped without {@code models/lic-pframe-v1} (or
 * {@code -Dlic4j.pframeBundle=DIR}, e.g. a bundle whose synthesis takes the prediction); the values
 * are checked against the golden vectors in the codec (PredictedGoldenVectorsTest).
 */
class PFrameBundleTest {
  @RegisterExtension
  final BundleCopies copies = new BundleCopies();

  @Test
  void readsTheKindAndThePrediction() throws IOException {
    ModelBundle bundle = TestBundles.pframeBundle();
    assertEquals(ModelBundle.Kind.PFRAME, bundle.kind());
    assertArrayEquals(new int[] {32, 64, 96}, bundle.predictionChannels());
    assertArrayEquals(new int[] {2, 4, 16}, bundle.predictionDownsampling());
    assertFalse(bundle.hasRefinement());
    JsonObject prediction = JsonParser.parseString(Files.readString(TestBundles.pframeDirectory().resolve("manifest.json")))
        .getAsJsonObject().getAsJsonObject("prediction");
    // Absent in the first bundles: their synthesis does not take the prediction.
    assertEquals(prediction.has("synthesisPred") && prediction.get("synthesisPred").getAsBoolean(),
        bundle.synthesisTakesPrediction());
    assertFalse(TestBundles.bundle().synthesisTakesPrediction());
  }

  /** The P bundle, its manifest's {@code prediction.synthesisPred} set to {@code value} (JSON). */
  private Path withSynthesisPred(String value) throws IOException {
    Path copy = copies.of(TestBundles.pframeDirectory(), "manifest.json");
    Path manifest = copy.resolve("manifest.json");
    JsonObject root = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    root.getAsJsonObject("prediction").add("synthesisPred", JsonParser.parseString(value));
    Files.writeString(manifest, root.toString());
    return copy;
  }

  @Test
  void aManifestThatDisagreesWithTheSynthesisGraphIsReported() throws Exception {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelBundle.load(withSynthesisPred("1")));
    assertTrue(e.getMessage().contains("'synthesisPred' is not a boolean"), e.getMessage());
    boolean takes = TestBundles.pframeBundle().synthesisTakesPrediction();
    ModelBundle wrong = ModelBundle.load(withSynthesisPred(Boolean.toString(!takes)));
    assertEquals(!takes, wrong.synthesisTakesPrediction());
    int h = 64;
    int w = 64;
    int m = wrong.latentChannels();
    try (OnnxTransforms onnx = OnnxTransforms.open(wrong, OnnxOptions.defaults().withIntraOpThreads(1))) {
      float[][] f = onnx.predictionFeatures(new float[3 * h * w], h, w);
      InferenceException failure = assertThrows(InferenceException.class, () -> onnx.predictedSynthesis(
          new float[m * (h / 16) * (w / 16)], h / 16, w / 16, wrong.invGain(4.5), f[1], f[0], new float[3 * h * w]));
      assertTrue(failure.getMessage().startsWith("p_synthesis.onnx has inputs "), failure.getMessage());
    }
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
      float[] xHat = onnx.predictedSynthesis(y, h / 16, w / 16, bundle.invGain(4.5), f[1], f[0], pred);
      assertEquals(x.length, xHat.length);
      if (bundle.synthesisTakesPrediction()) {
        IllegalArgumentException noPred = assertThrows(IllegalArgumentException.class,
            () -> onnx.predictedSynthesis(y, h / 16, w / 16, bundle.invGain(4.5), f[1], f[0], null));
        assertTrue(noPred.getMessage().contains("takes the prediction (pred), none given"), noPred.getMessage());
      } else {
        // The prediction is not read: any value (null included) gives the same picture.
        assertArrayEquals(xHat, onnx.predictedSynthesis(y, h / 16, w / 16, bundle.invGain(4.5), f[1], f[0], null));
      }
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
