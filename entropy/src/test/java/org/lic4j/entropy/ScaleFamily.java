package org.lic4j.entropy;

/**
 * Zero-mean, symmetric continuous distributions with one scale parameter, discretised to the
 * integers by {@link ScaleTables}. Each is given by its upper tail {@code Q(y) = P(X > y)},
 * computed deterministically ({@link StrictMath} and {@link Erfc} only).
 */
enum ScaleFamily {
  /** Normal with standard deviation {@code scale}: {@code Q(y) = erfc(y / (scale sqrt 2)) / 2}. */
  GAUSSIAN {
    @Override
    double upperTail(double y, double scale) {
      return 0.5 * Erfc.erfc(y / (scale * SQRT2));
    }
  },
  /** Laplace with diversity {@code scale}: {@code Q(y) = exp(-y / scale) / 2} for y >= 0. */
  LAPLACE {
    @Override
    double upperTail(double y, double scale) {
      return y >= 0 ? 0.5 * StrictMath.exp(-y / scale) : 1 - 0.5 * StrictMath.exp(y / scale);
    }
  },
  /** Logistic with scale {@code scale}: {@code Q(y) = 1 / (1 + exp(y / scale))}. */
  LOGISTIC {
    @Override
    double upperTail(double y, double scale) {
      if (y >= 0) {
        double e = StrictMath.exp(-y / scale);
        return e / (1 + e);
      }
      return 1 / (1 + StrictMath.exp(y / scale));
    }
  };

  private static final double SQRT2 = 1.4142135623730951;

  /** {@code P(X > y)} for this family at {@code scale > 0}. */
  abstract double upperTail(double y, double scale);
}
