package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Validation and quantisation of {@link CdfTable}. */
class CdfTableTest {
  @Test
  void readyCdfsAreValidatedOnce() {
    CdfTable t = CdfTable.of(new int[] {0, 100, 4000, 4096}, -1, 12);
    assertEquals(3, t.symbolCount());
    assertEquals(2, t.escapeSymbol());
    assertEquals(3900, t.frequency(1));
    assertEquals(0, t.symbolOf(-1));
    assertEquals(1, t.symbolOf(0));
    assertEquals(2, t.symbolOf(1));
    assertEquals(2, t.symbolOf(Integer.MIN_VALUE));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {1, 100, 4096}, 0, 12));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0, 100, 4095}, 0, 12));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0, 100, 100, 4096}, 0, 12));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0, 5000, 4000, 4096}, 0, 12));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0}, 0, 12));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0, 1 << 17}, 0, 17));
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0, 1}, 0, 0));
    // values offset + [0, n - 2] must fit an int
    assertThrows(IllegalArgumentException.class, () -> CdfTable.of(new int[] {0, 1, 2, 4}, Integer.MAX_VALUE, 2));
    CdfTable.of(new int[] {0, 1, 2, 4}, Integer.MAX_VALUE - 1, 2);
  }

  @Test
  void inputIsCopied() {
    int[] cdf = {0, 1, 4};
    CdfTable t = CdfTable.of(cdf, 0, 2);
    cdf[1] = 3;
    assertEquals(1, t.frequency(0));
    t.cdf()[1] = 2;
    assertEquals(1, t.frequency(0));
  }

  @Test
  void quantisedTablesKeepTheInvariants() {
    SplittableRandom random = new SplittableRandom(30);
    for (int run = 0; run < 2000; run++) {
      int precision = 1 + random.nextInt(16);
      CdfTable t = RandomStreams.randomTable(random, precision, 1 + random.nextInt(3000));
      assertEquals(t, CdfTable.of(t.cdf(), t.offset(), precision));  // passes validation
      for (int s = 0; s < t.symbolCount(); s++) {
        assertTrue(t.frequency(s) >= 1);
      }
    }
  }

  @Test
  void tableWithAsManySymbolsAsSlotsIsUniform() {
    long[] counts = new long[1 << 16];
    counts[5] = 1L << 60;  // whatever the masses, every symbol gets exactly one slot
    CdfTable t = FrequencyQuantizer.fromCounts(counts, 0, 16);
    for (int s = 0; s < t.symbolCount(); s++) {
      assertEquals(1, t.frequency(s));
    }
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromCounts(new long[(1 << 16) + 1], 0, 16));
  }

  @Test
  void nearlyOneHot() {
    CdfTable t = FrequencyQuantizer.fromCounts(new long[] {0, Long.MAX_VALUE / 2, 0, 0}, 0, 16);
    assertArrayEquals(new int[] {0, 1, 65534, 65535, 65536}, t.cdf());
    CdfTable d = FrequencyQuantizer.fromPmf(new double[] {1e-300, 1, 0}, 0, 16);
    assertArrayEquals(new int[] {0, 1, 65535, 65536}, d.cdf());
  }

  @Test
  void quantisationRuleIsPinned() {
    // 1 + floor(p * (M - n)) first, then the units left to the likeliest in-range symbols, ties to the lower one.
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, FrequencyQuantizer.fromCounts(new long[] {1, 1, 1, 1}, 0, 2).cdf());
    assertArrayEquals(new int[] {0, 2, 3, 4}, FrequencyQuantizer.fromCounts(new long[] {1, 1, 1}, 0, 2).cdf());
    assertArrayEquals(new int[] {0, 6, 7, 8}, FrequencyQuantizer.fromCounts(new long[] {1000, 1, 1}, 0, 3).cdf());
    assertArrayEquals(new int[] {0, 3, 6, 8}, FrequencyQuantizer.fromCounts(new long[] {3, 3, 2}, 0, 3).cdf());
    assertArrayEquals(new int[] {0, 1, 8}, FrequencyQuantizer.fromCounts(new long[] {0, 5}, 0, 3).cdf());
  }

  @Test
  void doublePmfIsRoundedToCountsThenQuantised() {
    double[] pmf = {0.1, 0.25, 1e-7, 0.6, 0.05};
    long[] counts = new long[pmf.length];
    double sum = Arrays.stream(pmf).sum();
    for (int i = 0; i < pmf.length; i++) {
      counts[i] = (long) Math.rint(pmf[i] * (0x1p44 / sum));
    }
    assertEquals(FrequencyQuantizer.fromCounts(counts, 3, 15), FrequencyQuantizer.fromPmf(pmf, 3, 15));
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromPmf(new double[] {0.5, Double.NaN}, 0, 8));
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromPmf(new double[] {0.5, -0.1}, 0, 8));
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromPmf(new double[] {0, 0}, 0, 8));
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromPmf(new double[] {1e308, 1e308}, 0, 8));
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromCounts(new long[] {Long.MAX_VALUE, 1}, 0, 8));
    assertThrows(IllegalArgumentException.class, () -> FrequencyQuantizer.fromCounts(new long[] {5, -1}, 0, 8));
  }

  @Test
  void quantisationCostsLittleOverTheEntropy() {
    // Cross-entropy of the source under its quantised table vs its entropy, for peaked and wide
    // discretised Gaussians: within 0.2%, plus what the frequency floor of 1 must cost (the other
    // symbols' n - 1 slots, taken from the likely ones: about (n - 1) / M / ln 2 bits).
    for (double scale : new double[] {0.11, 0.5, 2, 10, 64}) {
      double[] pmf = new double[801];
      for (int v = -400; v <= 400; v++) {
        pmf[v + 400] = Math.exp(-0.5 * v * v / (scale * scale));
      }
      double sum = Arrays.stream(pmf).sum();
      CdfTable t = FrequencyQuantizer.fromPmf(pmf, -400, 16);
      double entropy = 0;
      double cross = 0;
      for (int s = 0; s < pmf.length; s++) {
        double p = pmf[s] / sum;
        if (p > 0) {
          entropy -= p * Math.log(p) / Math.log(2);
          cross -= p * Math.log(t.frequency(s) / 65536.0) / Math.log(2);
        }
      }
      double floor = (pmf.length - 1) / 65536.0 / Math.log(2);
      assertTrue(cross - entropy < 0.002 * entropy + 1.05 * floor + 1e-4, "scale " + scale + ": " + cross + " vs " + entropy);
    }
  }

  @Test
  void equalityIsByValue() {
    CdfTable a = CdfTable.of(new int[] {0, 1, 4}, 0, 2);
    assertEquals(a, CdfTable.of(new int[] {0, 1, 4}, 0, 2));
    assertEquals(a.hashCode(), CdfTable.of(new int[] {0, 1, 4}, 0, 2).hashCode());
    assertNotEquals(a, CdfTable.of(new int[] {0, 1, 4}, 1, 2));
    assertFalse(a.equals(null));
  }
}
