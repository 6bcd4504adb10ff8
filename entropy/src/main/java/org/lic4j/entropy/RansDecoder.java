package org.lic4j.entropy;

import static org.lic4j.entropy.Rans.BE16;
import static org.lic4j.entropy.Rans.BE32;
import static org.lic4j.entropy.Rans.BYTE_BITS;
import static org.lic4j.entropy.Rans.L;
import static org.lic4j.entropy.Rans.MAX_RAW_BITS;

import java.util.Objects;

/**
 * Decodes the streams of {@link RansEncoder} ({@code docs/entropy.md}). The caller passes the same
 * tables and table indexes that the encoder got; the decoder returns the values.
 *
 * <p>Error behaviour: whatever the bytes, decoding does a bounded amount of work (each coding step
 * reads at most 2 bytes) and never reads outside {@code src[srcOff, srcOff + srcLen)}. A stream
 * that is truncated, extended, or does not end in the encoder's initial state throws
 * {@link EntropyDecodingException}; other corruption may decode to garbage values instead (there
 * is no checksum at this level: the container has one). An instance is not thread-safe (it holds
 * slow-path state) but is cheap to create.
 */
public final class RansDecoder {
  /** A pair of regular symbols reads at most this many bytes; the fast loop keeps this much ahead. */
  private static final int PAIR_BYTES = 2 * Rans.MAX_BYTES_PER_STEP;

  // Slow-path state (escapes and the last few bytes): the fast loop spills its position here.
  private byte[] src;
  private int pos;
  private int end;
  private int start;
  /** The state of the slow path's coding step, in and out. */
  private long state;

  /** Decodes {@code tableIdx.length} values into {@code out[0, tableIdx.length)}. */
  public void decode(byte[] src, int srcOff, int srcLen, int[] tableIdx, TableSet tables, int[] out)
      throws EntropyDecodingException {
    decode(src, srcOff, srcLen, tableIdx, 0, tableIdx.length, tables, out);
  }

