package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.TilePlan.Tile;
import org.lic4j.entropy.CdfTable;
import org.lic4j.entropy.TableSet;

/**
 * The coded size is the model's estimate: the information content of the coded symbols under the
 * shipped tables, sum of -log2(f / 2^16), an escape counted as its escape symbol plus its bypass
 * bits (docs/entropy.md 3.4), is within 1% of each tile's rANS bytes once their fixed costs are
 * taken off (the 4-byte z length, and 8 bytes of final states per rANS stream); the rest of the
 * stream is exactly the container's framing.
 */
class CodedSizeTest {
  /** Fixed bytes of a tile's data besides its symbols: z length, two rANS streams' states. */
  private static final int TILE_FIXED_BYTES = 4 + 2 * 8;
  /** The rANS coder's loss over the ideal (measured 0.0015%, docs/entropy.md) is far below this. */
  private static final double MAX_EXCESS = 0.01;
  /** Chunk type, length and checksum, plus the tile index of TILE and ALPH. */
  private static final int CHUNK_FRAMING = 4 + 4 + 4 + 4;
  private static final int SIGNATURE_AND_LENGTH = 8 + 2 + 2;
  private static final int FOOTER = 24;

  @ParameterizedTest(name = "{0}x{1} tiles {2} quality {3}")
  @CsvSource({"300, 200, 1024, 30", "300, 200, 1024, 90", "300, 200, 128, 60"})
  void codedSizeIsTheInformationContent(int w, int h, int tile, double quality) throws Exception {
    RgbImage image = TestPictures.colour(w, h, 77);
    byte[] stream = SharedModel.encoder().encode(image, EncodeParams.quality(quality).withTiles(tile, 64)).stream();
    ContainerReader reader = ContainerReader.read(stream, "size.lic");
    StreamHeader header = reader.header();
    TilePlan plan = new TilePlan(w, h, header.tiles());
    LatentModel model = SharedModel.model();
    double idealBits = 0;
    long symbolBytes = 0;
    long chunkBytes = 0;
    for (Tile t : plan.tiles) {
      byte[] data = reader.readData(reader.tile(t.index()).orElseThrow());
      int zh = t.latentHeight() / 4;
      int zw = t.latentWidth() / 4;
      LatentCoder.Symbols s = SharedModel.latentCoder().decode(data, model.hyperChannels(), zh, zw,
          model.latentChannels(), z -> model.scaleIndex(z, zh, zw));
      double bits = 0;
      for (int i = 0; i < s.z().length; i++) {
        bits += informationBits(model.zTables(), i / (zh * zw), s.z()[i]);
      }
      for (int i = 0; i < s.residual().length; i++) {
        bits += informationBits(model.yTables(), s.scaleIndex()[i], s.residual()[i]);
      }
      double ideal = bits / 8;
      long actual = data.length - TILE_FIXED_BYTES;
      assertTrue(actual <= ideal * (1 + MAX_EXCESS) && actual >= ideal * (1 - MAX_EXCESS),
          "tile " + t.index() + ": " + actual + " bytes of symbols for " + ideal + " bytes of information");
      idealBits += bits;
      symbolBytes += actual;
    }
    for (ChunkEntry entry : reader.chunks()) {
      chunkBytes += entry.length() + CHUNK_FRAMING - entry.prefixLength();
    }
    int headerBytes = SIGNATURE_AND_LENGTH + headerLength(stream) + 4;
    assertEquals(stream.length, headerBytes + chunkBytes + FOOTER, "container framing");
    long tileData = symbolBytes + (long) plan.tiles.size() * TILE_FIXED_BYTES;
    long container = stream.length - tileData;
    assertTrue(stream.length <= idealBits / 8 * (1 + MAX_EXCESS) + container + plan.tiles.size() * TILE_FIXED_BYTES);
    System.out.printf("coded size, %dx%d in %d-pixel tiles at quality %.0f: %d bytes = %.1f bytes of information"
        + " %+.1f in the tiles' data (%+.3f%% of it), + %d of container%n", w, h, tile, quality, stream.length,
        idealBits / 8, tileData - idealBits / 8, 100 * (tileData / (idealBits / 8) - 1), container);
  }

  private static int headerLength(byte[] stream) {
    return ((stream[10] & 0xff) << 8) | (stream[11] & 0xff);
  }

  /** -log2 of a value's probability; an escape adds its exact bypass bits. */
  private static double informationBits(TableSet tables, int table, int value) {
    CdfTable t = tables.table(table);
    int precision = t.precision();
    if (t.isRegular(value)) {
      return precision - log2(t.frequency(t.symbolOf(value)));
    }
    long distance = value < t.offset() ? (long) t.offset() - 1 - value : (long) value - t.offset() - t.escapeSymbol();
    int b = 64 - Long.numberOfLeadingZeros(distance);
    return precision - log2(t.frequency(t.escapeSymbol())) + 7 + Math.max(b - 1, 0);
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
