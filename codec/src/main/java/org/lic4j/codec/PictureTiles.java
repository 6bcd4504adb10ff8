package org.lic4j.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.zip.DataFormatException;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.TilePlan.Tile;

/**
 * A picture stream opened for decoding part by part: a region, one tile, or the picture a band of
 * tile rows at a time. Each part costs the tiles that cover it and the neighbours their synthesis
 * windows reach into, not the whole picture; the reconstructed latents of the tiles one part
 * needed are kept for the next, so that a picture decoded band by band, top to bottom, parses and
 * reconstructs every tile once and holds the latents of about three rows of tiles at a time
 * whatever its height. From {@link
 * ImageDecoder#tiles(byte[], String)}, which checks the whole container first. Not thread-safe:
 * one caller at a time.
 */
public final class PictureTiles {
  private final PictureCoder pictures;
  private final ContainerReader reader;
  private final StreamHeader header;
  private final TilePlan plan;
  /** The reconstructed latents of the tiles the last decode needed, by tile index. */
  private Map<Integer, float[]> latents = new HashMap<>();

  PictureTiles(PictureCoder pictures, ContainerReader reader) {
    this.pictures = pictures;
    this.reader = reader;
    this.header = reader.header();
    this.plan = new TilePlan(header.width(), header.height(), header.tiles());
  }

  /** The stream's header. */
  public StreamHeader header() {
    return header;
  }

  public int width() {
    return header.width();
  }

  public int height() {
    return header.height();
  }

  /** Width of the stream's tiles in pixels; the last column may be cut by the picture's edge. */
  public int tileWidth() {
    return header.tiles().tileWidth();
  }

  /** Height of the stream's tiles in pixels; the last row may be cut by the picture's edge. */
  public int tileHeight() {
    return header.tiles().tileHeight();
  }

  /** Tile columns: tile {@code (c, r)} starts at pixel {@code (c * tileWidth(), r * tileHeight())}. */
  public int columns() {
    return plan.columns;
  }

  public int rows() {
    return plan.rows;
  }

  /** How many tiles decoding {@code [x, x+w) x [y, y+h)} synthesises: the steps its progress counts. */
  public int tilesCovering(int x, int y, int w, int h) {
    requireInside(x, y, w, h);
    return plan.tilesCovering(x, y, x + w, y + h).size();
  }

  /** Decodes the pixel rectangle {@code [x, x+w) x [y, y+h)}: a picture of {@code w x h}. */
  public RgbImage decode(int x, int y, int w, int h) throws IOException {
    return decode(x, y, w, h, TileProgress.NONE);
  }

  /**
   * As {@link #decode(int, int, int, int)}, telling {@code progress} of each tile synthesised
   * ({@link #tilesCovering} of them).
   *
   * @throws CancellationException when {@code progress} returns false; nothing is returned
   */
  public RgbImage decode(int x, int y, int w, int h, TileProgress progress) throws IOException {
    requireInside(x, y, w, h);
    return decode(x, y, w, h, new PictureCoder.Clock(), progress);
  }

  private void requireInside(int x, int y, int w, int h) {
    if (x < 0 || y < 0 || w < 1 || h < 1 || (long) x + w > width() || (long) y + h > height()) {
      throw new IllegalArgumentException("region " + w + "x" + h + "+" + x + "+" + y + " is not inside the "
          + width() + "x" + height() + " picture");
    }
  }

  RgbImage decode(int rx, int ry, int rw, int rh, PictureCoder.Clock clock, TileProgress progress)
      throws IOException {
    StreamHeader h = header;
    String resource = reader.resource();
    List<Tile> output = plan.tilesCovering(rx, ry, rx + rw, ry + rh);
    List<Tile> needed = PictureCoder.neededFor(plan, output);
    // What this decode does not need goes first, so that memory holds one part's tiles, not two.
    Map<Integer, float[]> kept = new HashMap<>();
    List<Tile> missing = new ArrayList<>();
    for (Tile t : needed) {
      float[] latent = latents.get(t.index());
      if (latent == null) {
        missing.add(t);
      } else {
        kept.put(t.index(), latent);
      }
    }
    latents = kept;
    // Everything that can be damaged is read before any float work: symbols, then alpha.
    List<LatentCoder.Symbols> symbols = missing.isEmpty() ? List.of()
        : ImageDecoder.parse(pictures, reader, missing, clock, pictures.parseThreads());
    byte[] alpha = null;
    if (h.colourFormat().hasAlpha()) {
      alpha = new byte[Math.multiplyExact(rw, rh)];
      for (Tile t : output) {
        ChunkEntry entry = reader.alpha(t.index()).orElseThrow(() ->
            new CorruptStreamException("alpha of tile " + t.index() + " is missing", reader.length(), resource));
        try {
          AlphaPlane.decode(reader.readData(entry), t, h.width(), h.height(), alpha, rx, ry, rw, rh);
        } catch (DataFormatException e) {
          throw new CorruptStreamException("bad alpha data: " + e.getMessage(), entry.offset(), resource, e);
        }
      }
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < missing.size(); i++) {
      kept.put(missing.get(i).index(), pictures.reconstruct(symbols.get(i)));
      symbols.set(i, null);
    }
    clock.entropyModel.addAndGet(System.nanoTime() - t0);
    boolean gray = PictureCoder.isGray(h.colourFormat());
    int total = output.size();
    int[] done = {0};
    RgbImage out = pictures.synthesise(needed, i -> kept.get(needed.get(i).index()), output, h.quality(), gray,
        rx, ry, rw, rh, clock, t -> {
      if (!progress.tileDone(++done[0], total)) {
        throw new CancellationException("decode of " + resource + " stopped after " + done[0] + " of " + total
            + " tiles");
      }
    });
    if (alpha != null) {
      out = out.withAlpha(alpha);
    }
    return gray ? out.asGray() : out;
  }
}
