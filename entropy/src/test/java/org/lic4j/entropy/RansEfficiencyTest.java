package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Coded size against the information content {@code -sum log2 p(symbol)} under the quantised
 * tables: within 0.1% plus the 8-byte flush.
 */
class RansEfficiencyTest {
  private static final double MAX_OVERHEAD = 0.001;
  private static final int FLUSH_BITS = 8 * 8;

  private final RansEncoder encoder = new RansEncoder();

  @Test
  void gaussianScalesMixed() {
    for (int precision : new int[] {16, 14, 12}) {
      ScaleTables scales = ScaleTables.builder().precision(precision).build();
      GaussianCorpus corpus = new GaussianCorpus(scales, 1_000_000, 40 + precision);
      assertEfficient(corpus.values, corpus.tableIdx, scales.tableSet(), "precision " + precision);
    }
  }

  @Test
  void skewedTables() {
    SplittableRandom random = new SplittableRandom(41);
    for (int precision : new int[] {16, 12}) {
      RandomStreams s = RandomStreams.create(random, 40, precision, 200, 1_000_000);
      // Escapes are excluded from the ideal's bypass part: keep only regular values.
      for (int i = 0; i < s.values.length; i++) {
        CdfTable t = s.tables.table(s.tableIdx[i]);
        if (!t.isRegular(s.values[i])) {
          s.values[i] = t.offset();
        }
      }
      assertEfficient(s.values, s.tableIdx, s.tables, "random skewed, precision " + precision);
    }
  }

  private void assertEfficient(int[] values, int[] tableIdx, TableSet tables, String what) {
    byte[] coded = encoder.encode(values, tableIdx, tables);
    double ideal = GaussianCorpus.idealBits(values, tableIdx, tables);
    double bits = 8.0 * coded.length;
    assertTrue(bits <= ideal * (1 + MAX_OVERHEAD) + FLUSH_BITS,
        String.format("%s: %d bytes coded, %.1f ideal (%.4f%% over)", what, coded.length, ideal / 8,
            100 * (bits - ideal) / ideal));
    System.out.printf("%s: %d bytes coded, %.1f ideal, overhead %.4f%% (flush included)%n",
        what, coded.length, ideal / 8, 100 * (bits - ideal) / ideal);
  }
}
