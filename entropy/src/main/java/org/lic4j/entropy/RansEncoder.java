package org.lic4j.entropy;

import static org.lic4j.entropy.Rans.BE16;
import static org.lic4j.entropy.Rans.BE32;
import static org.lic4j.entropy.Rans.BYTE_BITS;
import static org.lic4j.entropy.Rans.L;
import static org.lic4j.entropy.Rans.MAX_RAW_BITS;
import static org.lic4j.entropy.Rans.STATE_BITS;

import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes a stream of int values, each with its own table, into the format of
 * {@code docs/entropy.md}: two interleaved 32-bit rANS states, byte renormalisation.
 *
 * <p>Symbols are coded in reverse, as rANS needs; the output is prepended into a scratch buffer
 * that the encoder keeps (and grows) between calls, so an instance is not thread-safe. Values
 * outside a table's range go through the escape symbol and a bypass code, exactly, for every int.
 */
public final class RansEncoder {
  /** An escaped symbol takes 4 steps (escape, header, two mantissa chunks) of at most 2 bytes. */
  private static final int MAX_BYTES_PER_SYMBOL = 4 * Rans.MAX_BYTES_PER_STEP;
  /** Room kept free below the write position before a pair of symbols, so the flush fits too. */
  private static final int RESERVE = 2 * MAX_BYTES_PER_SYMBOL + Rans.HEADER_BYTES;

  /** Scratch output; the stream under construction is {@code buf[pos, buf.length)}. */
  private byte[] buf = new byte[0];
  /** Write position while in the slow path (escapes, growth); the hot loop keeps it in a local. */
  private int pos;

  /** Encodes all of {@code values}, value {@code i} with table {@code tableIdx[i]}. */
  public byte[] encode(int[] values, int[] tableIdx, TableSet tables) {
    if (values.length != tableIdx.length) {
      throw new IllegalArgumentException(values.length + " values but " + tableIdx.length + " table indexes");
    }
    return encode(values, tableIdx, 0, values.length, tables);
  }

  /**
   * Encodes symbols {@code [off, off + count)}: value {@code values[i]} with table
   * {@code tables.table(tableIdx[i])}. Returns a new array holding exactly the coded stream.
   *
   * @throws IllegalArgumentException if a table index is out of range
   */
  public byte[] encode(int[] values, int[] tableIdx, int off, int count, TableSet tables) {
    Objects.checkFromIndexSize(off, count, values.length);
    Objects.checkFromIndexSize(off, count, tableIdx.length);
    tables.checkIndexes(tableIdx, off, count);
    // Realistic streams take well under 2 bytes a symbol; escapes grow the buffer if they must.
    long want = 2L * count + 2 * RESERVE;
    if (buf.length < want) {
      buf = new byte[(int) Math.min(want, Integer.MAX_VALUE - 16)];
    }
    final int[] cdf = tables.cdf;
    final long[] rcp = tables.rcp;
    final int[] cdfBase = tables.cdfBase;
    final int[] offset = tables.offset;
    final int[] escape = tables.escape;
    final int total = 1 << tables.precision;
    final int xMaxShift = STATE_BITS - tables.precision;
    byte[] out = buf;
    int p = out.length;
    long x0 = L;
    long x1 = L;

    int i = off + count - 1;
    if ((count & 1) != 0) {
      // The last symbol has an even position in the stream: state 0.
      int t = tableIdx[i];
      int s = values[i] - offset[t];
      if (Integer.compareUnsigned(s, escape[t]) >= 0) {
        pos = p;
        x0 = encodeEscape(x0, values[i], t, tables);
        p = pos;
      } else {
        int k = cdfBase[t] + s;
        int start = cdf[k];
        int freq = cdf[k + 1] - start;
        long xMax = (long) freq << xMaxShift;
        int n = (x0 >= xMax ? 1 : 0) + (x0 >= xMax << BYTE_BITS ? 1 : 0);
        BE16.set(out, p - 2, (short) x0);
        p -= n;
        x0 >>>= n << 3;
        long q = Math.multiplyHigh(x0 << 2, rcp[k]);
        x0 += start + q * (total - freq);
        assert x0 >= L && x0 >>> STATE_BITS == 0 : x0;
      }
      i--;
    }
    for (; i > off; i -= 2) {
      if (p < RESERVE) {
        pos = p;
        grow();
        p = pos;
        out = buf;
      }
      // Odd position, state 1. Escapes (rare) leave the loop for the slow path.
      int t = tableIdx[i];
      int s = values[i] - offset[t];
      if (Integer.compareUnsigned(s, escape[t]) >= 0) {
        pos = p;
        x1 = encodeEscape(x1, values[i], t, tables);
        p = pos;
      } else {
        int k = cdfBase[t] + s;
        int start = cdf[k];
        int freq = cdf[k + 1] - start;
        // Renormalise: shift out 0..2 bytes to bring x below freq 2^(32-P). The 16-bit store is
        // unconditional; bytes that p does not move past are overwritten later.
        long xMax = (long) freq << xMaxShift;
        int n = (x1 >= xMax ? 1 : 0) + (x1 >= xMax << BYTE_BITS ? 1 : 0);
        BE16.set(out, p - 2, (short) x1);
        p -= n;
        x1 >>>= n << 3;
        // Code: x = (x / freq) * M + x % freq + start, dividing by the reciprocal.
        long q = Math.multiplyHigh(x1 << 2, rcp[k]);
        x1 += start + q * (total - freq);
        assert x1 >= L && x1 >>> STATE_BITS == 0 : x1;
      }
      // Even position, state 0.
      t = tableIdx[i - 1];
      s = values[i - 1] - offset[t];
      if (Integer.compareUnsigned(s, escape[t]) >= 0) {
        pos = p;
        x0 = encodeEscape(x0, values[i - 1], t, tables);
        p = pos;
      } else {
        int k = cdfBase[t] + s;
        int start = cdf[k];
        int freq = cdf[k + 1] - start;
        long xMax = (long) freq << xMaxShift;
        int n = (x0 >= xMax ? 1 : 0) + (x0 >= xMax << BYTE_BITS ? 1 : 0);
        BE16.set(out, p - 2, (short) x0);
        p -= n;
        x0 >>>= n << 3;
        long q = Math.multiplyHigh(x0 << 2, rcp[k]);
        x0 += start + q * (total - freq);
        assert x0 >= L && x0 >>> STATE_BITS == 0 : x0;
      }
    }
    // Flush: state 1 then state 0, so that the stream opens with state 0. RESERVE keeps room.
    p -= 4;
    BE32.set(buf, p, (int) x1);
    p -= 4;
    BE32.set(buf, p, (int) x0);
    return Arrays.copyOfRange(buf, p, buf.length);
  }

