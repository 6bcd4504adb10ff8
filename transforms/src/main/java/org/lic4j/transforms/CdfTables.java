package org.lic4j.transforms;

/**
 * A family of quantised CDF tables from a model bundle: one table per scale index (for y) or per
 * channel (for z). Table i has {@code cdf(i).length = n + 1} entries for n symbols,
 * {@code cdf[0] = 0}, {@code cdf[n] = 2^precision}, strictly increasing; symbols
 * {@code 0 .. n-2} stand for the values {@code offset(i) .. offset(i) + n - 2} and the last symbol
 * is the escape (docs/models.md). Validated when the bundle is loaded; immutable.
 */
public final class CdfTables {
  private final int precision;
  private final int[][] cdfs;
  private final int[] offsets;

  CdfTables(int precision, int[][] cdfs, int[] offsets) {
    this.precision = precision;
    this.cdfs = cdfs;
    this.offsets = offsets;
  }

  /** Number of tables. */
  public int count() {
    return cdfs.length;
  }

  /** Bits of probability resolution: every table ends at {@code 1 << precision}. */
  public int precision() {
    return precision;
  }

  /** A copy of table i, trimmed to its length (n + 1 entries for n symbols). */
  public int[] cdf(int i) {
    return cdfs[i].clone();
  }

  /** The value that symbol 0 of table i stands for. */
  public int offset(int i) {
    return offsets[i];
  }

  /** A copy of all tables, each trimmed to its length. */
  public int[][] cdfs() {
    int[][] copy = new int[cdfs.length][];
    for (int i = 0; i < cdfs.length; i++) {
      copy[i] = cdfs[i].clone();
    }
    return copy;
  }

  /** A copy of all offsets. */
  public int[] offsets() {
    return offsets.clone();
  }
}
