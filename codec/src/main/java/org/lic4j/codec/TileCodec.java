package org.lic4j.codec;

import org.lic4j.codec.TilePlan.Tile;

/**
 * The per-tile steps shared by encoder and decoder: analysis over a tile's window, the latent
 * symbols at a quality, the reconstruction of the latent from its symbols, and synthesis over a
 * window of the full latent. Stateless apart from the model; thread-safe.
 *
 * <p>The P-frame coder ({@link PredictionCoding}) runs the same steps with its conditioned graphs:
 * the latent coding takes the hyper mean from a {@link HyperMean} and synthesis runs a
 * {@link WindowSynthesis}; the image codec's are the model's own.
 */
final class TileCodec {
  /** The hyper mean of a tile's z symbols (as floats, cz x zh x zw): m x 4zh x 4zw. */
  @FunctionalInterface
  interface HyperMean {
    float[] of(float[] zHat, int zh, int zw);
  }

  /** The synthesis of a window's latent (gained domain, m x wlh x wlw): 3 x 16wlh x 16wlw. */
  @FunctionalInterface
  interface WindowSynthesis {
    float[] of(float[] windowLatent, int wlh, int wlw);
  }

  private final LatentModel model;
  private final int m;
  private final int cz;

  TileCodec(LatentModel model) {
    this.model = model;
    this.m = model.latentChannels();
    this.cz = model.hyperChannels();
  }

  /** The latent of a tile at gain 1 (m x lh x lw), from the analysis of its window. */
  float[] analyse(RgbImage image, Tile t) {
    int ww = t.windowWidth();
    int wh = t.windowHeight();
    float[] x = pixels(image, t.wx0(), t.wy0(), ww, wh);
    return toTile(model.analysis(x, wh, ww), m, t);
  }

  /**
   * The part over the tile's own area of {@code window} ({@code channels} x the window's latent
   * rows x columns, at y's resolution): a tile's latent out of its window's analysis.
   */
  static float[] toTile(float[] window, int channels, Tile t) {
    int step = TilePlan.LATENT_STEP;
    return crop(window, channels, t.windowHeight() / step, t.windowWidth() / step, (t.y0() - t.wy0()) / step,
        (t.x0() - t.wx0()) / step, t.latentHeight(), t.latentWidth());
  }

  /**
   * A rectangle of the picture as 3 planes in [0, 1]; beyond the picture it repeats the edge
   * pixels (the padding of TilePlan).
   */
  static float[] pixels(RgbImage image, int x0, int y0, int ww, int wh) {
    float[] x = new float[3 * wh * ww];
    byte[] rgb = image.rgb();
    int w = image.width();
    int h = image.height();
    int plane = wh * ww;
    for (int r = 0; r < wh; r++) {
      int sy = Math.min(y0 + r, h - 1);
      for (int c = 0; c < ww; c++) {
        int sx = Math.min(x0 + c, w - 1);
        int s = (sy * w + sx) * 3;
        int d = r * ww + c;
        x[d] = (rgb[s] & 0xff) / 255f;
        x[plane + d] = (rgb[s + 1] & 0xff) / 255f;
        x[2 * plane + d] = (rgb[s + 2] & 0xff) / 255f;
      }
    }
    return x;
  }

  /** The symbols of a tile's latent (gain 1) at quality position q, and its reconstruction. */
  Quantised quantise(float[] y, int yh, int yw, double q) {
    return quantise(y, yh, yw, q, null, 0);
  }

  /**
   * As {@link #quantise(float[], int, int, double)}, with the gained latent first refined for
   * {@code refineIterations} steps against {@code tilePixels} (3 x 16yh x 16yw, the tile's own
   * rectangle) when that is above 0 (LatentRefiner).
   */
  Quantised quantise(float[] y, int yh, int yw, double q, float[] tilePixels, int refineIterations) {
    return quantise(y, yh, yw, q, tilePixels, refineIterations, model::hyperMean);
  }

