package org.lic4j.codec;

import java.util.ArrayList;
import java.util.List;
import org.lic4j.bitstream.TileLayout;

/**
 * Geometry of a tiled picture. The picture is padded (edge replication) to multiples of 64, the
 * model's total downsampling; tiles partition the padded picture in raster order. Each tile's
 * latents are coded on their own, but the analysis and synthesis transforms see a window that
 * reaches {@code overlap} pixels into the neighbouring tiles, so that tile borders leave no seam.
 */
final class TilePlan {
  /** Pixels per hyper-latent position: every tile and window edge lies on this grid. */
  static final int GRID = 64;
  /** Pixels per latent position. */
  static final int LATENT_STEP = 16;

  final int width;
  final int height;
  final int paddedWidth;
  final int paddedHeight;
  final TileLayout layout;
  final int columns;
  final int rows;
  final List<Tile> tiles;

  /** A tile: its padded pixel rectangle and its analysis/synthesis window, both in pixels. */
  record Tile(int index, int x0, int y0, int x1, int y1, int wx0, int wy0, int wx1, int wy1) {
    int width() {
      return x1 - x0;
    }

    int height() {
      return y1 - y0;
    }

    int windowWidth() {
      return wx1 - wx0;
    }

    int windowHeight() {
      return wy1 - wy0;
    }

    int latentWidth() {
      return width() / LATENT_STEP;
    }

    int latentHeight() {
      return height() / LATENT_STEP;
    }
  }

  TilePlan(int width, int height, TileLayout layout) {
    if (layout.tileWidth() % GRID != 0 || layout.tileHeight() % GRID != 0 || layout.overlap() % GRID != 0) {
      throw new IllegalArgumentException("tile sizes and overlap must be multiples of " + GRID + ": " + layout);
    }
    this.width = width;
    this.height = height;
    this.paddedWidth = roundUp(width);
    this.paddedHeight = roundUp(height);
    this.layout = layout;
    this.columns = layout.columns(width);
    this.rows = layout.rows(height);
    List<Tile> list = new ArrayList<>(columns * rows);
    int o = layout.overlap();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int x0 = c * layout.tileWidth();
        int y0 = r * layout.tileHeight();
        int x1 = Math.min(x0 + layout.tileWidth(), paddedWidth);
        int y1 = Math.min(y0 + layout.tileHeight(), paddedHeight);
        list.add(new Tile(r * columns + c, x0, y0, x1, y1,
            Math.max(0, x0 - o), Math.max(0, y0 - o), Math.min(paddedWidth, x1 + o), Math.min(paddedHeight, y1 + o)));
      }
    }
    this.tiles = List.copyOf(list);
  }

  int latentWidth() {
    return paddedWidth / LATENT_STEP;
  }

  int latentHeight() {
    return paddedHeight / LATENT_STEP;
  }

  /** Tiles whose window (with overlap) meets the pixel rectangle [x0,x1) x [y0,y1). */
  List<Tile> tilesMeeting(int x0, int y0, int x1, int y1) {
    List<Tile> out = new ArrayList<>();
    for (Tile t : tiles) {
      if (t.wx0 < x1 && x0 < t.wx1 && t.wy0 < y1 && y0 < t.wy1) {
        out.add(t);
      }
    }
    return out;
  }

  /** Tiles whose own rectangle meets the pixel rectangle [x0,x1) x [y0,y1). */
  List<Tile> tilesCovering(int x0, int y0, int x1, int y1) {
    List<Tile> out = new ArrayList<>();
    for (Tile t : tiles) {
      if (t.x0 < x1 && x0 < t.x1 && t.y0 < y1 && y0 < t.y1) {
        out.add(t);
      }
    }
    return out;
  }

  static int roundUp(int v) {
    return (int) (((long) v + GRID - 1) / GRID * GRID);
  }
}
