package org.lic4j.codec.conformance;

/**
 * The integer latents parsed from one tile (docs/bitstream.md 10.4): what every conforming decoder
 * must reproduce exactly, whatever its execution provider, because no float takes part in them.
 * Arrays are in channel, row, column order and are the caller's to keep. From
 * {@link ConformanceAccess#tileSymbols}.
 *
 * @param tileIndex the tile's index in raster order
 * @param z hyper-latent symbols, {@code hyperChannels x zHeight x zWidth}
 * @param residual the coded residuals {@code round(y - mean)}, {@code channels x height x width}
 * @param scaleIndex the scale table index of every residual, from the integer scale network
 */
public record TileSymbols(int tileIndex, int hyperChannels, int zHeight, int zWidth, int[] z,
    int channels, int height, int width, int[] residual, int[] scaleIndex) {}
