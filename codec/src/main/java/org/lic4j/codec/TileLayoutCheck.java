package org.lic4j.codec;

import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;

/** The container allows tilings this codec does not produce; refuse them with a clear message. */
final class TileLayoutCheck {
  private TileLayoutCheck() {}

  static void require(StreamHeader h, String resource) throws UnsupportedFeatureException {
    var t = h.tiles();
    if (t.tileWidth() % TilePlan.GRID != 0 || t.tileHeight() % TilePlan.GRID != 0 || t.overlap() % TilePlan.GRID != 0) {
      throw new UnsupportedFeatureException("tile layout " + t.tileWidth() + "x" + t.tileHeight()
          + " overlap " + t.overlap() + " is not on the codec's 64-pixel grid", LicFormatException.NO_OFFSET, resource);
    }
  }
}
