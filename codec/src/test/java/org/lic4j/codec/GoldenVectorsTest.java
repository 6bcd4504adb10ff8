package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.container.ContainerWriter;
import org.lic4j.transforms.LictFile;

/**
 * The codec against the Python model's golden vectors (docs/models.md): the composition of
 * tiling, gains, symbols and synthesis is PyTorch's. The golden image (192 x 128) is one tile
 * of the default layout, whose window is the picture.
 * Decoder side: a stream of the golden symbols decodes to the golden picture. Encoder side: the
 * codec's symbols are the golden ones but for rare rounding ties of a float runtime.
 */
class GoldenVectorsTest {
  private static final int QUALITIES = 3;
  /** Share of encoder-side integers that must equal PyTorch's (the rest are rounding ties). */
  static final double MIN_AGREEMENT = 0.999;
  /** Share of decoded samples that may be one level off PyTorch's (float rounding at .5). */
  static final double MAX_OFF_BY_ONE = 0.001;

  private static LictFile golden;
  private static RgbImage image;
  private static int w;
  private static int h;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = GoldenVectorsTest.class.getClassLoader()
        .getResourceAsStream(ImageModel.DEFAULT_RESOURCE + "golden.lict")) {
      golden = LictFile.read(in, "golden.lict");
    }
    int[] shape = golden.shape("golden.image");
    h = shape[1];
    w = shape[2];
    int[] chw = golden.ints("golden.image");
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        rgb[i * 3 + c] = (byte) chw[c * w * h + i];
      }
    }
    image = RgbImage.ofRgb(w, h, rgb);
  }

  /** The header quality (hundredths) of a golden quality position. */
  private static int hundredths(int q) throws Exception {
    double position = golden.floats("golden.q" + q + ".quality")[0];
    return (int) Math.round(position / (SharedModel.model().qualityLevels() - 1) * 10000);
  }

  @Test
  void goldenSymbolsDecodeToTheGoldenPicture() throws Exception {
    LatentModel model = SharedModel.model();
    for (int q = 0; q < QUALITIES; q++) {
      String p = "golden.q" + q + ".";
      int[] zShape = golden.shape(p + "z_symbols");
      int[] yShape = golden.shape(p + "y_residual");
      byte[] index = golden.int8(p + "scale_index");
      int[] scaleIndex = new int[index.length];
      for (int i = 0; i < index.length; i++) {
        scaleIndex[i] = index[i];
      }
      LatentCoder.Symbols symbols = new LatentCoder.Symbols(golden.ints(p + "z_symbols"), zShape[0], zShape[1],
          zShape[2], golden.ints(p + "y_residual"), scaleIndex, yShape[0], yShape[1], yShape[2]);
      StreamHeader header = StreamHeader.builder().size(w, h).colourFormat(ColourFormat.RGB)
          .model(model.id()).quality(hundredths(q))
          .tiles(new TileLayout(EncodeParams.DEFAULT_TILE_SIZE, EncodeParams.DEFAULT_TILE_SIZE,
              EncodeParams.DEFAULT_OVERLAP))
          .build();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ContainerWriter writer = ContainerWriter.create(out, header)) {
        writer.writeTile(0, SharedModel.latentCoder().encode(symbols));
        writer.finish();
      }
      RgbImage decoded = SharedModel.decoder().decode(out.toByteArray(), "golden-q" + q + ".lic");
      assertCloseToGolden(p, decoded);
    }
  }

  @Test
  void encoderReproducesTheGoldenSymbolsAndPicture() throws Exception {
    for (int q = 0; q < QUALITIES; q++) {
      String p = "golden.q" + q + ".";
      EncodeResult result = SharedModel.encoder().encode(image, EncodeParams.quality(hundredths(q) / 100.0));
      byte[] data = StreamSurgery.tileData(result.stream(), 0);
      int[] zShape = golden.shape(p + "z_symbols");
      LatentCoder.Symbols symbols = SharedModel.latentCoder().decode(data, zShape[0], zShape[1], zShape[2],
          SharedModel.model().latentChannels(), z -> SharedModel.model().scaleIndex(z, zShape[1], zShape[2]));
      assertAgreement(golden.ints(p + "z_symbols"), symbols.z(), "z, quality " + q);
      assertAgreement(golden.ints(p + "y_residual"), symbols.residual(), "y residuals, quality " + q);
      if (Arrays.equals(golden.ints(p + "z_symbols"), symbols.z())
          && Arrays.equals(golden.ints(p + "y_residual"), symbols.residual())) {
        assertCloseToGolden(p, SharedModel.decoder().decode(result.stream(), "golden.lic"));
      }
    }
  }

  private static void assertCloseToGolden(String p, RgbImage decoded) throws Exception {
    assertCloseToPyTorch(p, golden.floats(p + "x_hat"), w, h, decoded);
  }

  /**
   * Every sample of {@code decoded} within one level of PyTorch's {@code xHat} (3 x h x w, not
   * clamped), and at most {@link #MAX_OFF_BY_ONE} of them off by one. Shared with the P-frame
   * golden test.
   */
  static void assertCloseToPyTorch(String p, float[] xHat, int w, int h, RgbImage decoded) {
    int offByOne = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < w * h; i++) {
        int expected = Math.round(255 * clamp(xHat[c * w * h + i]));
        int actual = decoded.rgb()[i * 3 + c] & 0xff;
        int d = Math.abs(expected - actual);
        assertTrue(d <= 1, p + " sample " + c + "/" + i + ": " + actual + ", PyTorch " + expected);
        offByOne += d;
      }
    }
    assertTrue(offByOne <= MAX_OFF_BY_ONE * 3 * w * h, p + offByOne + " samples one level off");
  }

  /**
   * {@code actual} equal to {@code expected} but for at most a share 1 - {@link #MIN_AGREEMENT} of
   * elements, each off by one at most. Shared with the P-frame golden test.
   */
  static void assertAgreement(int[] expected, int[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    int differ = 0;
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        differ++;
        assertEquals(expected[i], actual[i], 1, what + ", element " + i);
      }
    }
    assertTrue(differ <= Math.max(1, (1 - MIN_AGREEMENT) * expected.length), what + ": " + differ + " differ");
  }

  private static float clamp(float v) {
    return Math.max(0f, Math.min(1f, v));
  }
}
