package org.lic4j.entropy;

import java.util.PriorityQueue;

/**
 * Turns a probability mass function into a quantised CDF: every symbol gets a frequency of at least
 * one and the frequencies add up to exactly {@code 1 << precision}.
 *
 * <p>Integer arithmetic only once the input is integer, so the same counts give the same table on
 * every machine. A {@code double[]} PMF is first rounded to integer counts
 * {@code c[i] = rint(p[i] * 2^44 / sum(p))} (IEEE 754 double arithmetic, which Java evaluates
 * identically everywhere). Counts whose total reaches {@code 2^45} are shifted right until it does
 * not, so that every product below fits a {@code long}.
 *
 * <p>Algorithm: {@code f[i] = max(1, round(c[i] * M / T))}, then the sum is corrected one unit at a
 * time. Removing a unit from symbol {@code i} costs about {@code c[i] / (f[i] - 1/2)} (the first
 * order of {@code c[i] * log(f[i] / (f[i] - 1))}), adding one gains about {@code c[i] / (f[i] +
 * 1/2)}; the cheapest removal or the best addition is taken greedily, ties to the lower symbol.
 */
final class FrequencyQuantizer {
  /** Counts are reduced below this total so that {@code count * (2 * freq + 1)} fits a long. */
  private static final int MAX_TOTAL_BITS = 45;
  /** Scale of a double PMF once rounded to counts; below {@link #MAX_TOTAL_BITS}. */
  private static final double PMF_SCALE = 0x1p44;

  private FrequencyQuantizer() {}

  static long[] countsOf(double[] pmf) {
    if (pmf.length == 0) {
      throw new IllegalArgumentException("empty pmf");
    }
    double sum = 0;
    for (int i = 0; i < pmf.length; i++) {
      double p = pmf[i];
      if (!(p >= 0) || p == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("pmf[" + i + "] = " + p + " is not a finite non-negative number");
      }
      sum += p;
    }
    if (!(sum > 0) || sum == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("pmf sums to " + sum);
    }
    double scale = PMF_SCALE / sum;
    long[] counts = new long[pmf.length];
    for (int i = 0; i < pmf.length; i++) {
      counts[i] = (long) Math.rint(pmf[i] * scale);
    }
    return counts;
  }

  /** Returns the quantised CDF ({@code counts.length + 1} entries) at the given precision. */
  static int[] quantize(long[] counts, int precision) {
    int n = counts.length;
    int total = 1 << precision;
    if (n == 0 || n > total) {
      throw new IllegalArgumentException(
          "symbol count " + n + " must be in [1, " + total + "] at precision " + precision);
    }
    long[] c = counts.clone();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      if (c[i] < 0) {
        throw new IllegalArgumentException("counts[" + i + "] = " + c[i] + " is negative");
      }
      sum += c[i];
      if (sum < 0) {
        throw new IllegalArgumentException("counts add up to more than Long.MAX_VALUE");
      }
    }
    if (sum == 0) {
      throw new IllegalArgumentException("counts are all zero");
    }
    int excessBits = 64 - Long.numberOfLeadingZeros(sum) - MAX_TOTAL_BITS;
    if (excessBits > 0) {
      sum = 0;
      for (int i = 0; i < n; i++) {
        c[i] >>>= excessBits;
        sum += c[i];
      }
    }
    // sum >= 2^44 - n > 0 here when it was shifted, and c[i] * total < 2^61.
    int[] f = new int[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      f[i] = (int) Math.max(1, (c[i] * total + sum / 2) / sum);
      assigned += f[i];
    }
    if (assigned > total) {
      takeAway(c, f, assigned - total);
    } else if (assigned < total) {
      handOut(c, f, total - assigned);
    }
    int[] cdf = new int[n + 1];
    for (int i = 0; i < n; i++) {
      cdf[i + 1] = cdf[i] + f[i];
    }
    assert cdf[n] == total;
    return cdf;
  }

  /** Removes {@code units} from the symbols where it costs least; feasible because n <= total. */
  private static void takeAway(long[] c, int[] f, long units) {
    // Cost of removing one unit from i: c[i] / (2 f[i] - 1); cheapest first.
    PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> {
      int cmp = Long.compare(c[a] * (2L * f[b] - 1), c[b] * (2L * f[a] - 1));
      return cmp != 0 ? cmp : Integer.compare(a, b);
    });
    for (int i = 0; i < f.length; i++) {
      if (f[i] > 1) {
        queue.add(i);
      }
    }
    for (long k = 0; k < units; k++) {
      int i = queue.remove();
      f[i]--;
      if (f[i] > 1) {
        queue.add(i);
      }
    }
  }

  /** Adds {@code units} to the symbols where it gains most. */
  private static void handOut(long[] c, int[] f, long units) {
    // Gain of adding one unit to i: c[i] / (2 f[i] + 1); largest first.
    PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> {
      int cmp = Long.compare(c[b] * (2L * f[a] + 1), c[a] * (2L * f[b] + 1));
      return cmp != 0 ? cmp : Integer.compare(a, b);
    });
    for (int i = 0; i < f.length; i++) {
      if (c[i] > 0) {
        queue.add(i);
      }
    }
    for (long k = 0; k < units; k++) {
      int i = queue.remove();
      f[i]++;
      queue.add(i);
    }
  }
}
