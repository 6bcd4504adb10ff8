package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.frame.FrameCoder;

/**
 * The frame coder codes a picture exactly as the image codec does, without its container: the
 * same tile bytes, the same parsed symbols, the same pixels.
 */
class FrameCoderTest {
  private static final ImageModel MODEL = ImageModel.of(SharedModel.model(), CodecOptions.defaults());
  private static final EncodeParams PARAMS = EncodeParams.quality(64.5).withTiles(64, 0);

  private static List<byte[]> imageTiles(byte[] stream) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, "still.lic");
    List<byte[]> tiles = new ArrayList<>();
    for (int t = 0; t < reader.header().tileCount(); t++) {
      tiles.add(reader.readData(reader.tile(t).orElseThrow()));
    }
    return tiles;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void tilesSymbolsAndPixelsAreTheImageCodecs(boolean gray) throws IOException {
    RgbImage picture = gray ? TestPictures.gray(97, 65, 5) : TestPictures.colour(97, 65, 5);
    FrameCoder coder = FrameCoder.open(MODEL);
    FrameCoder.CodedPicture coded = coder.encode(picture, PARAMS);
    byte[] still = SharedModel.encoder().encode(picture, PARAMS).stream();
    ContainerReader reader = ContainerReader.read(still, "still.lic");

    assertEquals(reader.header(), coded.header());
    assertEquals(gray ? ColourFormat.GRAY : ColourFormat.RGB, coded.header().colourFormat());
    List<byte[]> expected = imageTiles(still);
    assertEquals(expected.size(), coded.tiles().size());
    for (int t = 0; t < expected.size(); t++) {
      assertArrayEquals(expected.get(t), coded.tiles().get(t), "tile " + t);
    }

    ImageDecoder decoder = SharedModel.decoder();
    List<LatentCoder.Symbols> fromImage = decoder.parseSymbols(still, "still.lic", 1);
    List<LatentCoder.Symbols> fromFrame = ((FrameCoding) coder).parseSymbols(coded.header(), coded.tiles());
    for (int t = 0; t < fromImage.size(); t++) {
      assertArrayEquals(fromImage.get(t).z(), fromFrame.get(t).z(), "z of tile " + t);
      assertArrayEquals(fromImage.get(t).residual(), fromFrame.get(t).residual(), "residual of tile " + t);
      assertArrayEquals(fromImage.get(t).scaleIndex(), fromFrame.get(t).scaleIndex(), "scales of tile " + t);
    }

    RgbImage image = decoder.decode(still, "still.lic");
    RgbImage frame = coder.decode(coded.header(), coded.header().quality(), coded.tiles(),
        new FrameCoder.Where("clip.licv", "frame 0: ", 0));
    assertEquals(image.isGray(), frame.isGray());
    assertArrayEquals(image.rgb(), frame.rgb());

    // The timed twin decodes the same picture, and says where the time went.
    DecodeResult timed = coder.decodeTimed(coded.header(), coded.header().quality(), coded.tiles(),
        new FrameCoder.Where("clip.licv", "frame 0: ", 0));
    assertArrayEquals(frame.rgb(), timed.image().rgb());
    DecodeResult.Timings t = timed.timings();
    assertTrue(t.codingNanos() > 0 && t.entropyModelNanos() > 0 && t.synthesisNanos() > 0, t.toString());
    assertTrue(t.synthesisNanos() <= t.totalNanos(), t.toString());
    assertTrue(coded.analysisNanos() > 0 && coded.modelNanos() > 0 && coded.codingNanos() > 0, coded.toString());
  }

  @Test
  void aTileThatDoesNotParseIsNamedWithTheCallersContext() throws IOException {
    FrameCoder coder = FrameCoder.open(MODEL);
    FrameCoder.CodedPicture coded = coder.encode(TestPictures.colour(97, 65, 6), PARAMS);
    List<byte[]> tiles = new ArrayList<>(coded.tiles());
    tiles.set(2, new byte[] {0, 0, 0, 9});
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> coder.decode(coded.header(),
        coded.header().quality(), tiles, new FrameCoder.Where("clip.licv", "frame 7: ", 4242)));
    assertTrue(e.reason().startsWith("frame 7: tile 2: "), e.getMessage());
    assertEquals(4242, e.offset());
    assertEquals("clip.licv", e.resource());
  }

  @Test
  void rateControlAndAWrongTileCountAreRefused() throws IOException {
    FrameCoder coder = FrameCoder.open(MODEL);
    assertThrows(IllegalArgumentException.class, () -> coder.encode(TestPictures.colour(64, 64, 1),
        EncodeParams.targetBpp(0.5)));
    FrameCoder.CodedPicture coded = coder.encode(TestPictures.colour(97, 65, 1), PARAMS);
    assertThrows(IllegalArgumentException.class, () -> coder.decode(coded.header(), coded.header().quality(),
        coded.tiles().subList(0, 1), new FrameCoder.Where("x", "", 0)));
  }
}
