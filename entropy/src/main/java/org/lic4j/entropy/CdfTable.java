package org.lic4j.entropy;

import java.util.Arrays;

/**
 * A validated, quantised cumulative distribution over {@code n} symbols plus the value of symbol 0.
 *
 * <p>Symbol {@code s < n - 1} stands for the value {@code offset + s}; the last symbol {@code n - 1}
 * is the <em>escape</em>: any other int value is coded as the escape followed by a bypass code (see
 * {@code docs/entropy.md}), so no value is ever lost. Symbol {@code s} has frequency
 * {@code cdf[s + 1] - cdf[s] >= 1} out of {@code 1 << precision}.
 *
 * <p>Invariants, checked once at construction: {@code 1 <= precision <= 16}; {@code cdf.length =
 * n + 1 >= 2}; {@code cdf[0] == 0}; {@code cdf[n] == 1 << precision}; strictly increasing (so
 * {@code n <= 1 << precision}: a table with exactly {@code 1 << precision} symbols is legal and
 * gives every symbol frequency 1); {@code offset + n - 2 <= Integer.MAX_VALUE}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CdfTable {
  /** Largest supported precision: the coder's state lower bound is {@code 2^16} (docs/entropy.md). */
  public static final int MAX_PRECISION = 16;

  private final int[] cdf;
  private final int offset;
  private final int precision;

  private CdfTable(int[] cdf, int offset, int precision) {
    this.cdf = cdf;
    this.offset = offset;
    this.precision = precision;
  }

  /**
   * Wraps a ready quantised CDF (as shipped with a trained model), validating it.
   *
   * @param cdf {@code n + 1} cumulative frequencies; the last symbol is the escape; copied
   * @param offset the value of symbol 0
   * @param precision {@code cdf[n] == 1 << precision}, in [1, 16]
   * @throws IllegalArgumentException if an invariant does not hold
   */
  public static CdfTable of(int[] cdf, int offset, int precision) {
    checkPrecision(precision);
    int[] copy = cdf.clone();
    int n = copy.length - 1;
    if (n < 1) {
      throw new IllegalArgumentException("a cdf needs at least 2 entries, got " + copy.length);
    }
    if (copy[0] != 0) {
      throw new IllegalArgumentException("cdf[0] = " + copy[0] + ", expected 0");
    }
    if (copy[n] != 1 << precision) {
      throw new IllegalArgumentException(
          "cdf[" + n + "] = " + copy[n] + ", expected " + (1 << precision) + " (precision " + precision + ")");
    }
    for (int s = 0; s < n; s++) {
      if (copy[s + 1] <= copy[s]) {
        throw new IllegalArgumentException(
            "cdf not strictly increasing at symbol " + s + ": " + copy[s] + " -> " + copy[s + 1]);
      }
    }
    checkRange(offset, n);
    return new CdfTable(copy, offset, precision);
  }

  private static void checkPrecision(int precision) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException("precision " + precision + " not in [1, " + MAX_PRECISION + "]");
    }
  }

  private static void checkRange(int offset, int symbolCount) {
    if (symbolCount >= 2 && (long) offset + symbolCount - 2 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "values " + offset + " + [0, " + (symbolCount - 2) + "] overflow int");
    }
  }

  /** Number of symbols {@code n}, escape included. */
  public int symbolCount() {
    return cdf.length - 1;
  }

  /** The escape symbol, {@code n - 1}; also the number of regular (directly coded) values. */
  public int escapeSymbol() {
    return cdf.length - 2;
  }

  /** The value of symbol 0. */
  public int offset() {
    return offset;
  }

  public int precision() {
    return precision;
  }

  /** Whether {@code value} is coded directly, i.e. without the escape. */
  public boolean isRegular(int value) {
    return Integer.compareUnsigned(value - offset, escapeSymbol()) < 0;
  }

  /** The symbol that codes {@code value}: {@code value - offset}, or the escape. */
  public int symbolOf(int value) {
    return isRegular(value) ? value - offset : escapeSymbol();
  }

  /** Frequency of {@code symbol} out of {@code 1 << precision}. */
  public int frequency(int symbol) {
    return cdf[symbol + 1] - cdf[symbol];
  }

  /** Cumulative frequency of the symbols below {@code symbol}; {@code 0 <= symbol <= n}. */
  public int cumulative(int symbol) {
    return cdf[symbol];
  }

  /** A copy of the {@code n + 1} cumulative frequencies. */
  public int[] cdf() {
    return cdf.clone();
  }

  /** The same array, for the package's own read-only use. */
  int[] cdfArray() {
    return cdf;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CdfTable t
        && t.offset == offset
        && t.precision == precision
        && Arrays.equals(t.cdf, cdf);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(cdf) + offset) + precision;
  }

  @Override
  public String toString() {
    return "CdfTable[symbols=" + symbolCount() + ", offset=" + offset + ", precision=" + precision + "]";
  }
}
