package org.lic4j.video;

import java.util.Objects;
import org.lic4j.entropy.CdfTable;
import org.lic4j.entropy.EntropyDecodingException;
import org.lic4j.entropy.RansDecoder;
import org.lic4j.entropy.RansEncoder;
import org.lic4j.entropy.TableSet;

/**
 * The lossless coding of a block motion field (docs/video.md, "Motion vectors"; draft for format
 * 1.1): blocks in raster order, each vector minus the median predictor of its neighbours, the two
 * components of the residual coded in that order with the rANS coder of docs/entropy.md. A residual
 * {@code r} is binarised Exp-Golomb style into a <em>token</em>, its sign times its magnitude class
 * (0 for 0, 1 for 1, 2 for 2, {@code k} for magnitudes in {@code [2^(k-2) + 1, 2^(k-1)]}, up to
 * 10 for 257..512), coded with a fixed table chosen by integer contexts (the magnitude class of the
 * neighbours' residuals), and for classes 3 and up a <em>mantissa</em>, {@code |r| - 2^(k-2) - 1},
 * in {@code k - 2} uniform bits.
 *
 * <p>A field is coded on its own, with no neighbour outside it: a P frame codes one per tile, so
 * that tiles stay independent.
 */
final class MotionVectorCoding {
  /** Largest magnitude class: residuals lie in [-512, 512]. */
  static final int CLASSES = 10;
  /** Up to this sum of the neighbours' residual magnitudes (and above 0), context class 1. */
  static final int SMALL = 8;
  static final int PRECISION = 15;
  /** Context tables: 0..2 horizontal, 3..8 vertical; then the uniform mantissa tables of 1..8 bits. */
  static final int TABLES = 9;
  private static final int MANTISSA_TABLE = TABLES - 1;
  private static final int MAX_MANTISSA_BITS = CLASSES - 2;

  /**
   * The context tables' frequencies at {@link #PRECISION} bits, token -10 first, the escape (never
   * written) last: tables 0..2 the horizontal component by the class of its neighbours' horizontal
   * residuals, 3..5 the vertical component by its neighbours' class when the block's horizontal
   * residual is 0, 6..8 when it is not. Fitted to the fields of the shared clips street, cockatoo,
   * city and CiscoVT2people (docs/video.md), not to foreman and mobile, on which they are measured.
   */
  private static final int[][] FREQUENCIES = MotionVectorTables.FREQUENCIES;

  private static final TableSet TABLE_SET = tableSet();

  private MotionVectorCoding() {}

  private static TableSet tableSet() {
    CdfTable[] tables = new CdfTable[TABLES + MAX_MANTISSA_BITS];
    for (int t = 0; t < TABLES; t++) {
      int[] freq = FREQUENCIES[t];
      int[] cdf = new int[freq.length + 1];
      for (int s = 0; s < freq.length; s++) {
        cdf[s + 1] = cdf[s] + freq[s];
      }
      tables[t] = CdfTable.of(cdf, -CLASSES, PRECISION);
    }
    // b uniform bits: each of the 2^b values floor((2^15 - 1) / 2^b), the escape the rest.
    for (int bits = 1; bits <= MAX_MANTISSA_BITS; bits++) {
      int values = 1 << bits;
      int each = ((1 << PRECISION) - 1) / values;
      int[] cdf = new int[values + 2];
      for (int s = 1; s <= values; s++) {
        cdf[s] = s * each;
      }
      cdf[values + 1] = 1 << PRECISION;
      tables[MANTISSA_TABLE + bits] = CdfTable.of(cdf, 0, PRECISION);
    }
    return TableSet.of(tables);
  }

  /** The magnitude class of a residual, signed: its token. */
  static int token(int residual) {
    int m = Math.abs(residual);
    int k = m == 0 ? 0 : 33 - Integer.numberOfLeadingZeros(m - 1);
    return residual < 0 ? -k : k;
  }

  /** The smallest magnitude of class {@code k >= 3}. */
  private static int classBase(int k) {
    return (1 << (k - 2)) + 1;
  }

  /** The tables (for measurements and the table fit). */
  static TableSet tables() {
    return TABLE_SET;
  }

  /**
   * The median predictor of block {@code (row, column)} of a field {@code columns} wide, from
   * blocks before it in raster order: with A the left, B the top, C the top-right neighbour (the
   * top-left where the top-right is outside the field), the component-wise median of A, B and C;
   * in the first row, A (zero for the first block); in the first column, B in A's place; in a
   * field one block wide, B.
   */
  static void predictor(int[] vectors, int columns, int row, int column, int[] out) {
    for (int k = 0; k < 2; k++) {
      if (row == 0) {
        out[k] = column == 0 ? 0 : vectors[2 * (column - 1) + k];
        continue;
      }
      int top = (row - 1) * columns + column;
      int b = vectors[2 * top + k];
      int a = column > 0 ? vectors[2 * (top + columns - 1) + k] : b;
      int c;
      if (column + 1 < columns) {
        c = vectors[2 * (top + 1) + k];
      } else if (column > 0) {
        c = vectors[2 * (top - 1) + k];
      } else {
        c = b;
      }
      out[k] = median(a, b, c);
    }
  }

