package org.lic4j.conformance;

import org.lic4j.codec.RgbImage;

/**
 * The pictures the conformance streams are coded from: made here, from integers and a fixed-seed
 * generator, so that the suite holds no third-party content and every picture can be made again.
 * Each kind stresses the codec differently: smooth ramps, full-band noise, hard text-like edges,
 * fine periodic detail, and a scene that combines them. The one generator of pictures in the
 * product: the demo and the benchmarks draw their {@link #landscape} here too. What a kind draws
 * never changes (the committed conformance streams are coded from these pictures).
 */
public final class SyntheticPictures {
  private SyntheticPictures() {}

  /** Horizontal red ramp, vertical green ramp, diagonal blue ramp. */
  public static RgbImage gradient(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3;
        rgb[o] = (byte) ramp(x, w);
        rgb[o + 1] = (byte) ramp(y, h);
        rgb[o + 2] = (byte) ramp(x + y, w + h - 1);
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /** Uniform noise on every sample, around a mid-grey ramp. */
  public static RgbImage noise(int w, int h, long seed, int amplitude) {
    Lcg r = new Lcg(seed);
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int base = 64 + ramp(x, w) / 2;
        for (int c = 0; c < 3; c++) {
          rgb[(y * w + x) * 3 + c] = (byte) clamp(base + r.nextInt(2 * amplitude + 1) - amplitude);
        }
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /**
   * Dark strokes on a light page in 8x12 cells, like lines of text: every cell draws a few of the
   * strokes of a seven-segment glyph, one pixel or two thick.
   */
  public static RgbImage textEdges(int w, int h, long seed) {
    Lcg r = new Lcg(seed);
    byte[] rgb = new byte[w * h * 3];
    java.util.Arrays.fill(rgb, (byte) 236);
    for (int cy = 0; cy + 12 <= h; cy += 14) {
      for (int cx = 0; cx + 8 <= w; cx += 9) {
        int segments = r.nextInt(128);
        int ink = 10 + r.nextInt(40);
        int thick = 1 + r.nextInt(2);
        for (int s = 0; s < 7; s++) {
          if ((segments >> s & 1) == 0) {
            continue;
          }
          int[] seg = SEGMENTS[s];
          fill(rgb, w, h, cx + seg[0], cy + seg[1], seg[2] == 0 ? thick : seg[2], seg[3] == 0 ? thick : seg[3], ink);
        }
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /** Seven-segment strokes in an 8x12 cell: x, y, width, height (0 = the stroke thickness). */
  private static final int[][] SEGMENTS = {
      {1, 0, 6, 0}, {6, 0, 0, 6}, {6, 6, 0, 6}, {1, 11, 6, 0}, {0, 6, 0, 6}, {0, 0, 0, 6}, {1, 5, 6, 0}};

  /** Concentric rings whose frequency rises towards the edges (a zone plate), in colour. */
  public static RgbImage zonePlate(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    double k = Math.PI / Math.max(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x - w / 2.0;
        double dy = y - h / 2.0;
        double phase = k * (dx * dx + dy * dy) / 2;
        int o = (y * w + x) * 3;
        rgb[o] = (byte) clamp((int) Math.round(128 + 110 * StrictMath.cos(phase)));
        rgb[o + 1] = (byte) clamp((int) Math.round(128 + 110 * StrictMath.cos(phase * 0.75)));
        rgb[o + 2] = (byte) clamp((int) Math.round(128 + 110 * StrictMath.sin(phase * 0.5)));
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /** Quadrants: gradient, text, noise, zone plate, with a few flat blocks of saturated colour. */
  public static RgbImage scene(int w, int h, long seed) {
    int hw = Math.max(1, w / 2);
    int hh = Math.max(1, h / 2);
    RgbImage[] parts = {gradient(hw, hh), textEdges(w - hw > 0 ? w - hw : 1, hh, seed),
        noise(hw, h - hh > 0 ? h - hh : 1, seed + 1, 40), zonePlate(w - hw > 0 ? w - hw : 1, h - hh > 0 ? h - hh : 1)};
    int[][] origin = {{0, 0}, {hw, 0}, {0, hh}, {hw, hh}};
    byte[] rgb = new byte[w * h * 3];
    for (int p = 0; p < 4; p++) {
      RgbImage part = parts[p];
      for (int y = 0; y < part.height() && origin[p][1] + y < h; y++) {
        for (int x = 0; x < part.width() && origin[p][0] + x < w; x++) {
          int o = ((origin[p][1] + y) * w + origin[p][0] + x) * 3;
          System.arraycopy(part.rgb(), (y * part.width() + x) * 3, rgb, o, 3);
        }
      }
    }
    Lcg r = new Lcg(seed + 2);
    int[][] colours = {{230, 20, 20}, {20, 200, 40}, {30, 40, 220}, {250, 220, 0}};
    for (int[] c : colours) {
      int bw = 1 + r.nextInt(Math.max(1, w / 6));
      int bh = 1 + r.nextInt(Math.max(1, h / 6));
      int bx = r.nextInt(Math.max(1, w - bw + 1));
      int by = r.nextInt(Math.max(1, h - bh + 1));
      for (int y = by; y < by + bh; y++) {
        for (int x = bx; x < bx + bw; x++) {
          int o = (y * w + x) * 3;
          rgb[o] = (byte) c[0];
          rgb[o + 1] = (byte) c[1];
          rgb[o + 2] = (byte) c[2];
        }
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /** The luma of a colour picture (BT.601 integer weights), as a grey picture. */
  public static RgbImage gray(RgbImage colour) {
    byte[] rgb = colour.rgb();
    byte[] luma = new byte[colour.width() * colour.height()];
    for (int i = 0; i < luma.length; i++) {
      int r = rgb[i * 3] & 0xff;
      int g = rgb[i * 3 + 1] & 0xff;
      int b = rgb[i * 3 + 2] & 0xff;
      luma[i] = (byte) ((77 * r + 150 * g + 29 * b + 128) >> 8);
    }
    return RgbImage.ofGray(colour.width(), colour.height(), luma);
  }

  /**
   * An alpha plane with every kind of value: a radial fade, a fully transparent hole and a fully
   * opaque border.
   */
  public static byte[] alpha(int w, int h) {
    byte[] a = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v;
        if (x < 2 || y < 2 || x >= w - 2 || y >= h - 2) {
          v = 255;
        } else if (Math.abs(x - w / 3) < w / 10 + 1 && Math.abs(y - h / 3) < h / 10 + 1) {
          v = 0;
        } else {
          long dx = x - w / 2;
          long dy = y - h / 2;
          long d2 = dx * dx + dy * dy;
          long r2 = (long) w * w / 4 + (long) h * h / 4;
          v = (int) (255 - 255 * d2 / Math.max(1, r2));
        }
        a[y * w + x] = (byte) clamp(v);
      }
    }
    return a;
  }

  /**
   * A photo-like landscape: sky, sun, mountain ridges, meadow and a lake (the demo's built-in
   * picture, and the bench's large one).
   */
  public static RgbImage landscape(int w, int h, long seed) {
    return Landscape.render(w, h, seed);
  }

  private static int ramp(int v, int n) {
    return n <= 1 ? 128 : v * 255 / (n - 1);
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static void fill(byte[] rgb, int w, int h, int x0, int y0, int fw, int fh, int value) {
    for (int y = y0; y < Math.min(h, y0 + fh); y++) {
      for (int x = x0; x < Math.min(w, x0 + fw); x++) {
        int o = (y * w + x) * 3;
        rgb[o] = rgb[o + 1] = rgb[o + 2] = (byte) value;
      }
    }
  }

  /**
   * A 64-bit linear congruential generator (Knuth's MMIX constants), written down here so that the
   * pictures do not depend on a library's generator.
   */
  private static final class Lcg {
    private long state;

    Lcg(long seed) {
      state = seed ^ 0x5DEECE66DL;
    }

    /** Uniform in {@code [0, bound)}, from the generator's high bits. */
    int nextInt(int bound) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      return (int) (((state >>> 33) * bound) >>> 31);
    }
  }
}
