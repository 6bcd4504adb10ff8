package org.lic4j.codec.imageio;

import java.awt.Dimension;
import java.util.Locale;
import javax.imageio.ImageWriteParam;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.codec.EncodeParams;

/**
 * Write parameters of {@link LicImageWriter}: one compression type, lossy, whose quality 0..1 is
 * the codec's quality 0..100. Without {@link #MODE_EXPLICIT} the quality is {@link
 * #DEFAULT_QUALITY}; compression cannot be disabled. Tiling: in {@link #MODE_EXPLICIT}, square
 * tiles whose side is a multiple of 64 up to {@link TileLayout#MAX_TILE_SIZE} (the codec's grid),
 * without tile grid offsets; in every other mode the codec's default tiles
 * ({@link EncodeParams#DEFAULT_TILE_SIZE}): a lic4j stream is always tiled.
 */
final class LicImageWriteParam extends ImageWriteParam {
  /** The quality when none is set: the codec's default (0.75). */
  static final float DEFAULT_QUALITY = (float) (EncodeParams.DEFAULT_QUALITY / 100);
  private static final String COMPRESSION_TYPE = "lic";

  LicImageWriteParam(Locale locale) {
    super(locale);
    canWriteCompressed = true;
    compressionTypes = new String[] {COMPRESSION_TYPE};
    compressionType = COMPRESSION_TYPE;
    compressionQuality = DEFAULT_QUALITY;
    canWriteTiles = true;
    preferredTileSizes = new Dimension[] {new Dimension(TileLayout.TILE_STEP, TileLayout.TILE_STEP),
        new Dimension(TileLayout.MAX_TILE_SIZE, TileLayout.MAX_TILE_SIZE)};
  }

  @Override
  public boolean isCompressionLossless() {
    super.isCompressionLossless();
    return false;
  }

  @Override
  public void unsetCompression() {
    super.unsetCompression();
    compressionType = COMPRESSION_TYPE;
    compressionQuality = DEFAULT_QUALITY;
  }
}
