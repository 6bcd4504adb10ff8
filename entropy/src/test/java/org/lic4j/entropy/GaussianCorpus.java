package org.lic4j.entropy;

import java.util.SplittableRandom;

/**
 * Realistic latent streams: each symbol gets a scale drawn log-uniformly in [0.11, 64], its table
 * is the scale grid's {@code indexOf} that scale, and its value is a rounded zero-mean Gaussian
 * sample at that scale. Shared by the tests and the JMH benchmarks, from a fixed seed.
 */
final class GaussianCorpus {
  final int[] values;
  final int[] tableIdx;

  GaussianCorpus(ScaleTables tables, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    values = new int[count];
    tableIdx = new int[count];
    double logMin = Math.log(0.11);
    double logMax = Math.log(64);
    for (int i = 0; i < count; i++) {
      double scale = Math.exp(logMin + random.nextDouble() * (logMax - logMin));
      tableIdx[i] = tables.indexOf(scale);
      values[i] = (int) Math.rint(scale * gaussian(random));
    }
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Ideal code length in bits under the quantised tables, escapes counted as their symbol only. */
  static double idealBits(int[] values, int[] tableIdx, TableSet tables) {
    double bits = 0;
    int precision = tables.precision();
    for (int i = 0; i < values.length; i++) {
      CdfTable t = tables.table(tableIdx[i]);
      bits += precision - Math.log(t.frequency(t.symbolOf(values[i]))) / Math.log(2);
    }
    return bits;
  }
}
