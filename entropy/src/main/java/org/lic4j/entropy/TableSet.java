package org.lic4j.entropy;

import java.util.List;

/**
 * The tables of one symbol stream, prepared for the coder: all share one precision, and a stream
 * names them by their index here. Build once and reuse across streams (preparation copies every
 * table and builds decoder lookups); immutable and thread-safe.
 *
 * <p>Prepared layout: the tables' CDFs are concatenated in {@link #cdf} ({@link #cdfBase} gives
 * where each starts), with the encoder's reciprocal of each symbol's frequency at the same index
 * in {@link #rcp}. For decoding, each table has a lookup from the top {@code lutBits} bits of a slot
 * to the first symbol whose interval can hold it; the decoder then steps forward over at most a
 * few symbols. {@code lutBits = min(precision, ceil(log2(n)) + LUT_EXTRA_BITS)}, so an n-symbol
 * table costs about {@code 2^LUT_EXTRA_BITS * n} chars and not {@code 2^precision}.
 */
public final class TableSet {
  /** Lookup entries per symbol, as a power of two; 3 measured best (docs/benchmarks.md). */
  static final int LUT_EXTRA_BITS = 3;

  private final CdfTable[] tables;
  final int precision;
  /** All tables' cumulative frequencies, table t at {@code cdfBase[t]}, n_t + 1 entries each. */
  final int[] cdf;
  /** {@code Rans.reciprocal(freq)} of the symbol whose cumulative frequency is at the same index. */
  final long[] rcp;
  /** Decoder lookups: table t's at {@code lutBase[t]}, indexed by {@code slot >>> lutShift[t]}. */
  final char[] lut;
  final int[] cdfBase;
  final int[] lutBase;
  final int[] lutShift;
  /** Value of symbol 0 of each table. */
  final int[] offset;
  /** Escape symbol of each table, which is also its number of regular values. */
  final int[] escape;

  TableSet(CdfTable[] tables, int lutExtraBits) {
    if (tables.length == 0) {
      throw new IllegalArgumentException("no tables");
    }
    this.tables = tables;
    this.precision = tables[0].precision();
    int count = tables.length;
    cdfBase = new int[count];
    lutBase = new int[count];
    lutShift = new int[count];
    offset = new int[count];
    escape = new int[count];
    long cdfSize = 0;
    long lutSize = 0;
    for (int t = 0; t < count; t++) {
      CdfTable table = tables[t];
      if (table.precision() != precision) {
        throw new IllegalArgumentException(
            "table " + t + " has precision " + table.precision() + ", table 0 has " + precision);
      }
      int n = table.symbolCount();
      int lutBits = Math.min(precision, 32 - Integer.numberOfLeadingZeros(n - 1) + lutExtraBits);
      cdfBase[t] = (int) cdfSize;
      lutBase[t] = (int) lutSize;
      lutShift[t] = precision - lutBits;
      offset[t] = table.offset();
      escape[t] = table.escapeSymbol();
      cdfSize += n + 1;
      lutSize += 1L << lutBits;
      if (cdfSize > Integer.MAX_VALUE - 16 || lutSize > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("tables too large to prepare together");
      }
    }
    cdf = new int[(int) cdfSize];
    rcp = new long[(int) cdfSize];
    lut = new char[(int) lutSize];
    for (int t = 0; t < count; t++) {
      int[] src = tables[t].cdfArray();
      int n = src.length - 1;
      int base = cdfBase[t];
      System.arraycopy(src, 0, cdf, base, n + 1);
      for (int s = 0; s < n; s++) {
        rcp[base + s] = Rans.reciprocal(src[s + 1] - src[s]);
      }
      int shift = lutShift[t];
      int entries = 1 << (precision - shift);
      int s = 0;
      for (int j = 0; j < entries; j++) {
        int slot = j << shift;
        while (src[s + 1] <= slot) {
          s++;
        }
        lut[lutBase[t] + j] = (char) s;
      }
    }
  }

  /** Prepares {@code tables}, which must share one precision. */
  public static TableSet of(CdfTable... tables) {
    return new TableSet(tables.clone(), LUT_EXTRA_BITS);
  }

  /** Prepares {@code tables}, which must share one precision. */
  public static TableSet of(List<CdfTable> tables) {
    return new TableSet(tables.toArray(new CdfTable[0]), LUT_EXTRA_BITS);
  }

  /** Throws unless every {@code tableIdx[i]}, {@code i} in {@code [off, off + count)}, names a table. */
  void checkIndexes(int[] tableIdx, int off, int count) {
    int last = tables.length - 1;
    int bad = 0;
    for (int i = off, end = off + count; i < end; i++) {
      bad |= tableIdx[i] | (last - tableIdx[i]);
    }
    if (bad < 0) {
      for (int i = off, end = off + count; i < end; i++) {
        if (tableIdx[i] < 0 || tableIdx[i] > last) {
          throw new IllegalArgumentException(
              "tableIdx[" + i + "] = " + tableIdx[i] + " not in [0, " + tables.length + ")");
        }
      }
    }
  }

  public int size() {
    return tables.length;
  }

  public CdfTable table(int index) {
    return tables[index];
  }

  public int precision() {
    return precision;
  }
}