  private static int median(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  /** The context class of a sum of residual magnitudes: 0 none, 1 small, 2 large. */
  private static int magnitudeClass(int sum) {
    return sum == 0 ? 0 : sum <= SMALL ? 1 : 2;
  }

  /**
   * The residuals of a field ({@code (rx, ry)} per block in raster order) and, in {@code tableIdx},
   * the table each is coded with.
   */
  static int[] residuals(int[] vectors, int columns, int rows, int[] tableIdx) {
    int[] residuals = new int[vectors.length];
    int[] p = new int[2];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int b = r * columns + c;
        predictor(vectors, columns, r, c, p);
        residuals[2 * b] = vectors[2 * b] - p[0];
        residuals[2 * b + 1] = vectors[2 * b + 1] - p[1];
        tableIdx[2 * b] = tableX(residuals, columns, r, c);
        tableIdx[2 * b + 1] = tableY(residuals, columns, r, c, residuals[2 * b]);
      }
    }
    return residuals;
  }

  private static int neighbourSum(int[] residuals, int columns, int row, int column, int k) {
    int sum = 0;
    if (column > 0) {
      sum += Math.abs(residuals[2 * (row * columns + column - 1) + k]);
    }
    if (row > 0) {
      sum += Math.abs(residuals[2 * ((row - 1) * columns + column) + k]);
    }
    return sum;
  }

  private static int tableX(int[] residuals, int columns, int row, int column) {
    return magnitudeClass(neighbourSum(residuals, columns, row, column, 0));
  }

  private static int tableY(int[] residuals, int columns, int row, int column, int rx) {
    return (rx == 0 ? 3 : 6) + magnitudeClass(neighbourSum(residuals, columns, row, column, 1));
  }

  /**
   * The coded field: {@code 2 * columns * rows} vector components, each in
   * [-{@link MotionCompensation#MV_LIMIT}, {@link MotionCompensation#MV_LIMIT}].
   */
  static byte[] encode(int[] vectors, int columns, int rows) {
    Objects.requireNonNull(vectors, "vectors");
    if (columns <= 0 || rows <= 0 || vectors.length != 2 * columns * rows) {
      throw new IllegalArgumentException(vectors.length + " vector components for " + columns + "x" + rows + " blocks");
    }
    for (int i = 0; i < vectors.length; i++) {
      if (Math.abs(vectors[i]) > MotionCompensation.MV_LIMIT) {
        throw new IllegalArgumentException("vector component " + vectors[i] + " of block " + i / 2
            + " exceeds " + MotionCompensation.MV_LIMIT);
      }
    }
    int[] contexts = new int[vectors.length];
    int[] residuals = residuals(vectors, columns, rows, contexts);
    // Each residual: its token, then its mantissa if its class has one.
    int[] values = new int[2 * residuals.length];
    int[] tableIdx = new int[values.length];
    int n = 0;
    for (int i = 0; i < residuals.length; i++) {
      int t = token(residuals[i]);
      values[n] = t;
      tableIdx[n++] = contexts[i];
      int k = Math.abs(t);
      if (k >= 3) {
        values[n] = Math.abs(residuals[i]) - classBase(k);
        tableIdx[n++] = MANTISSA_TABLE + k - 2;
      }
    }
    return new RansEncoder().encode(values, tableIdx, 0, n, TABLE_SET);
  }

  /**
   * The field coded in {@code src[off, off + len)}, {@code columns x rows} blocks. Work and memory
   * are bounded by the field's size whatever the bytes.
   *
   * @throws EntropyDecodingException if the bytes are not a coded field of this size (truncated,
   *     extended, a bad escape, or a vector outside the range); offsets relative to {@code off}
   */
  static int[] decode(byte[] src, int off, int len, int columns, int rows) throws EntropyDecodingException {
    int[] vectors = new int[2 * columns * rows];
    int[] residuals = new int[vectors.length];
    int[] p = new int[2];
    RansDecoder decoder = new RansDecoder();
    decoder.begin(src, off, len);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int b = r * columns + c;
        predictor(vectors, columns, r, c, p);
        int rx = residual(decoder, tableX(residuals, columns, r, c));
        residuals[2 * b] = rx;
        int ry = residual(decoder, tableY(residuals, columns, r, c, rx));
        residuals[2 * b + 1] = ry;
        vectors[2 * b] = checked((long) p[0] + rx, b);
        vectors[2 * b + 1] = checked((long) p[1] + ry, b);
      }
    }
    decoder.finish();
    return vectors;
  }

  /** One residual: its token with context table {@code table}, then its mantissa. */
  private static int residual(RansDecoder decoder, int table) throws EntropyDecodingException {
    int t = decoder.next(table, TABLE_SET);
    if (Math.abs(t) > CLASSES) {
      throw new EntropyDecodingException("motion vector token " + t + " out of range", 0);
    }
    int k = Math.abs(t);
    int m = k;
    if (k >= 3) {
      int mantissa = decoder.next(MANTISSA_TABLE + k - 2, TABLE_SET);
      if (mantissa < 0 || mantissa >= 1 << (k - 2)) {
        throw new EntropyDecodingException("motion vector mantissa " + mantissa + " out of range", 0);
      }
      m = classBase(k) + mantissa;
    }
    return t < 0 ? -m : m;
  }

  private static int checked(long v, int block) throws EntropyDecodingException {
    if (Math.abs(v) > MotionCompensation.MV_LIMIT) {
      throw new EntropyDecodingException(
          "vector component " + v + " of block " + block + " exceeds " + MotionCompensation.MV_LIMIT, 0);
    }
    return (int) v;
  }
}