  /**
   * Decodes {@code count} values; value {@code i} in {@code [off, off + count)} uses table
   * {@code tables.table(tableIdx[i])} and goes to {@code out[i]}. The stream must be exactly
   * {@code src[srcOff, srcOff + srcLen)}.
   *
   * @throws EntropyDecodingException if the stream is corrupt (offsets in its message are relative
   *     to {@code srcOff}); {@code out} then holds garbage
   * @throws IllegalArgumentException if a table index is out of range
   */
  public void decode(byte[] src, int srcOff, int srcLen, int[] tableIdx, int off, int count,
      TableSet tables, int[] out) throws EntropyDecodingException {
    Objects.checkFromIndexSize(srcOff, srcLen, src.length);
    Objects.checkFromIndexSize(off, count, tableIdx.length);
    Objects.checkFromIndexSize(off, count, out.length);
    tables.checkIndexes(tableIdx, off, count);
    if (srcLen < Rans.HEADER_BYTES) {
      throw new EntropyDecodingException("stream of " + srcLen + " bytes is shorter than its 8-byte header", 0);
    }
    final int[] cdf = tables.cdf;
    final char[] lut = tables.lut;
    final int[] cdfBase = tables.cdfBase;
    final int[] lutBase = tables.lutBase;
    final int[] lutShift = tables.lutShift;
    final int[] offset = tables.offset;
    final int[] escape = tables.escape;
    final int precision = tables.precision;
    final int mask = (1 << precision) - 1;
    final int end = srcOff + srcLen;
    long x0 = Integer.toUnsignedLong((int) BE32.get(src, srcOff));
    long x1 = Integer.toUnsignedLong((int) BE32.get(src, srcOff + 4));
    if (x0 < L || x1 < L) {
      throw new EntropyDecodingException("initial state below 2^24", x0 < L ? 0 : 4);
    }
    this.src = src;
    this.end = end;
    this.start = srcOff;
    int p = srcOff + Rans.HEADER_BYTES;
    int i = off;
    final int stop = off + count;
    try {
      // Fast loop: pairs of symbols while their refills cannot run past the end.
      while (i < stop - 1 && p <= end - PAIR_BYTES) {
        // Even position, state 0. Find the symbol whose interval holds the slot: the lookup gives
        // the first candidate, a few steps forward at most find it...
        int t = tableIdx[i];
        int base = cdfBase[t];
        int slot = (int) x0 & mask;
        int s = lut[lutBase[t] + (slot >>> lutShift[t])];
        while (cdf[base + s + 1] <= slot) {
          s++;
        }
        // ...advance the state past it: x = freq * (x >> P) + slot - start...
        int lo = cdf[base + s];
        x0 = (cdf[base + s + 1] - lo) * (x0 >>> precision) + slot - lo;
        // ...and shift in 0..2 bytes to bring it back to [L, 2^32).
        int n = (x0 < L ? 1 : 0) + (x0 < L >> BYTE_BITS ? 1 : 0);
        x0 = x0 << (n << 3) | (((short) BE16.get(src, p) & 0xFFFF) >>> (16 - (n << 3)));
        p += n;
        if (s == escape[t]) {
          // Slow path; it may read past the room the fast loop checked, so it codes the odd
          // symbol too, with checked reads.
          pos = p;
          state = x0;
          out[i] = readEscape(t, tables);
          x0 = state;
          state = x1;
          out[i + 1] = readSymbol(tableIdx[i + 1], tables);
          x1 = state;
          p = pos;
          i += 2;
          continue;
        }
        out[i] = offset[t] + s;

        // Odd position, state 1.
        t = tableIdx[i + 1];
        base = cdfBase[t];
        slot = (int) x1 & mask;
        s = lut[lutBase[t] + (slot >>> lutShift[t])];
        while (cdf[base + s + 1] <= slot) {
          s++;
        }
        lo = cdf[base + s];
        x1 = (cdf[base + s + 1] - lo) * (x1 >>> precision) + slot - lo;
        n = (x1 < L ? 1 : 0) + (x1 < L >> BYTE_BITS ? 1 : 0);
        x1 = x1 << (n << 3) | (((short) BE16.get(src, p) & 0xFFFF) >>> (16 - (n << 3)));
        p += n;
        if (s == escape[t]) {
          pos = p;
          state = x1;
          out[i + 1] = readEscape(t, tables);
          x1 = state;
          p = pos;
        } else {
          out[i + 1] = offset[t] + s;
        }
        i += 2;
      }
      // The rest, one symbol at a time with checked reads.
      pos = p;
      for (; i < stop; i++) {
        boolean odd = ((i - off) & 1) != 0;
        state = odd ? x1 : x0;
        out[i] = readSymbol(tableIdx[i], tables);
        if (odd) {
          x1 = state;
        } else {
          x0 = state;
        }
      }
      p = pos;
    } finally {
      this.src = null;
    }
    if (p != end) {
      throw new EntropyDecodingException("stream has " + (end - p) + " bytes after the last symbol", p - srcOff);
    }
    if (x0 != L || x1 != L) {
      throw new EntropyDecodingException(
          "final states " + x0 + ", " + x1 + " are not the initial 2^24", p - srcOff);
    }
  }

  // Sequential decoding: the states of both lanes between calls, and the next symbol's index.
  private long lane0;
  private long lane1;
  private int sequence;

  /**
   * Starts decoding {@code src[srcOff, srcOff + srcLen)} one value at a time, for streams whose
   * tables depend on values decoded before (the video module's motion vectors): then
   * {@link #next} per value and {@link #finish} at the end. The format is the same as
   * {@link #decode}'s: a stream decodes identically either way. Work stays bounded per value.
   *
   * @throws EntropyDecodingException if the stream is shorter than its header or its states are bad
   */
  public void begin(byte[] src, int srcOff, int srcLen) throws EntropyDecodingException {
    Objects.checkFromIndexSize(srcOff, srcLen, src.length);
    if (srcLen < Rans.HEADER_BYTES) {
      throw new EntropyDecodingException("stream of " + srcLen + " bytes is shorter than its 8-byte header", 0);
    }
    lane0 = Integer.toUnsignedLong((int) BE32.get(src, srcOff));
    lane1 = Integer.toUnsignedLong((int) BE32.get(src, srcOff + 4));
    if (lane0 < L || lane1 < L) {
      throw new EntropyDecodingException("initial state below 2^24", lane0 < L ? 0 : 4);
    }
    this.src = src;
    this.start = srcOff;
    this.end = srcOff + srcLen;
    this.pos = srcOff + Rans.HEADER_BYTES;
    this.sequence = 0;
  }