  /** Doubles the scratch buffer, keeping the stream so far at its end. */
  private void grow() {
    byte[] old = buf;
    int used = old.length - pos;
    long size = Math.max(2L * old.length, used + 4L * RESERVE);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("coded stream exceeds 2 GiB");
    }
    byte[] bigger = new byte[(int) size];
    System.arraycopy(old, pos, bigger, bigger.length - used, used);
    pos = bigger.length - used;
    buf = bigger;
  }

  /**
   * Codes {@code value}, which table {@code t} does not cover, as the escape symbol plus bypass
   * code. In reverse: the decoder reads the escape, the header, then the mantissa high to low.
   * Writes at {@link #pos}, which has {@link #MAX_BYTES_PER_SYMBOL} bytes of room below it.
   */
  private long encodeEscape(long x, int value, int t, TableSet tables) {
    int offset = tables.offset[t];
    int escape = tables.escape[t];
    int direction;
    long distance;
    if (value < offset) {
      direction = 0;
      distance = (long) offset - 1 - value;
    } else {
      direction = 1;
      distance = (long) value - offset - escape;
    }
    // distance in [0, 2^32): bit length 0..32; its top bit (if any) is implied, not coded.
    int bits = 64 - Long.numberOfLeadingZeros(distance);
    int mantissaBits = Math.max(bits - 1, 0);
    long mantissa = distance & ((1L << mantissaBits) - 1);
    if (mantissaBits > MAX_RAW_BITS) {
      x = putRaw(x, (int) mantissa & ((1 << MAX_RAW_BITS) - 1), MAX_RAW_BITS);
      x = putRaw(x, (int) (mantissa >>> MAX_RAW_BITS), mantissaBits - MAX_RAW_BITS);
    } else if (mantissaBits > 0) {
      x = putRaw(x, (int) mantissa, mantissaBits);
    }
    x = putRaw(x, bits << 1 | direction, Rans.ESCAPE_HEADER_BITS);
    // The escape symbol itself, like any other.
    int k = tables.cdfBase[t] + escape;
    int start = tables.cdf[k];
    int freq = tables.cdf[k + 1] - start;
    x = renormalize(x, (long) freq << (STATE_BITS - tables.precision));
    long q = Math.multiplyHigh(x << 2, tables.rcp[k]);
    return x + start + q * ((1 << tables.precision) - freq);
  }

  /** Codes {@code bits} raw bits (1..16) as a uniform symbol at precision {@code bits}. */
  private long putRaw(long x, int value, int bits) {
    return renormalize(x, 1L << (STATE_BITS - bits)) << bits | value;
  }

  /** Shifts bytes out of {@code x} at {@link #pos} until {@code x < xMax}. */
  private long renormalize(long x, long xMax) {
    while (x >= xMax) {
      buf[--pos] = (byte) x;
      x >>>= BYTE_BITS;
    }
    return x;
  }
}
