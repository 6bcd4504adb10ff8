package org.lic4j.entropy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A second implementation of the coded format, written from docs/entropy.md alone: plain division,
 * byte-at-a-time renormalisation, binary search, one state array. Slow and obvious; the production
 * coder must produce and accept exactly the same bytes.
 */
final class ReferenceRans {
  private static final long L = 1L << 24;

  private ReferenceRans() {}

  /** One coding step: symbol [start, start + freq) out of 2^precision, on state {@code state}. */
  private record Step(int state, long start, long freq, int precision) {}

  static byte[] encode(int[] values, int[] tableIdx, TableSet tables) {
    // Forward: the steps in decoding order.
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      CdfTable t = tables.table(tableIdx[i]);
      int j = i % 2;
      int s = t.symbolOf(values[i]);
      steps.add(new Step(j, t.cumulative(s), t.frequency(s), t.precision()));
      if (s == t.escapeSymbol()) {
        long v = values[i];
        long lo = t.offset();
        long hi = (long) t.offset() + t.escapeSymbol() - 1;
        int direction = v < lo ? 0 : 1;
        long d = v < lo ? lo - 1 - v : v - hi - 1;
        int bits = 64 - Long.numberOfLeadingZeros(d);
        steps.add(raw(j, bits * 2L + direction, 7));
        int m = Math.max(bits - 1, 0);
        long mantissa = d - (bits == 0 ? 0 : 1L << m);
        if (m > 16) {
          steps.add(raw(j, mantissa >> 16, m - 16));
          steps.add(raw(j, mantissa & 0xFFFF, 16));
        } else if (m > 0) {
          steps.add(raw(j, mantissa, m));
        }
      }
    }
    // Backward: code each step, prepending bytes.
    long[] x = {L, L};
    ByteArrayOutputStream reversed = new ByteArrayOutputStream();
    for (int k = steps.size() - 1; k >= 0; k--) {
      Step st = steps.get(k);
      int j = st.state();
      long xMax = st.freq() << (32 - st.precision());
      while (x[j] >= xMax) {
        reversed.write((int) (x[j] & 0xFF));
        x[j] >>= 8;
      }
      x[j] = (x[j] / st.freq() << st.precision()) + x[j] % st.freq() + st.start();
    }
    for (int j = 1; j >= 0; j--) {
      for (int b = 0; b < 4; b++) {
        reversed.write((int) (x[j] >> (8 * b) & 0xFF));
      }
    }
    byte[] r = reversed.toByteArray();
    byte[] out = new byte[r.length];
    for (int k = 0; k < r.length; k++) {
      out[k] = r[r.length - 1 - k];
    }
    return out;
  }

  private static Step raw(int state, long value, int bits) {
    return new Step(state, value, 1, bits);
  }

  static int[] decode(byte[] src, int[] tableIdx, TableSet tables) throws EntropyDecodingException {
    Reader in = new Reader(src);
    long[] x = {in.u32(), in.u32()};
    if (x[0] < L || x[1] < L) {
      throw new EntropyDecodingException("bad initial state", 0);
    }
    int[] out = new int[tableIdx.length];
    for (int i = 0; i < tableIdx.length; i++) {
      CdfTable t = tables.table(tableIdx[i]);
      int j = i % 2;
      long m = 1L << t.precision();
      long slot = x[j] % m;
      int lo = 0;
      int hi = t.symbolCount() - 1;
      while (lo < hi) {  // largest s with cdf[s] <= slot
        int mid = (lo + hi + 1) >>> 1;
        if (t.cumulative(mid) <= slot) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      int s = lo;
      x[j] = t.frequency(s) * (x[j] / m) + slot - t.cumulative(s);
      x[j] = in.refill(x[j]);
      if (s != t.escapeSymbol()) {
        out[i] = t.offset() + s;
        continue;
      }
      long[] xs = {x[j]};
      long header = in.raw(xs, 7);
      int bits = (int) (header >> 1);
      if (bits > 32) {
        throw new EntropyDecodingException("bad header", in.pos);
      }
      int mb = Math.max(bits - 1, 0);
      long mantissa = 0;
      if (mb > 16) {
        mantissa = in.raw(xs, mb - 16) << 16;
        mantissa |= in.raw(xs, 16);
      } else if (mb > 0) {
        mantissa = in.raw(xs, mb);
      }
      x[j] = xs[0];
      long d = bits == 0 ? 0 : (1L << mb) + mantissa;
      long v = (header & 1) == 0 ? t.offset() - 1L - d : (long) t.offset() + t.escapeSymbol() + d;
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new EntropyDecodingException("value out of int", in.pos);
      }
      out[i] = (int) v;
    }
    if (in.pos != src.length || x[0] != L || x[1] != L) {
      throw new EntropyDecodingException("bad end", in.pos);
    }
    return out;
  }

  private static final class Reader {
    final byte[] src;
    int pos;

    Reader(byte[] src) {
      this.src = src;
    }

    int next() throws EntropyDecodingException {
      if (pos >= src.length) {
        throw new EntropyDecodingException("truncated", pos);
      }
      return src[pos++] & 0xFF;
    }

    long u32() throws EntropyDecodingException {
      long v = 0;
      for (int b = 0; b < 4; b++) {
        v = v << 8 | next();
      }
      return v;
    }

    /** Valid streams: at most 2 bytes; the spec lets decoders stop after 2. */
    long refill(long x) throws EntropyDecodingException {
      for (int k = 0; k < 2 && x < L; k++) {
        x = x << 8 | next();
      }
      return x;
    }

    long raw(long[] x, int bits) throws EntropyDecodingException {
      long v = x[0] % (1L << bits);
      x[0] = refill(x[0] >> bits);
      return v;
    }
  }
}