  /** As {@link #quantise(float[], int, int, double, float[], int)}, the hyper mean from {@code hyperMeans}. */
  Quantised quantise(float[] y, int yh, int yw, double q, float[] tilePixels, int refineIterations,
      HyperMean hyperMeans) {
    float[] gain = model.gain(q);
    int plane = yh * yw;
    float[] yg = new float[y.length];
    for (int c = 0; c < m; c++) {
      float g = gain[c];
      for (int i = c * plane, e = i + plane; i < e; i++) {
        yg[i] = y[i] * g;
      }
    }
    int zh = yh / 4;
    int zw = yw / 4;
    float[] z = model.hyperAnalysis(yg, yh, yw);
    int[] zSymbols = new int[z.length];
    float[] zHat = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      zSymbols[i] = roundToInt(z[i]);
      zHat[i] = zSymbols[i];
    }
    int[] scaleIndex = model.scaleIndex(zSymbols, zh, zw);
    float[] hyperMean = hyperMeans.of(zHat, zh, zw);
    if (refineIterations > 0) {
      yg = new LatentRefiner(model).refine(yg, tilePixels, hyperMean, scaleIndex, model.inverseGain(q),
          model.lambda(q), yh, yw, refineIterations);
    }
    int[] residual = new int[y.length];
    float[] yAnchor = new float[y.length];
    for (int c = 0; c < m; c++) {
      for (int r = 0; r < yh; r++) {
        int base = (c * yh + r) * yw;
        for (int x = r & 1; x < yw; x += 2) {
          int i = base + x;
          residual[i] = roundToInt(yg[i] - hyperMean[i]);
          yAnchor[i] = residual[i] + hyperMean[i];
        }
      }
    }
    float[] contextMean = model.contextMean(hyperMean, yAnchor, yh, yw);
    float[] yHat = yAnchor;
    for (int c = 0; c < m; c++) {
      for (int r = 0; r < yh; r++) {
        int base = (c * yh + r) * yw;
        for (int x = (r + 1) & 1; x < yw; x += 2) {
          int i = base + x;
          residual[i] = roundToInt(yg[i] - contextMean[i]);
          yHat[i] = residual[i] + contextMean[i];
        }
      }
    }
    return new Quantised(new LatentCoder.Symbols(zSymbols, cz, zh, zw, residual, scaleIndex, m, yh, yw), yHat);
  }

  /** A tile's symbols and its reconstructed latent (gained domain). */
  record Quantised(LatentCoder.Symbols symbols, float[] yHat) {}

  /** The reconstructed latent (gained domain) from decoded symbols. */
  float[] reconstruct(LatentCoder.Symbols s) {
    return reconstruct(s, model::hyperMean);
  }

  /** As {@link #reconstruct(LatentCoder.Symbols)}, the hyper mean from {@code hyperMeans}. */
  float[] reconstruct(LatentCoder.Symbols s, HyperMean hyperMeans) {
    float[] zHat = new float[s.z().length];
    for (int i = 0; i < zHat.length; i++) {
      zHat[i] = s.z()[i];
    }
    float[] hyperMean = hyperMeans.of(zHat, s.zh(), s.zw());
    int yh = s.yh();
    int yw = s.yw();
    int[] residual = s.residual();
    float[] yHat = new float[residual.length];
    for (int c = 0; c < m; c++) {
      for (int r = 0; r < yh; r++) {
        int base = (c * yh + r) * yw;
        for (int x = r & 1; x < yw; x += 2) {
          yHat[base + x] = residual[base + x] + hyperMean[base + x];
        }
      }
    }
    float[] contextMean = model.contextMean(hyperMean, yHat, yh, yw);
    for (int c = 0; c < m; c++) {
      for (int r = 0; r < yh; r++) {
        int base = (c * yh + r) * yw;
        for (int x = (r + 1) & 1; x < yw; x += 2) {
          yHat[base + x] = residual[base + x] + contextMean[base + x];
        }
      }
    }
    return yHat;
  }

  /**
   * Synthesises tile {@code t} over its window from {@code latent} (m x lh x lw, gained domain),
   * which holds the latent from latent row {@code ly0} and column {@code lx0} on and covers the
   * window, and writes the part of the tile inside the picture region {@code [rx, rx + rw) x
   * [ry, ry + rh)} into {@code rgb}, interleaved, which holds that region only. A {@code grey}
   * picture gets the mean of the three synthesised channels in all three, so that it is grey
   * (R = G = B) as its stream says.
   */
  void synthesise(float[] latent, int lh, int lw, int ly0, int lx0, Tile t, double q, boolean grey,
      byte[] rgb, int rx, int ry, int rw, int rh) {
    float[] invGain = model.inverseGain(q);
    synthesise(latent, lh, lw, ly0, lx0, t, (window, wlh, wlw) -> model.synthesis(window, wlh, wlw, invGain), grey,
        rgb, rx, ry, rw, rh);
  }

  /** As the other {@code synthesise}, the window's synthesis by {@code synthesis}. */
  void synthesise(float[] latent, int lh, int lw, int ly0, int lx0, Tile t, WindowSynthesis synthesis, boolean grey,
      byte[] rgb, int rx, int ry, int rw, int rh) {
    int step = TilePlan.LATENT_STEP;
    int wy = t.wy0() / step - ly0;
    int wx = t.wx0() / step - lx0;
    int wlh = t.windowHeight() / step;
    int wlw = t.windowWidth() / step;
    float[] window = crop(latent, m, lh, lw, wy, wx, wlh, wlw);
    float[] xHat = synthesis.of(window, wlh, wlw);
    int ww = t.windowWidth();
    int plane = t.windowHeight() * ww;
    int yEnd = Math.min(t.y1(), ry + rh);
    int xEnd = Math.min(t.x1(), rx + rw);
    for (int py = Math.max(t.y0(), ry); py < yEnd; py++) {
      int srcRow = (py - t.wy0()) * ww - t.wx0();
      for (int px = Math.max(t.x0(), rx); px < xEnd; px++) {
        int s = srcRow + px;
        int d = ((py - ry) * rw + px - rx) * 3;
        if (grey) {
          byte v = toByte((xHat[s] + xHat[plane + s] + xHat[2 * plane + s]) / 3f);
          rgb[d] = v;
          rgb[d + 1] = v;
          rgb[d + 2] = v;
        } else {
          rgb[d] = toByte(xHat[s]);
          rgb[d + 1] = toByte(xHat[plane + s]);
          rgb[d + 2] = toByte(xHat[2 * plane + s]);
        }
      }
    }
  }

  /**
   * Copies a tile's latent into its place in {@code latent} (m x lh x lw), which holds the latent
   * from latent row {@code ly0} and column {@code lx0} on.
   */
  static void place(float[] latent, int m, int lh, int lw, int ly0, int lx0, Tile t, float[] tileLatent) {
    int step = TilePlan.LATENT_STEP;
    int th = t.latentHeight();
    int tw = t.latentWidth();
    int y0 = t.y0() / step - ly0;
    int x0 = t.x0() / step - lx0;
    for (int c = 0; c < m; c++) {
      for (int r = 0; r < th; r++) {
        System.arraycopy(tileLatent, (c * th + r) * tw, latent, (c * lh + y0 + r) * lw + x0, tw);
      }
    }
  }

  static float[] crop(float[] src, int channels, int h, int w, int y0, int x0, int ch, int cw) {
    float[] out = new float[channels * ch * cw];
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < ch; r++) {
        System.arraycopy(src, (c * h + y0 + r) * w + x0, out, (c * ch + r) * cw, cw);
      }
    }
    return out;
  }

  /** Round half to even, as the training code's torch.round; saturates instead of wrapping. */
  static int roundToInt(float v) {
    double r = Math.rint(v);
    if (r >= Integer.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    if (r <= Integer.MIN_VALUE) {
      return Integer.MIN_VALUE;
    }
    return Float.isNaN(v) ? 0 : (int) r;
  }

  private static byte toByte(float v) {
    float s = v * 255f;
    if (!(s > 0f)) {
      return 0;
    }
    if (s >= 255f) {
      return (byte) 255;
    }
    return (byte) Math.round(s);
  }
}
