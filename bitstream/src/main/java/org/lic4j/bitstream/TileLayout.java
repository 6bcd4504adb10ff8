package org.lic4j.bitstream;

import org.lic4j.bitstream.container.HeaderRules;

/**
 * How the picture is cut into independently decodable tiles. Tiles form a raster of
 * {@code columns x rows} in row-major order; tile {@code (c, r)} has index {@code r * columns + c}
 * and covers the pixels {@code [c * tileWidth, (c + 1) * tileWidth)} x {@code [r * tileHeight,
 * (r + 1) * tileHeight)} clipped to the picture, extended by {@code overlap} pixels on each side
 * (again clipped) for the codec to blend seams.
 *
 * @param tileWidth a multiple of 64 in 64..65472
 * @param tileHeight a multiple of 64 in 64..65472
 * @param overlap 0..min(tileWidth, tileHeight) / 2
 */
public record TileLayout(int tileWidth, int tileHeight, int overlap) {

  /** Tile sizes are multiples of this, the codec's total downsampling factor. */
  public static final int TILE_STEP = HeaderRules.TILE_STEP;

  /** The largest tile side, the biggest multiple of 64 a u16 holds. */
  public static final int MAX_TILE_SIZE = HeaderRules.MAX_TILE_SIZE;

  /** Validates the ranges. */
  public TileLayout {
    HeaderRules.require(HeaderRules.tileSize("tile width", tileWidth));
    HeaderRules.require(HeaderRules.tileSize("tile height", tileHeight));
    HeaderRules.require(HeaderRules.overlap(overlap, tileWidth, tileHeight));
  }

  /** Square tiles of side {@code size} without overlap. */
  public static TileLayout square(int size) {
    return new TileLayout(size, size, 0);
  }

  /** Tile columns covering a picture {@code width} pixels wide. */
  public int columns(int width) {
    return (int) ceilDiv(width, tileWidth);
  }

  /** Tile rows covering a picture {@code height} pixels high. */
  public int rows(int height) {
    return (int) ceilDiv(height, tileHeight);
  }

  /** Number of tiles covering a {@code width x height} picture (may exceed an {@code int}). */
  public long tileCount(int width, int height) {
    return ceilDiv(width, tileWidth) * ceilDiv(height, tileHeight);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
