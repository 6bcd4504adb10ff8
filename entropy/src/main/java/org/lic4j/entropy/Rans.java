package org.lic4j.entropy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Constants of the coded format shared by {@link RansEncoder} and {@link RansDecoder}; the
 * normative description is {@code docs/entropy.md}.
 *
 * <p>Read me first. rANS with two interleaved 32-bit states (held in {@code long}s, always in
 * {@code [0, 2^32)}), renormalised by bytes. Symbol {@code i} of a stream is coded by state
 * {@code i & 1}. The encoder runs backwards over the symbols and prepends bytes; the decoder runs
 * forwards and reads the stream as one big-endian byte sequence: state 0 (4 bytes), state 1
 * (4 bytes), then each refill shifts the next byte into the low end of its state. Both states start
 * (encoder) and end (decoder) at {@link #L}.
 *
 * <p>A coding step with frequency {@code f} at precision {@code P} needs the encoder's state in
 * {@code [f 2^(24-P), f 2^(32-P))} before coding; it gets there by shifting out at most 2 bytes.
 * The decoder shifts in at most 2 bytes after each step to get back to {@code [L, 2^32)}.
 */
final class Rans {
  /** Lower bound of the normalisation interval: a live state is always in {@code [L, L << 8)}. */
  static final long L = 1L << 24;
  /** Renormalisation moves bytes; {@code L >> BYTE_BITS} is the bound under which a second byte is needed. */
  static final int BYTE_BITS = 8;
  static final int STATE_BITS = 32;
  /** Bytes of the flushed states that open a stream. */
  static final int HEADER_BYTES = 8;
  /** A coding step moves at most this many bytes (a single step never moves more than 16 bits). */
  static final int MAX_BYTES_PER_STEP = 2;
  /** Escape bypass: header = (bit length of the distance) << 1 | direction, in this many raw bits. */
  static final int ESCAPE_HEADER_BITS = 7;
  /** Raw bits are coded in chunks of at most this many bits. */
  static final int MAX_RAW_BITS = 16;
  /** Largest bit length a distance can have: distances are in {@code [0, 2^32)}. */
  static final int MAX_DISTANCE_BITS = 32;
  /** Reciprocals are {@code ceil(2^RCP_BITS / freq)}; exact quotients for x < 2^32, freq <= 2^16. */
  static final int RCP_BITS = 62;

  static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Rans() {}

  /**
   * {@code ceil(2^62 / freq)}, so that {@code multiplyHigh(x << 2, rcp) == x / freq} for all
   * {@code 0 <= x < 2^32}, {@code 1 <= freq <= 2^16}: with {@code rcp = (2^62 + e) / freq},
   * {@code 0 <= e < freq}, the product is {@code x/freq + x e / (freq 2^62)}; the fraction of
   * {@code x/freq} is at most {@code 1 - 2^-16} and the error term is below {@code 2^-30}.
   */
  static long reciprocal(int freq) {
    return ((1L << RCP_BITS) + freq - 1) / freq;
  }
}
