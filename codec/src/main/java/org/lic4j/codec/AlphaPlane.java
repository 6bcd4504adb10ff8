package org.lic4j.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.lic4j.codec.TilePlan.Tile;

/**
 * Alpha is coded losslessly, one {@code ALPH} chunk per tile (docs/bitstream.md, 10.5 "Alpha data"):
 * the tile's alpha samples inside the picture, row by row, each replaced by its difference from
 * the sample to its left (mod 256; the first of a row from 0), then DEFLATE (RFC 1951, raw).
 */
final class AlphaPlane {
  private AlphaPlane() {}

  static byte[][] encodeTiles(RgbImage image, TilePlan plan) {
    byte[][] out = new byte[plan.tiles.size()][];
    for (Tile t : plan.tiles) {
      out[t.index()] = encode(image.alpha(), image.width(), image.height(), t);
    }
    return out;
  }

  static byte[] encode(byte[] alpha, int w, int h, Tile t) {
    int tw = Math.min(t.x1(), w) - t.x0();
    int th = Math.min(t.y1(), h) - t.y0();
    byte[] filtered = new byte[tw * th];
    for (int r = 0; r < th; r++) {
      int prev = 0;
      for (int c = 0; c < tw; c++) {
        int v = alpha[(t.y0() + r) * w + t.x0() + c] & 0xff;
        filtered[r * tw + c] = (byte) (v - prev);
        prev = v;
      }
    }
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(filtered);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * Inflates a tile's alpha and writes the part of it inside the region {@code [rx, rx + rw) x
   * [ry, ry + rh)} of the picture ({@code w} x {@code h}) into {@code alpha}, which holds that
   * region only (rw x rh); never produces more than the tile's samples.
   *
   * @throws DataFormatException if the data is not DEFLATE or holds a different number of samples
   */
  static void decode(byte[] data, Tile t, int w, int h, byte[] alpha, int rx, int ry, int rw, int rh)
      throws DataFormatException {
    int tw = Math.min(t.x1(), w) - t.x0();
    int th = Math.min(t.y1(), h) - t.y0();
    byte[] filtered = new byte[tw * th];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(data);
      int n = 0;
      while (n < filtered.length) {
        int got = inflater.inflate(filtered, n, filtered.length - n);
        if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n == filtered.length && !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        n++;
      }
      if (n != filtered.length || !inflater.finished() || inflater.getRemaining() != 0) {
        throw new DataFormatException("alpha of tile " + t.index() + " holds other than " + filtered.length + " samples");
      }
    } finally {
      inflater.end();
    }
    for (int r = 0; r < th; r++) {
      int py = t.y0() + r;
      if (py < ry || py >= ry + rh) {
        continue;
      }
      int prev = 0;
      for (int c = 0; c < tw; c++) {
        // The row's differences run from its first sample, so the whole row is undone.
        prev = (prev + filtered[r * tw + c]) & 0xff;
        int px = t.x0() + c;
        if (px >= rx && px < rx + rw) {
          alpha[(py - ry) * rw + px - rx] = (byte) prev;
        }
      }
    }
  }
}
