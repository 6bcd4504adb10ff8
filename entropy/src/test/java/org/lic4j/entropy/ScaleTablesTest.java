package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The scale grid and its tables. */
class ScaleTablesTest {
  /**
   * CRC-32 of the default Gaussian tables (offset, then the cdf, as big-endian ints, table after
   * table), pinned so that a change to the test tables or their quantiser cannot pass unnoticed.
   * (The value changed once, when the quantiser became training/cdf.py's: 2646521318 before. No
   * stream depends on these tables: the codec codes with the bundle's.)
   */
  private static final long DEFAULT_GAUSSIAN_CRC = 3151726778L;

  @Test
  void defaultGridMatchesTheDocs() {
    ScaleTables g = ScaleTables.gaussian();
    assertEquals(64, g.size());
    assertEquals(0.11, g.scale(0));
    assertEquals(64.0, g.scale(63));
    assertEquals(ScaleFamily.GAUSSIAN, g.family());
    for (int i = 1; i < g.size(); i++) {
      assertEquals(Math.pow(64 / 0.11, 1 / 63.0), g.scale(i) / g.scale(i - 1), 1e-12);
    }
    CdfTable narrow = g.table(0);
    assertEquals(-1, narrow.offset());
    assertEquals(4, narrow.symbolCount());
    CdfTable wide = g.table(63);
    assertEquals(-391, wide.offset());  // 2 Q(391.5) <= 1e-9 < 2 Q(390.5) at sigma 64
    assertEquals(1, wide.frequency(wide.escapeSymbol()));
  }

  @Test
  void defaultTablesArePinned() {
    CRC32 crc = new CRC32();
    ScaleTables g = ScaleTables.gaussian();
    for (int i = 0; i < g.size(); i++) {
      putInt(crc, g.table(i).offset());
      for (int c : g.table(i).cdf()) {
        putInt(crc, c);
      }
    }
    assertEquals(DEFAULT_GAUSSIAN_CRC, crc.getValue(), "default Gaussian tables changed");
  }

  private static void putInt(CRC32 crc, int v) {
    crc.update(v >>> 24);
    crc.update(v >>> 16);
    crc.update(v >>> 8);
    crc.update(v);
  }

  @Test
  void indexOfPicksTheFirstScaleNotBelow() {
    ScaleTables g = ScaleTables.gaussian();
    assertEquals(0, g.indexOf(0));
    assertEquals(0, g.indexOf(-5));
    assertEquals(0, g.indexOf(0.11));
    assertEquals(1, g.indexOf(Math.nextUp(0.11)));
    assertEquals(63, g.indexOf(64));
    assertEquals(63, g.indexOf(1e9));
    for (int i = 0; i < g.size(); i++) {
      assertEquals(i, g.indexOf(g.scale(i)));
    }
    assertThrows(IllegalArgumentException.class, () -> g.indexOf(Double.NaN));
  }

  @Test
  void tailMassGoesToTheEscape() {
    for (ScaleFamily family : ScaleFamily.values()) {
      ScaleTables t = ScaleTables.builder().family(family).scales(0.2, 20, 8).tailMass(1e-3).precision(14).build();
      for (int i = 0; i < t.size(); i++) {
        CdfTable table = t.table(i);
        int r = -table.offset();
        assertEquals(2 * r + 2, table.symbolCount());
        double scale = t.scale(i);
        assertTrue(2 * family.upperTail(r + 0.5, scale) <= 1e-3);
        assertTrue(r == 0 || 2 * family.upperTail(r - 0.5, scale) > 1e-3);
        // symmetric, unimodal up to quantisation
        for (int v = 1; v <= r; v++) {
          assertEquals(table.frequency(r + v), table.frequency(r - v), 1, family + " " + scale + " " + v);
        }
        assertTrue(table.frequency(r) >= table.frequency(r + 1) || r == 0);
      }
    }
  }

  @Test
  void radiusIsCappedByThePrecision() {
    CdfTable t = ScaleTables.table(ScaleFamily.LAPLACE, 1000, 1e-9, 8);
    assertEquals(256, t.symbolCount());
    assertEquals(-127, t.offset());
  }

  @Test
  void upperTailsAreConsistent() {
    for (ScaleFamily family : ScaleFamily.values()) {
      assertEquals(0.5, family.upperTail(0, 3), 1e-15);
      assertEquals(1, family.upperTail(2, 3) + family.upperTail(-2, 3), 1e-15);
      assertTrue(family.upperTail(1, 3) > family.upperTail(2, 3));
    }
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ScaleTables.builder().scales(0, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> ScaleTables.builder().scales(2, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> ScaleTables.builder().scales(1, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> ScaleTables.builder().tailMass(0));
    assertThrows(IllegalArgumentException.class, () -> ScaleTables.builder().precision(1));
    assertThrows(IllegalArgumentException.class, () -> ScaleTables.table(ScaleFamily.GAUSSIAN, -1, 1e-9, 16));
    ScaleTables one = ScaleTables.builder().scales(3, 3, 1).build();
    assertEquals(1, one.size());
    assertEquals(0, one.indexOf(100));
  }
}
