package org.lic4j.eval;

import java.util.Locale;

/**
 * Bjontegaard delta rate: the average rate difference of two curves at equal quality. Each curve's
 * log-rate is fitted by a cubic in quality (least squares, as numpy's {@code polyfit}); the fits
 * are averaged over the quality range both curves cover. Matches {@code training/bdrate.py}.
 */
final class BdRate {
  /** A cubic fit needs four points. */
  static final int MIN_POINTS = 4;
  private static final int DEGREE = 3;

  private BdRate() {}

  /**
   * The outcome of one comparison: a percentage, or why there is none.
   *
   * @param percent rate of the test curve relative to the reference, in percent (negative: the test
   *     curve needs fewer bits for the same quality); NaN when {@code problem} is set
   * @param low lower end of the quality range both curves cover
   * @param high upper end of that range
   * @param problem why no figure could be computed, or null
   */
  record Result(double percent, double low, double high, String problem) {
    boolean ok() {
      return problem == null;
    }

    /** {@code +12.3%}, or {@code n/a} with the reason. */
    String format() {
      return ok() ? String.format(Locale.ROOT, "%+.1f%%", percent) : "n/a (" + problem + ")";
    }
  }

  /** The BD-rate of {@code test} relative to {@code reference}. */
  static Result of(Curve reference, Curve test) {
    for (Curve c : new Curve[] {reference, test}) {
      if (c.size() < MIN_POINTS) {
        return failed(c.name() + " has " + c.size() + " points, a cubic fit needs " + MIN_POINTS);
      }
      for (int i = 0; i < c.size(); i++) {
        if (Double.isNaN(c.quality()[i])) {
          // A metric that does not apply (MS-SSIM of frames too small for its five scales).
          return failed(c.name() + " has no figure at " + String.format(Locale.ROOT, "%.4f", c.bpp()[i]) + " bpp");
        }
        if (!(c.bpp()[i] > 0) || !Double.isFinite(c.quality()[i])) {
          return failed(c.name() + " has a point with rate " + c.bpp()[i] + " and quality " + c.quality()[i]);
        }
      }
    }
    double low = Math.max(reference.minQuality(), test.minQuality());
    double high = Math.min(reference.maxQuality(), test.maxQuality());
    if (!(high > low)) {
      return new Result(Double.NaN, low, high, String.format(Locale.ROOT,
          "no overlap: %.1f-%.1f dB vs %.1f-%.1f dB", reference.minQuality(), reference.maxQuality(),
          test.minQuality(), test.maxQuality()));
    }
    double avgRef;
    double avgTest;
    try {
      avgRef = averageLogRate(reference, low, high);
      avgTest = averageLogRate(test, low, high);
    } catch (IllegalArgumentException e) {
      return failed(e.getMessage());
    }
    return new Result((Math.exp(avgTest - avgRef) - 1) * 100, low, high, null);
  }

  private static Result failed(String problem) {
    return new Result(Double.NaN, Double.NaN, Double.NaN, problem);
  }

  /** Mean of the cubic fit of log(rate) over quality, on [low, high]. */
  private static double averageLogRate(Curve c, double low, double high) {
    // Fit in a centred, scaled variable t = (q - centre) / scale: the same cubic, better conditioned.
    double centre = (c.minQuality() + c.maxQuality()) / 2;
    double scale = Math.max((c.maxQuality() - c.minQuality()) / 2, 1e-9);
    int n = c.size();
    double[][] a = new double[n][DEGREE + 1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double t = (c.quality()[i] - centre) / scale;
      double p = 1;
      for (int k = 0; k <= DEGREE; k++) {
        a[i][k] = p;
        p *= t;
      }
      y[i] = Math.log(c.bpp()[i]);
    }
    double[] coef = leastSquares(a, y);
    double t0 = (low - centre) / scale;
    double t1 = (high - centre) / scale;
    return (antiderivative(coef, t1) - antiderivative(coef, t0)) / (t1 - t0);
  }

  private static double antiderivative(double[] coef, double t) {
    double sum = 0;
    for (int k = coef.length - 1; k >= 0; k--) {
      sum = sum * t + coef[k] / (k + 1);
    }
    return sum * t;
  }

  /** Solves min |a x - y| by Householder QR; a is n x m with n >= m and full column rank. */
  static double[] leastSquares(double[][] a, double[] y) {
    int n = a.length;
    int m = a[0].length;
    double[][] r = new double[n][];
    for (int i = 0; i < n; i++) {
      r[i] = a[i].clone();
    }
    double[] b = y.clone();
    for (int k = 0; k < m; k++) {
      double norm = 0;
      for (int i = k; i < n; i++) {
        norm = Math.hypot(norm, r[i][k]);
      }
      if (norm == 0) {
        throw new IllegalArgumentException("rank-deficient fit (repeated quality values?)");
      }
      double alpha = r[k][k] > 0 ? -norm : norm;
      double[] v = new double[n];
      for (int i = k; i < n; i++) {
        v[i] = r[i][k];
      }
      v[k] -= alpha;
      double vv = 0;
      for (int i = k; i < n; i++) {
        vv += v[i] * v[i];
      }
      for (int j = k; j < m; j++) {
        double dot = 0;
        for (int i = k; i < n; i++) {
          dot += v[i] * r[i][j];
        }
        double f = 2 * dot / vv;
        for (int i = k; i < n; i++) {
          r[i][j] -= f * v[i];
        }
      }
      double dot = 0;
      for (int i = k; i < n; i++) {
        dot += v[i] * b[i];
      }
      double f = 2 * dot / vv;
      for (int i = k; i < n; i++) {
        b[i] -= f * v[i];
      }
    }
    double[] x = new double[m];
    for (int k = m - 1; k >= 0; k--) {
      double s = b[k];
      for (int j = k + 1; j < m; j++) {
        s -= r[k][j] * x[j];
      }
      x[k] = s / r[k][k];
    }
    return x;
  }
}