  /**
   * The next value of the stream begun by {@link #begin}, with table {@code tables.table(table)}.
   *
   * @throws EntropyDecodingException if the stream is truncated or an escape is bad
   * @throws IllegalStateException if no stream is begun
   */
  public int next(int table, TableSet tables) throws EntropyDecodingException {
    if (src == null) {
      throw new IllegalStateException("no stream begun");
    }
    if (table < 0 || table >= tables.size()) {
      throw new IllegalArgumentException("table " + table + " not in [0, " + tables.size() + ")");
    }
    boolean odd = (sequence++ & 1) != 0;
    state = odd ? lane1 : lane0;
    int value = readSymbol(table, tables);
    if (odd) {
      lane1 = state;
    } else {
      lane0 = state;
    }
    return value;
  }

  /**
   * Ends the stream begun by {@link #begin}: it must be used up and end in the encoder's initial
   * states, as {@link #decode} checks.
   *
   * @throws EntropyDecodingException if bytes are left or the final states are wrong
   */
  public void finish() throws EntropyDecodingException {
    if (src == null) {
      throw new IllegalStateException("no stream begun");
    }
    src = null;
    if (pos != end) {
      throw new EntropyDecodingException("stream has " + (end - pos) + " bytes after the last symbol", pos - start);
    }
    if (lane0 != L || lane1 != L) {
      throw new EntropyDecodingException(
          "final states " + lane0 + ", " + lane1 + " are not the initial 2^24", pos - start);
    }
  }

  /** Decodes one value with table {@code t} from {@link #state}, reading at {@link #pos}. */
  private int readSymbol(int t, TableSet tables) throws EntropyDecodingException {
    int[] cdf = tables.cdf;
    int base = tables.cdfBase[t];
    int slot = (int) state & ((1 << tables.precision) - 1);
    int s = tables.lut[tables.lutBase[t] + (slot >>> tables.lutShift[t])];
    while (cdf[base + s + 1] <= slot) {
      s++;
    }
    int lo = cdf[base + s];
    state = (cdf[base + s + 1] - lo) * (state >>> tables.precision) + slot - lo;
    refill();
    return s == tables.escape[t] ? readEscape(t, tables) : tables.offset[t] + s;
  }

  /**
   * Reads the bypass code that follows an escape: header, then the mantissa's high chunk (when
   * over 16 bits) and low chunk. Returns the value.
   */
  private int readEscape(int t, TableSet tables) throws EntropyDecodingException {
    int at = pos - start;
    int header = readRaw(Rans.ESCAPE_HEADER_BITS);
    int bits = header >>> 1;
    if (bits > Rans.MAX_DISTANCE_BITS) {
      throw new EntropyDecodingException("escape header " + header + " out of range", at);
    }
    int mantissaBits = Math.max(bits - 1, 0);
    long mantissa = 0;
    if (mantissaBits > MAX_RAW_BITS) {
      mantissa = (long) readRaw(mantissaBits - MAX_RAW_BITS) << MAX_RAW_BITS;
      mantissa |= readRaw(MAX_RAW_BITS);
    } else if (mantissaBits > 0) {
      mantissa = readRaw(mantissaBits);
    }
    long distance = bits == 0 ? 0 : 1L << mantissaBits | mantissa;
    long value = (header & 1) == 0
        ? tables.offset[t] - 1L - distance
        : (long) tables.offset[t] + tables.escape[t] + distance;
    if (value != (int) value) {
      throw new EntropyDecodingException("escaped value " + value + " outside int", at);
    }
    return (int) value;
  }

  /** Reads {@code bits} raw bits (1..16): a uniform symbol at precision {@code bits}. */
  private int readRaw(int bits) throws EntropyDecodingException {
    int value = (int) state & ((1 << bits) - 1);
    state >>>= bits;
    refill();
    return value;
  }

  /** Shifts 0..2 bytes into {@link #state}, exactly as the fast loop does, but checking the end. */
  private void refill() throws EntropyDecodingException {
    int n = (state < L ? 1 : 0) + (state < L >> BYTE_BITS ? 1 : 0);
    if (pos + n > end) {
      throw new EntropyDecodingException("truncated: needs " + n + " more bytes", end - start);
    }
    for (int k = 0; k < n; k++) {
      state = state << BYTE_BITS | (src[pos++] & 0xFF);
    }
  }
}
