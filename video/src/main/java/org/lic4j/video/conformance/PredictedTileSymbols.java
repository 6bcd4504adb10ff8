package org.lic4j.video.conformance;

/**
 * The integers parsed from one tile of a P frame (docs/video.md, "P frames"): what every conforming
 * decoder must reproduce exactly, because no float takes part in them. Arrays are the caller's to
 * keep. From {@link VideoConformanceAccess#predictedTiles}.
 *
 * @param tileIndex the tile's index in raster order
 * @param blockSize the motion blocks' size, 16 or 8 (from {@code BlockSizeCode})
 * @param vectors {@code (mvx, mvy)} of each block of the tile's own area in raster order, quarter
 *     samples
 * @param z the residual data's hyper-latent symbols in channel, row, column order; empty when the
 *     frame's residual is skipped
 * @param residual the residual data's coded latents {@code round(y - mean)} in channel, row, column
 *     order; empty when the frame's residual is skipped
 */
public record PredictedTileSymbols(int tileIndex, int blockSize, int[] vectors, int[] z, int[] residual) {
  /** Whether the tile has no residual data (the frame is its prediction). */
  public boolean skipped() {
    return z.length == 0 && residual.length == 0;
  }
}
