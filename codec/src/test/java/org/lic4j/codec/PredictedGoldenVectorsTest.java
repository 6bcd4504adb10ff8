package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.PredictedFrameCoder;
import org.lic4j.transforms.LictFile;

/**
 * The P-frame coder against the P model's golden vectors (training/export_pframe.py): a frame
 * pair, its prediction (the integer warp of the reference by the stored vectors), and per quality
 * PyTorch's symbols, scale indexes, means and reconstruction. The golden picture (192 x 128) is
 * one tile of the default layout, whose window is the picture. Decoder side: scale indexes exact,
 * means and pixels within float tolerance; encoder side: the symbols are PyTorch's but for rare
 * rounding ties of a float runtime.
 */
class PredictedGoldenVectorsTest {
  private static final int QUALITIES = 3;
  /** Means against PyTorch's, relative to their largest magnitude (float16 weights, as OnnxTransformsTest). */
  private static final double MEAN_TOLERANCE = 1e-3;

  private static LictFile golden;
  private static RgbImage current;
  private static RgbImage prediction;
  private static int w;
  private static int h;

  @BeforeAll
  static void load() throws Exception {
    byte[] bytes = Files.readAllBytes(PFrameModels.directory(PFrameModels.PFRAME).resolve("golden.lict"));
    golden = LictFile.parse(bytes, "golden.lict");
    int[] shape = golden.shape("golden.current");
    h = shape[1];
    w = shape[2];
    current = picture("golden.current");
    prediction = picture("golden.pred");
  }

  private static RgbImage picture(String name) throws Exception {
    int[] chw = golden.ints(name);
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        rgb[i * 3 + c] = (byte) chw[c * w * h + i];
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  private static int hundredths(int q) throws Exception {
    double position = golden.floats("golden.q" + q + ".quality")[0];
    return (int) Math.round(position / (PFrameModels.model().qualityLevels() - 1) * 10000);
  }

  private static StreamHeader header(int hundredths) {
    return StreamHeader.builder().size(w, h).colourFormat(ColourFormat.RGB).bitDepth(8)
        .model(SharedModel.model().id()).quality(hundredths)
        .tiles(new TileLayout(EncodeParams.DEFAULT_TILE_SIZE, EncodeParams.DEFAULT_TILE_SIZE, EncodeParams.DEFAULT_OVERLAP))
        .build();
  }

  private static LatentCoder.Symbols goldenSymbols(String p, LatentModel model) throws Exception {
    int[] zShape = golden.shape(p + "z_symbols");
    int[] yShape = golden.shape(p + "y_residual");
    int[] z = golden.ints(p + "z_symbols");
    int[] scaleIndex = model.scaleIndex(z, zShape[1], zShape[2]);
    byte[] expected = golden.int8(p + "scale_index");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], scaleIndex[i], p + "scale index " + i);
    }
    return new LatentCoder.Symbols(z, zShape[0], zShape[1], zShape[2], golden.ints(p + "y_residual"), scaleIndex,
        yShape[0], yShape[1], yShape[2]);
  }

  @Test
  void goldenSymbolsDecodeToTheGoldenMeansAndPicture() throws Exception {
    PredictionCoding coder = (PredictionCoding) PredictedFrameCoder.open(PFrameModels.model());
    LatentModel model = coder.latentModel();
    for (int q = 0; q < QUALITIES; q++) {
      String p = "golden.q" + q + ".";
      LatentCoder.Symbols symbols = goldenSymbols(p, model);
      StreamHeader picture = header(hundredths(q));
      float[] yHat = coder.reconstruct(picture, 0, symbols, prediction);
      float[] expected = golden.floats(p + "y_mean");
      float scale = 1f;
      for (float v : expected) {
        scale = Math.max(scale, Math.abs(v));
      }
      double worst = 0;
      for (int i = 0; i < expected.length; i++) {
        worst = Math.max(worst, Math.abs(yHat[i] - symbols.residual()[i] - expected[i]));
      }
      assertTrue(worst <= MEAN_TOLERANCE * scale, p + "means differ by up to " + worst + " (scale " + scale + ")");
      byte[] tile = new LatentCoder(model.zTables(), model.yTables()).encode(symbols);
      RgbImage decoded = coder.decode(picture, hundredths(q), List.of(tile), prediction,
          new FrameCoder.Where("golden", "", 0));
      assertCloseToGolden(p, decoded);
    }
  }

  @Test
  void encoderReproducesTheGoldenSymbols() throws Exception {
    PredictedFrameCoder coder = PredictedFrameCoder.open(PFrameModels.model());
    for (int q = 0; q < QUALITIES; q++) {
      String p = "golden.q" + q + ".";
      StreamHeader picture = header(hundredths(q));
      PredictedFrameCoder.Coded coded = coder.encode(current, prediction, picture, hundredths(q));
      int[][] symbols = coder.parse(picture, coded.tiles(), new FrameCoder.Where("golden", "", 0)).get(0);
      assertAgreement(golden.ints(p + "z_symbols"), symbols[0], "z, quality " + q);
      assertAgreement(golden.ints(p + "y_residual"), symbols[1], "y residuals, quality " + q);
      if (Arrays.equals(golden.ints(p + "z_symbols"), symbols[0])
          && Arrays.equals(golden.ints(p + "y_residual"), symbols[1])) {
        assertCloseToGolden(p, coded.reconstruction());
      }
    }
  }

  @Test
  void theStoredPredictionIsTheWarpOfTheReference() throws Exception {
    // The vectors the Python estimator found for the pair: the Java warp (video module) is
    // checked against them there; here the pair and its prediction must be consistent in size.
    int[] vectors = golden.shape("golden.vectors");
    int block = golden.ints("golden.block")[0];
    assertArrayEquals(new int[] {2, (h + block - 1) / block, (w + block - 1) / block}, vectors);
    assertArrayEquals(golden.shape("golden.reference"), golden.shape("golden.pred"));
  }

  private static void assertCloseToGolden(String p, RgbImage decoded) throws Exception {
    GoldenVectorsTest.assertCloseToPyTorch(p, golden.floats(p + "x_hat"), w, h, decoded);
  }

  private static void assertAgreement(int[] expected, int[] actual, String what) {
    GoldenVectorsTest.assertAgreement(expected, actual, what);
  }
}
