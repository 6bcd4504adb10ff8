package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;

/** Pictures of several tiles: one TILE chunk per tile, the picture whole and close to its source. */
class TilingTest {
  /** Tolerated excess of the squared error at tile borders over the rest of the picture. */
  private static final double MAX_SEAM_EXCESS = 1.1;

  @ParameterizedTest(name = "{0}x{1}, tiles {2} overlap {3}")
  @CsvSource({
      "200, 150, 64, 0, 4, 3",
      "200, 150, 128, 64, 2, 2",
      "300, 200, 128, 64, 3, 2"})
  void multiTileRoundTrip(int w, int h, int tile, int overlap, int columns, int rows) throws Exception {
    RgbImage image = TestPictures.colour(w, h, 40 + w);
    int low = roundTrip(image, EncodeParams.quality(20).withTiles(tile, overlap), columns, rows);
    int high = roundTrip(image, EncodeParams.quality(80).withTiles(tile, overlap), columns, rows);
    // 64-pixel tiles have one hyper-latent position each, where the early model spends a flat
    // ~1.2 KB whatever the quality (AbstractImageCodecTest).
    if (tile > TilePlan.GRID) {
      assertTrue(high > low, "quality 80 took " + high + " bytes, quality 20 " + low);
    }
  }

  @Test
  void largePictureInDefaultTiles() throws Exception {
    RgbImage image = TestPictures.colour(1100, 700, 1100);
    roundTrip(image, EncodeParams.quality(50), 2, 1);
  }

  /** Encodes and decodes; checks the tiling, size and PSNR; returns the stream's length. */
  private static int roundTrip(RgbImage image, EncodeParams params, int columns, int rows) throws Exception {
    EncodeResult result = SharedModel.encoder().encode(image, params);
    ContainerReader reader = ContainerReader.read(result.stream(), "tiles.lic");
    StreamHeader header = reader.header();
    assertEquals(columns, header.tileColumns());
    assertEquals(rows, header.tileRows());
    assertEquals(columns * rows, reader.chunks(ChunkType.TILE).size());
    assertEquals(params.tileSize(), header.tiles().tileWidth());
    assertEquals(params.overlap(), header.tiles().overlap());
    RgbImage decoded = SharedModel.decoder().decode(result.stream(), "tiles.lic");
    assertEquals(image.width(), decoded.width());
    assertEquals(image.height(), decoded.height());
    double psnr = TestPictures.psnr(image, decoded);
    assertTrue(psnr > AbstractImageCodecTest.PSNR_FLOOR, "PSNR " + psnr + " with " + params);
    return result.stream().length;
  }

  @Test
  void overlappingWindowsLeaveNoSeam() throws Exception {
    // 512 x 256 in 128-pixel tiles: the pixels on either side of a tile border are no worse than
    // the others. (Without overlap they are about a quarter worse with the early model.)
    int w = 512;
    int h = 256;
    int tile = 128;
    RgbImage image = TestPictures.colour(w, h, 5);
    RgbImage decoded = SharedModel.decoder().decode(
        SharedModel.encoder().encode(image, EncodeParams.quality(60).withTiles(tile, 64)).stream(), "seams.lic");
    double[] sum = new double[2];
    long[] count = new long[2];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int border = isBorder(x, tile, w) || isBorder(y, tile, h) ? 1 : 0;
        for (int c = 0; c < 3; c++) {
          int i = (y * w + x) * 3 + c;
          double d = (image.rgb()[i] & 0xff) - (decoded.rgb()[i] & 0xff);
          sum[border] += d * d;
          count[border]++;
        }
      }
    }
    double inside = sum[0] / count[0];
    double atBorders = sum[1] / count[1];
    assertTrue(atBorders < inside * MAX_SEAM_EXCESS, "MSE " + atBorders + " at tile borders, " + inside + " inside");
  }

  /** The last and first pixel on either side of an inner tile border. */
  private static boolean isBorder(int v, int tile, int size) {
    return v > 0 && v < size - 1 && (v % tile == 0 || v % tile == tile - 1);
  }

  @Test
  void overlapBeyondHalfATileIsRefused() {
    // The container allows overlap up to half the tile side; the codec's windows are on the
    // 64-pixel grid, so 64-pixel tiles have no overlap.
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.quality(50).withTiles(64, 64));
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.quality(50).withTiles(128, 32));
    assertThrows(IllegalArgumentException.class, () -> EncodeParams.quality(50).withTiles(100, 0));
  }
}
