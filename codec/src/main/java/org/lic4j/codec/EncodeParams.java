package org.lic4j.codec;

import org.lic4j.bitstream.TileLayout;

/**
 * What one encode asks for: a quality, or a target size in bits per pixel (rate control picks the
 * highest quality whose coded size fits), and the tiling.
 *
 * @param quality 0..100, higher is better; ignored when {@code targetBpp > 0}
 * @param targetBpp bits per pixel to aim at, or 0 for none: rate control searches the qualities
 *     0, 0.1, .. 100 by bisection, which assumes that bits grow with quality; the result is at most
 *     the target when quality 0 fits, else it is quality 0
 * @param tileSize tile side in pixels, a multiple of 64 (default 1024)
 * @param overlap pixels each window reaches into the neighbouring tiles, a multiple of 64
 *     (default 64): analysis and synthesis see across tile borders, so tiles leave no seam
 */
public record EncodeParams(double quality, double targetBpp, int tileSize, int overlap) {
  public static final int DEFAULT_TILE_SIZE = 1024;
  public static final int DEFAULT_OVERLAP = 64;
  public static final double DEFAULT_QUALITY = 75;

  public EncodeParams {
    if (!(quality >= 0 && quality <= 100)) {
      throw new IllegalArgumentException("quality must be in 0..100, got " + quality);
    }
    if (!(targetBpp >= 0) || Double.isInfinite(targetBpp)) {
      throw new IllegalArgumentException("target bpp must be a positive number, got " + targetBpp);
    }
    new TileLayout(tileSize, tileSize, overlap);
    if (tileSize % TilePlan.GRID != 0 || overlap % TilePlan.GRID != 0) {
      throw new IllegalArgumentException("tile size and overlap must be multiples of 64");
    }
  }

  /** Quality {@code q} (0..100) with default tiling. */
  public static EncodeParams quality(double q) {
    return new EncodeParams(q, 0, DEFAULT_TILE_SIZE, DEFAULT_OVERLAP);
  }

  /** Rate control to {@code bpp} bits per pixel with default tiling. */
  public static EncodeParams targetBpp(double bpp) {
    if (!(bpp > 0)) {
      throw new IllegalArgumentException("target bpp must be positive, got " + bpp);
    }
    return new EncodeParams(DEFAULT_QUALITY, bpp, DEFAULT_TILE_SIZE, DEFAULT_OVERLAP);
  }

  /** The same request with other tiling. */
  public EncodeParams withTiles(int size, int overlapPixels) {
    return new EncodeParams(quality, targetBpp, size, overlapPixels);
  }

  TileLayout layout() {
    return new TileLayout(tileSize, tileSize, overlap);
  }

  /** Quality in the header's hundredths. */
  int hundredths() {
    return (int) Math.round(quality * 100);
  }

  /** The model's continuous quality position for a header quality in hundredths. */
  static double position(int hundredths, int qualityLevels) {
    return (qualityLevels - 1) * (hundredths / 10000.0);
  }
}
