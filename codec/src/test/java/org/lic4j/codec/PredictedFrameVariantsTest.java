package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.PredictedFrameCoder;
import org.lic4j.codec.frame.PredictionModel;
import org.lic4j.transforms.ModelBundle;

/**
 * The two variants of a P-frame bundle, the synthesis with and without the prediction at full
 * resolution (docs/models.md, "lic-pframe-v1"), exported from the same weights: the full-resolution
 * path starts at zero, so both code and decode every picture to the same bytes and pixels. Runs
 * when {@code -Dlic4j.pframeTwin=DIR} names the other variant's bundle of the weights of the P
 * bundle under test ({@code models/lic-pframe-v1}, or {@code -Dlic4j.pframeBundle=DIR}); both are
 * exported by training/export_pframe.py (with and without {@code --full-res-synthesis}) into a
 * git-ignored folder, as docs/models.md describes; skipped otherwise.
 */
class PredictedFrameVariantsTest {
  private static final String TWIN_PROPERTY = "lic4j.pframeTwin";
  private static final int QUALITY = 6000;

  @Test
  void bothVariantsOfOneWeightsCodeAndDecodeAlike() throws IOException {
    String twin = System.getProperty(TWIN_PROPERTY, "");
    Assumptions.assumeFalse(twin.isEmpty(), "no -D" + TWIN_PROPERTY + "=DIR: the variants are not compared");
    Path mainDir = PFrameModels.directory(PFrameModels.PFRAME);
    Path twinDir = Path.of(twin).toAbsolutePath();
    boolean mainTakes = ModelBundle.load(mainDir).synthesisTakesPrediction();
    assertNotEquals(mainTakes, ModelBundle.load(twinDir).synthesisTakesPrediction(),
        "the twin must be the other variant");
    // Same weights: the exporter's golden vectors (PyTorch) are the same bytes.
    assertArrayEquals(Files.readAllBytes(mainDir.resolve("golden.lict")), Files.readAllBytes(twinDir.resolve("golden.lict")));

    RgbImage reference = TestPictures.colour(250, 180, 5);
    RgbImage current = PredictedFrameCoderTest.moved(reference, 3, 2, 3, 1);
    RgbImage prediction = PredictedFrameCoderTest.moved(reference, 3, 2, 0, 0);
    StreamHeader picture = StreamHeader.builder().size(250, 180).colourFormat(ColourFormat.RGB).bitDepth(8)
        .model(SharedModel.model().id()).quality(QUALITY).tiles(new TileLayout(128, 128, 64)).build();
    FrameCoder.Where where = new FrameCoder.Where("x", "", 0);
    try (PredictionModel other = PredictionModel.open(twinDir, CodecOptions.defaults())) {
      PredictedFrameCoder a = PredictedFrameCoder.open(PFrameModels.model());
      PredictedFrameCoder b = PredictedFrameCoder.open(other);
      PredictedFrameCoder.Coded codedA = a.encode(current, prediction, picture, QUALITY);
      PredictedFrameCoder.Coded codedB = b.encode(current, prediction, picture, QUALITY);
      assertEquals(4, codedA.tiles().size());
      for (int i = 0; i < codedA.tiles().size(); i++) {
        assertArrayEquals(codedA.tiles().get(i), codedB.tiles().get(i), "tile " + i);
      }
      assertArrayEquals(codedA.reconstruction().rgb(), codedB.reconstruction().rgb());
      List<byte[]> tiles = codedA.tiles();
      assertArrayEquals(a.decode(picture, QUALITY, tiles, prediction, where).rgb(),
          b.decode(picture, QUALITY, tiles, prediction, where).rgb());
      System.out.printf("variants (synthesis takes pred: %s / %s): the same %d bytes and pixels%n", mainTakes,
          !mainTakes, tiles.stream().mapToInt(t -> t.length).sum());
    }
  }
}
