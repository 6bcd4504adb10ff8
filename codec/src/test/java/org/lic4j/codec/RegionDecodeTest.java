package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.CorruptStreamException;

/**
 * A region decodes to exactly the same pixels as that rectangle of the whole picture, though it
 * reads only the tiles it needs: 300x200 RGBA in 128-pixel tiles with 64 pixels of overlap (3 x 2
 * tiles over a 320 x 256 padded picture).
 */
class RegionDecodeTest {
  private static final int W = 300;
  private static final int H = 200;
  private static byte[] stream;
  private static RgbImage whole;

  @BeforeAll
  static void encode() throws Exception {
    RgbImage image = TestPictures.colour(W, H, 9).withAlpha(TestPictures.alpha(W, H, 9));
    stream = SharedModel.encoder().encode(image, EncodeParams.quality(60).withTiles(128, 64)).stream();
    whole = SharedModel.decoder().decode(stream, "region.lic");
  }

  @ParameterizedTest(name = "{2}x{3}+{0}+{1}")
  @CsvSource({
      "0, 0, 1, 1",
      "127, 127, 2, 2",
      "100, 50, 150, 100",
      "256, 128, 44, 72",
      "299, 199, 1, 1",
      "0, 130, 300, 10",
      "128, 0, 128, 128",
      "0, 0, 300, 200"})
  void regionEqualsTheSameRectangleOfTheWholePicture(int x, int y, int w, int h) throws Exception {
    RgbImage region = SharedModel.decoder().decodeRegion(stream, "region.lic", x, y, w, h);
    RgbImage expected = TestPictures.crop(whole, x, y, w, h);
    assertEquals(w, region.width());
    assertEquals(h, region.height());
    assertArrayEquals(expected.rgb(), region.rgb(), "rgb");
    assertArrayEquals(expected.alpha(), region.alpha(), "alpha");
  }

  @Test
  void regionOutsideThePictureIsRefused() {
    ImageDecoder decoder = SharedModel.decoder();
    assertThrows(IllegalArgumentException.class, () -> decoder.decodeRegion(stream, "r", -1, 0, 5, 5));
    assertThrows(IllegalArgumentException.class, () -> decoder.decodeRegion(stream, "r", 0, 0, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> decoder.decodeRegion(stream, "r", 296, 0, 5, 5));
    assertThrows(IllegalArgumentException.class, () -> decoder.decodeRegion(stream, "r", 0, 190, 5, 11));
    assertThrows(IllegalArgumentException.class,
        () -> decoder.decodeRegion(stream, "r", Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 5));
  }

  @Test
  void regionReadsOnlyTheTilesItNeeds() throws Exception {
    // Tile 5 (the bottom right) with damaged symbols whose checksum matches: the top left region's
    // synthesis windows reach tiles 0, 1, 3 and 4 only.
    byte[] data = StreamSurgery.tileData(stream, 5);
    data[data.length / 2] ^= 0x5a;
    byte[] damaged = StreamSurgery.withTileData(stream, 5, data);
    RgbImage region = SharedModel.decoder().decodeRegion(damaged, "damaged.lic", 0, 0, 128, 128);
    assertArrayEquals(TestPictures.crop(whole, 0, 0, 128, 128).rgb(), region.rgb());
    assertThrows(CorruptStreamException.class, () -> SharedModel.decoder().decode(damaged, "damaged.lic"));
  }
}
