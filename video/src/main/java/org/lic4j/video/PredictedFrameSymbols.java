package org.lic4j.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.PredictedFrameCoder;
import org.lic4j.video.conformance.PredictedTileSymbols;
import org.lic4j.video.conformance.VideoConformanceAccess;

/**
 * The video module's side of {@link VideoConformanceAccess}: step 1 of decoding a P frame
 * (docs/video.md, "P frames") and nothing after it. Every tile's motion field is parsed as the
 * decoder parses it, with the decoder's rules (one block size per frame, the residual skipped in
 * all tiles or none), then the residual data's symbols by the P-frame model's parser, which runs
 * no float graph.
 */
final class PredictedFrameSymbols {
  private PredictedFrameSymbols() {}

  static List<PredictedTileSymbols> parse(PFrameModel model, StreamHeader picture, List<byte[]> tiles, String where)
      throws IOException {
    PredictedFrameCoder coder = PredictedFrameCoder.open(model.model());
    List<int[]> areas = coder.tileAreas(picture);
    if (tiles.size() != areas.size()) {
      throw new IllegalArgumentException(tiles.size() + " tiles for a tiling of " + areas.size());
    }
    List<PredictedTile> parsed = new ArrayList<>(tiles.size());
    for (int i = 0; i < tiles.size(); i++) {
      int[] a = areas.get(i);
      byte[] data = tiles.get(i);
      PredictedTile tile;
      try {
        tile = PredictedTile.parse(data, 0, data.length, Math.min(a[2], picture.width()) - a[0],
            Math.min(a[3], picture.height()) - a[1], 0, where);
      } catch (CorruptStreamException e) {
        throw new CorruptStreamException("tile " + i + ": " + e.reason(), e.offset(), where, e);
      }
      if (i > 0 && tile.blockSize() != parsed.get(0).blockSize()) {
        throw new CorruptStreamException("tile " + i + ": block size " + tile.blockSize() + ", tile 0 has "
            + parsed.get(0).blockSize() + " (one per frame in format 1.1)", 0, where);
      }
      if (i > 0 && (tile.residual().length == 0) != (parsed.get(0).residual().length == 0)) {
        throw new CorruptStreamException("tile " + i + ": residual data skipped in some tiles only", 0, where);
      }
      parsed.add(tile);
    }
    boolean skipped = parsed.get(0).residual().length == 0;
    List<int[][]> symbols = null;
    if (!skipped) {
      List<byte[]> residuals = new ArrayList<>(parsed.size());
      for (PredictedTile t : parsed) {
        residuals.add(t.residual());
      }
      symbols = coder.parse(picture, residuals, new FrameCoder.Where(where, "", 0));
    }
    List<PredictedTileSymbols> out = new ArrayList<>(parsed.size());
    for (int i = 0; i < parsed.size(); i++) {
      PredictedTile t = parsed.get(i);
      out.add(new PredictedTileSymbols(i, t.blockSize(), t.vectors(), skipped ? new int[0] : symbols.get(i)[0],
          skipped ? new int[0] : symbols.get(i)[1]));
    }
    return out;
  }
}
