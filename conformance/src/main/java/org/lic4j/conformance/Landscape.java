package org.lic4j.conformance;

import java.util.SplittableRandom;
import org.lic4j.codec.RgbImage;

/**
 * A photo-like picture made from code, so that the demo needs no image file: a sky gradient, a
 * sun, fractal mountain ridges, a textured meadow and a lake with a noisy reflection. The same
 * seed always gives the same picture.
 */
final class Landscape {
  private final float[] lattice;
  private static final int LATTICE = 256;

  private Landscape(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    lattice = new float[LATTICE * LATTICE];
    for (int i = 0; i < lattice.length; i++) {
      lattice[i] = (float) random.nextDouble();
    }
  }

  static RgbImage render(int width, int height, long seed) {
    return new Landscape(seed).draw(width, height);
  }

  private RgbImage draw(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    double horizon = 0.62 * h;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = x / (double) w;
        double v = y / (double) h;
        double r;
        double g;
        double b;
        double ridgeFar = horizon - h * (0.22 + 0.10 * fbm(u * 3, 1.5, 5));
        double ridgeNear = horizon - h * (0.10 + 0.12 * fbm(u * 5 + 7, 3.5, 6));
        if (y < ridgeFar && y < ridgeNear) {
          // Sky: a gradient, a sun with a halo, thin clouds.
          double t = v / 0.6;
          r = 0.45 + 0.35 * t;
          g = 0.62 + 0.25 * t;
          b = 0.92 - 0.05 * t;
          double dx = u - 0.72;
          double dy = v - 0.18;
          double d = Math.sqrt(dx * dx * (w / (double) h) * (w / (double) h) + dy * dy);
          double sun = Math.exp(-d * d / 0.0025) + 0.35 * Math.exp(-d * d / 0.03);
          r += sun * 0.6;
          g += sun * 0.5;
          b += sun * 0.2;
          double cloud = Math.max(0, fbm(u * 4, v * 12, 6) - 0.55) * 2.2;
          r += cloud;
          g += cloud;
          b += cloud;
        } else if (y < ridgeNear) {
          double rock = fbm(u * 40, v * 40, 5);
          r = 0.42 + 0.25 * rock;
          g = 0.45 + 0.22 * rock;
          b = 0.55 + 0.18 * rock;
          if (y < ridgeFar + 0.04 * h * fbm(u * 20, 2, 3)) {
            r = g = b = 0.88 + 0.1 * rock;
          }
        } else if (y < horizon) {
          double forest = fbm(u * 90, v * 60, 5);
          r = 0.12 + 0.18 * forest;
          g = 0.28 + 0.25 * forest;
          b = 0.12 + 0.10 * forest;
        } else if (u < 0.55 + 0.1 * Math.sin(v * 9)) {
          // Meadow: grass texture with flowers.
          double grass = fbm(u * 160, v * 30, 4);
          r = 0.30 + 0.25 * grass;
          g = 0.50 + 0.25 * grass;
          b = 0.15 + 0.08 * grass;
          if (noise(x * 0.7, y * 0.7) > 0.985) {
            r = 0.95;
            g = 0.85;
            b = 0.25;
          }
        } else {
          // Lake: the mirrored scene, darkened, with ripples.
          double ripple = 0.04 * Math.sin(v * 220 + 6 * fbm(u * 8, v * 8, 3));
          double mv = (2 * horizon - y) / h + ripple;
          r = 0.20 + 0.30 * (1 - mv);
          g = 0.35 + 0.30 * (1 - mv);
          b = 0.55 + 0.25 * (1 - mv);
        }
        double grain = (noise(x * 1.37 + 11, y * 1.37 + 5) - 0.5) * 0.04;
        int o = (y * w + x) * 3;
        rgb[o] = toByte(r + grain);
        rgb[o + 1] = toByte(g + grain);
        rgb[o + 2] = toByte(b + grain);
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  private double fbm(double x, double y, int octaves) {
    double sum = 0;
    double amp = 0.5;
    for (int i = 0; i < octaves; i++) {
      sum += amp * noise(x, y);
      x *= 2.03;
      y *= 2.03;
      amp *= 0.5;
    }
    return sum / (1 - Math.pow(0.5, octaves));
  }

  /** Smooth value noise in [0, 1]. */
  private double noise(double x, double y) {
    int xi = (int) Math.floor(x);
    int yi = (int) Math.floor(y);
    double fx = x - xi;
    double fy = y - yi;
    double sx = fx * fx * (3 - 2 * fx);
    double sy = fy * fy * (3 - 2 * fy);
    double a = at(xi, yi);
    double b = at(xi + 1, yi);
    double c = at(xi, yi + 1);
    double d = at(xi + 1, yi + 1);
    return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy;
  }

  private double at(int x, int y) {
    return lattice[(y & (LATTICE - 1)) * LATTICE + (x & (LATTICE - 1))];
  }

  private static byte toByte(double v) {
    long r = Math.round(v * 255);
    return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
  }
}
