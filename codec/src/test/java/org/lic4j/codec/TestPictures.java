package org.lic4j.codec;

import java.util.SplittableRandom;

/**
 * Synthetic test pictures, made in the test so that no third-party image is committed: a smooth
 * gradient, a sine grating, hard-edged shapes, text-like strokes and sensor-like noise, in
 * moderate colours (the early model clips badly near 0 and 255). The same arguments give the
 * same picture on every machine.
 */
public final class TestPictures {
  private TestPictures() {}

  /** A colour picture of everything at once. */
  public static RgbImage colour(int w, int h, long seed) {
    int[][] planes = new int[3][];
    for (int c = 0; c < 3; c++) {
      planes[c] = plane(w, h, seed * 3 + c, c);
    }
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        rgb[i * 3 + c] = (byte) planes[c][i];
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /** A grey picture of the same kinds of content. */
  public static RgbImage gray(int w, int h, long seed) {
    int[] p = plane(w, h, seed, 1);
    byte[] luma = new byte[w * h];
    for (int i = 0; i < luma.length; i++) {
      luma[i] = (byte) p[i];
    }
    return RgbImage.ofGray(w, h, luma);
  }

  /**
   * An alpha plane with what alpha planes hold: a ramp, fully transparent and fully opaque areas,
   * a hard-edged hole and some noise, so that a lossy or shifted plane cannot pass.
   */
  public static byte[] alpha(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] a = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v;
        if (x < w / 4) {
          v = 0;
        } else if (x >= 3 * w / 4) {
          v = 255;
        } else {
          v = (x * 255) / Math.max(1, w - 1);
        }
        if (Math.abs(x - w / 2) < w / 8 + 1 && Math.abs(y - h / 2) < h / 8 + 1) {
          v = 0;
        }
        if (y % 7 == 3) {
          v = random.nextInt(256);
        }
        a[y * w + x] = (byte) v;
      }
    }
    return a;
  }

  /** One plane: {@code variant} shifts the pattern so that colour planes differ. */
  private static int[] plane(int w, int h, long seed, int variant) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] p = new double[w * h];
    double fx = 0.15 + 0.05 * variant;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = 60 + 110.0 * (x + variant * y) / Math.max(1, w + variant * h);
        if (y > h / 2) {
          v += 35 * Math.sin(fx * x + 0.1 * y);
        }
        if (x > w / 3 && x < 2 * w / 3 && y > h / 5 && y < h / 2) {
          v = 200 - 40 * variant;
        }
        p[y * w + x] = v;
      }
    }
    strokes(p, w, h, random, 25 + 20 * variant);
    for (int i = 0; i < p.length; i++) {
      p[i] += random.nextGaussian() * 4;
    }
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = (int) Math.max(16, Math.min(239, Math.round(p[i])));
    }
    return out;
  }

  /** Dark one- and two-pixel strokes in lines, like small print. */
  private static void strokes(double[] p, int w, int h, SplittableRandom random, double ink) {
    for (int line = 4; line + 8 < h; line += 14) {
      int x = 2;
      while (x + 6 < w) {
        int glyph = 3 + random.nextInt(5);
        int weight = 1 + random.nextInt(2);
        for (int k = 0; k < 3; k++) {
          boolean vertical = random.nextBoolean();
          int x0 = x + random.nextInt(glyph);
          int y0 = line + random.nextInt(4);
          int len = 3 + random.nextInt(5);
          for (int s = 0; s < len; s++) {
            for (int t = 0; t < weight; t++) {
              int px = vertical ? x0 + t : x0 + s;
              int py = vertical ? y0 + s : y0 + t;
              if (px < w && py < h) {
                p[py * w + px] = ink;
              }
            }
          }
        }
        x += glyph + 2 + (random.nextInt(6) == 0 ? 5 : 0);
      }
    }
  }

  /** PSNR in dB over the RGB samples of two pictures of one size; infinite if equal. */
  public static double psnr(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("sizes differ");
    }
    double sum = 0;
    byte[] x = a.rgb();
    byte[] y = b.rgb();
    for (int i = 0; i < x.length; i++) {
      double d = (x[i] & 0xff) - (y[i] & 0xff);
      sum += d * d;
    }
    return sum == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * x.length / sum);
  }

  /** The rectangle {@code [x, x+w) x [y, y+h)} of a picture, alpha and greyness kept. */
  public static RgbImage crop(RgbImage image, int x, int y, int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int r = 0; r < h; r++) {
      System.arraycopy(image.rgb(), ((y + r) * image.width() + x) * 3, rgb, r * w * 3, w * 3);
    }
    RgbImage out = RgbImage.ofRgb(w, h, rgb);
    if (image.hasAlpha()) {
      byte[] a = new byte[w * h];
      for (int r = 0; r < h; r++) {
        System.arraycopy(image.alpha(), (y + r) * image.width() + x, a, r * w, w);
      }
      out = out.withAlpha(a);
    }
    return image.isGray() ? out.asGray() : out;
  }
}
