package org.lic4j.entropy;

import java.util.Arrays;

/**
 * The quantiser of {@code training/cdf.py} ({@code quantise_masses}), step for step, so that the
 * tables a test builds are made as the shipped ones were; {@link ShippedTablesCrossTest} proves it
 * on every table of the bundle. The codec never quantises (it reads the bundle's tables), so this
 * lives with the tests.
 *
 * <p>Algorithm (docs/entropy.md, section 2), for masses {@code p[0..n-1]}, the escape last, summing
 * to 1 up to rounding, and {@code M = 2^precision}:
 * <ol>
 *   <li>{@code f[i] = 1 + floor(p[i] * (M - n))}, the product in IEEE double arithmetic;
 *   <li>the deficit {@code M - sum(f)} (never negative) goes one unit at a time to the in-range
 *       symbols {@code 0..n-2}, never the escape, in order of decreasing {@code p}, ties to the
 *       lower symbol, starting again from the first while units remain.
 * </ol>
 */
final class FrequencyQuantizer {
  private FrequencyQuantizer() {}

  /** The quantised CDF ({@code p.length + 1} entries) of masses that sum to 1. */
  static int[] quantize(double[] p, int precision) {
    int n = p.length;
    int total = 1 << precision;
    if (n == 0 || n > total) {
      throw new IllegalArgumentException(
          "symbol count " + n + " must be in [1, " + total + "] at precision " + precision);
    }
    long[] f = new long[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      if (!(p[i] >= 0) || p[i] > 1) {
        throw new IllegalArgumentException("mass p[" + i + "] = " + p[i] + " not in [0, 1]");
      }
      f[i] = 1 + (long) Math.floor(p[i] * (total - n));
      sum += f[i];
    }
    long deficit = total - sum;
    if (deficit < 0) {
      throw new IllegalArgumentException("masses add up to more than 1: " + -deficit + " units over");
    }
    if (deficit > 0) {
      // Stable sort by decreasing mass (primitive comparisons: -0.0 ties 0.0, as in numpy).
      Integer[] order = new Integer[n - 1];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> p[a] > p[b] ? -1 : p[a] < p[b] ? 1 : Integer.compare(a, b));
      for (long k = 0; k < deficit; k++) {
        f[order[(int) (k % order.length)]]++;
      }
    }
    int[] cdf = new int[n + 1];
    for (int i = 0; i < n; i++) {
      cdf[i + 1] = cdf[i] + (int) f[i];
    }
    return cdf;
  }

  /**
   * The table of a non-negative, finite mass function, not necessarily normalised (the last entry
   * is the escape's mass): divided by its sum, then {@link #quantize}.
   */
  static CdfTable fromPmf(double[] pmf, int offset, int precision) {
    double sum = 0;
    for (int i = 0; i < pmf.length; i++) {
      if (!(pmf[i] >= 0) || pmf[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("pmf[" + i + "] = " + pmf[i] + " is not a finite non-negative number");
      }
      sum += pmf[i];
    }
    if (!(sum > 0) || sum == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("pmf sums to " + sum);
    }
    double[] p = new double[pmf.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = pmf[i] / sum;
    }
    return table(p, offset, precision);
  }

  /** The table of non-negative counts, not all zero (the last is the escape's): as masses {@code c / sum(c)}. */
  static CdfTable fromCounts(long[] counts, int offset, int precision) {
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("counts[" + i + "] = " + counts[i] + " is negative");
      }
      sum += counts[i];
      if (sum < 0) {
        throw new IllegalArgumentException("counts add up to more than Long.MAX_VALUE");
      }
    }
    if (sum == 0) {
      throw new IllegalArgumentException("counts are all zero");
    }
    double[] p = new double[counts.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (double) counts[i] / sum;
    }
    return table(p, offset, precision);
  }

  /** Masses already normalised (as the shipped tables' were): {@link #quantize} with no division. */
  static CdfTable table(double[] p, int offset, int precision) {
    if (precision < 1 || precision > CdfTable.MAX_PRECISION) {
      throw new IllegalArgumentException("precision " + precision + " not in [1, " + CdfTable.MAX_PRECISION + "]");
    }
    return CdfTable.of(quantize(p, precision), offset, precision);
  }
}
