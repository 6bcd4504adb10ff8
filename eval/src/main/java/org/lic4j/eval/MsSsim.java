package org.lic4j.eval;

import org.lic4j.codec.RgbImage;

/**
 * Multi-scale SSIM (Wang, Simoncelli and Bovik 2003) on RGB pictures, as {@code
 * training/metrics.py} computes it: samples in [0, 1], an 11x11 Gaussian window (sigma 1.5) applied
 * without padding, five scales joined by 2x2 average pooling. At each scale the contrast-structure
 * term (and, at the coarsest, the full SSIM) is averaged over all three channels and positions;
 * the scales combine as a weighted geometric mean.
 */
final class MsSsim {
  static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
  static final int WINDOW = 11;
  static final double SIGMA = 1.5;
  /** SSIM's stabilisers, (0.01 L)^2 and (0.03 L)^2 for a dynamic range L = 1. */
  private static final double C1 = 0.01 * 0.01;
  private static final double C2 = 0.03 * 0.03;
  private static final double[] KERNEL = gaussian();
  private static final int CHANNELS = 3;

  private MsSsim() {}

  /** MS-SSIM of {@code b} against {@code a}; NaN when a side is too short for five scales. */
  static double of(RgbImage a, RgbImage b) {
    return reference(a).compare(b);
  }

  /** The statistics of an original, computed once and compared with each of its decodings. */
  static Reference reference(RgbImage original) {
    return new Reference(original);
  }

  /** MS-SSIM as decibels, {@code -10 log10(1 - m)}: spreads the values near 1. */
  static double toDecibels(double m) {
    return -10 * Math.log10(1 - m);
  }

  /** Whether a picture is large enough: every side at the coarsest scale covers one window. */
  static boolean fits(int width, int height) {
    int shift = WEIGHTS.length - 1;
    return (width >> shift) >= WINDOW && (height >> shift) >= WINDOW;
  }

  private static double[] gaussian() {
    double[] g = new double[WINDOW];
    double sum = 0;
    for (int i = 0; i < WINDOW; i++) {
      double v = i - (WINDOW - 1) / 2.0;
      g[i] = Math.exp(-(v * v) / (2 * SIGMA * SIGMA));
      sum += g[i];
    }
    for (int i = 0; i < WINDOW; i++) {
      g[i] /= sum;
    }
    return g;
  }

  static final class Reference {
    private final int width;
    private final int height;
    /** Per scale and channel: the plane, its local mean and local mean of squares. */
    private final Plane[][] x;
    private final double[][][] mu;
    private final double[][][] sq;

    private Reference(RgbImage original) {
      this.width = original.width();
      this.height = original.height();
      int scales = WEIGHTS.length;
      x = new Plane[scales][];
      mu = new double[scales][CHANNELS][];
      sq = new double[scales][CHANNELS][];
      if (!fits(width, height)) {
        return;
      }
      x[0] = planes(original);
      for (int s = 0; s < scales; s++) {
        if (s > 0) {
          x[s] = new Plane[CHANNELS];
          for (int c = 0; c < CHANNELS; c++) {
            x[s][c] = x[s - 1][c].halve();
          }
        }
        for (int c = 0; c < CHANNELS; c++) {
          mu[s][c] = x[s][c].filter();
          sq[s][c] = x[s][c].times(x[s][c]).filter();
        }
      }
    }

    double compare(RgbImage decoded) {
      if (decoded.width() != width || decoded.height() != height) {
        throw new IllegalArgumentException("pictures differ in size: " + width + "x" + height + " and "
            + decoded.width() + "x" + decoded.height());
      }
      if (!fits(width, height)) {
        return Double.NaN;
      }
      Plane[] y = planes(decoded);
      double result = 1;
      for (int s = 0; s < WEIGHTS.length; s++) {
        boolean last = s == WEIGHTS.length - 1;
        if (s > 0) {
          for (int c = 0; c < CHANNELS; c++) {
            y[c] = y[c].halve();
          }
        }
        double sum = 0;
        long count = 0;
        for (int c = 0; c < CHANNELS; c++) {
          double[] mx = mu[s][c];
          double[] sxx = sq[s][c];
          double[] my = y[c].filter();
          double[] syy = y[c].times(y[c]).filter();
          double[] sxy = x[s][c].times(y[c]).filter();
          for (int i = 0; i < mx.length; i++) {
            double vx = sxx[i] - mx[i] * mx[i];
            double vy = syy[i] - my[i] * my[i];
            double cov = sxy[i] - mx[i] * my[i];
            double cs = (2 * cov + C2) / (vx + vy + C2);
            sum += last ? (2 * mx[i] * my[i] + C1) / (mx[i] * mx[i] + my[i] * my[i] + C1) * cs : cs;
          }
          count += mx.length;
        }
        result *= Math.pow(Math.max(0, sum / count), WEIGHTS[s]);
      }
      return result;
    }
  }

  private static Plane[] planes(RgbImage image) {
    int n = image.width() * image.height();
    byte[] rgb = image.rgb();
    Plane[] p = new Plane[CHANNELS];
    for (int c = 0; c < CHANNELS; c++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = (rgb[3 * i + c] & 0xff) / 255.0;
      }
      p[c] = new Plane(image.width(), image.height(), v);
    }
    return p;
  }

  /** One channel at one scale, row-major. */
  private record Plane(int width, int height, double[] v) {
    /** 2x2 average pooling; an odd last row or column is dropped. */
    Plane halve() {
      int w = width / 2;
      int h = height / 2;
      double[] out = new double[w * h];
      for (int r = 0; r < h; r++) {
        int a = 2 * r * width;
        int b = a + width;
        for (int col = 0; col < w; col++) {
          out[r * w + col] = (v[a + 2 * col] + v[a + 2 * col + 1] + v[b + 2 * col] + v[b + 2 * col + 1]) / 4;
        }
      }
      return new Plane(w, h, out);
    }

    Plane times(Plane o) {
      double[] out = new double[v.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = v[i] * o.v[i];
      }
      return new Plane(width, height, out);
    }

    /** The Gaussian window's weighted mean at every position where it fits ("valid" convolution). */
    double[] filter() {
      int w = width - WINDOW + 1;
      int h = height - WINDOW + 1;
      double[] rows = new double[height * w];
      for (int r = 0; r < height; r++) {
        int in = r * width;
        int out = r * w;
        for (int col = 0; col < w; col++) {
          double s = 0;
          for (int k = 0; k < WINDOW; k++) {
            s += KERNEL[k] * v[in + col + k];
          }
          rows[out + col] = s;
        }
      }
      double[] out = new double[h * w];
      for (int r = 0; r < h; r++) {
        for (int k = 0; k < WINDOW; k++) {
          double g = KERNEL[k];
          int in = (r + k) * w;
          int o = r * w;
          for (int col = 0; col < w; col++) {
            out[o + col] += g * rows[in + col];
          }
        }
      }
      return out;
    }
  }
}
