package org.lic4j.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an H.264 or HEVC Annex B byte stream (start-code-delimited NAL units, ITU-T H.264 / H.265
 * Annex B) far enough to count its bytes fairly: the bytes of each frame, and those of the
 * encoder's own settings message, which {@code lic4j eval-video} leaves out of the rate. x264
 * writes its options as a user-data-unregistered SEI message ({@code "x264 - core 164 ..."});
 * x265 does the same ({@code "x265 (build 199) ..."}) unless told {@code info=0}. Such a message
 * is metadata, not picture, and it would weigh several kbps at a low rate.
 *
 * <p>A NAL unit here spans from its start code (with the leading zero byte of a four-byte start
 * code) to the next start code; each frame gets its slices and the parameter sets and SEI that
 * precede it. A frame starts with a slice whose {@code first_mb_in_slice} is 0 (H.264) or whose
 * {@code first_slice_segment_in_pic_flag} is set (HEVC): both are the first bit after the NAL
 * header. The streams measured here have no B-frames, so stream order is display order.
 */
final class AnnexB {
  /** SEI {@code payloadType} of user data unregistered (H.264 D.1.6, H.265 D.2.6). */
  static final int USER_DATA_UNREGISTERED = 5;
  private static final int UUID_BYTES = 16;
  /** How the settings SEI of x264 and x265 starts, after its UUID. */
  private static final List<String> ENCODER_INFO = List.of("x264 ", "x265 ");

  private AnnexB() {}

  /** The two syntaxes: they differ in the NAL header and in which types are slices and SEI. */
  enum Syntax {
    H264(1) {
      @Override
      int type(byte first) {
        return first & 0x1f;
      }

      @Override
      boolean isSlice(int type) {
        return type >= 1 && type <= 5;
      }

      @Override
      boolean isSei(int type) {
        return type == 6;
      }
    },
    HEVC(2) {
      @Override
      int type(byte first) {
        return (first >> 1) & 0x3f;
      }

      @Override
      boolean isSlice(int type) {
        return type <= 31;
      }

      @Override
      boolean isSei(int type) {
        return type == 39 || type == 40;
      }
    };

    /** Bytes of the NAL unit header. */
    final int headerBytes;

    Syntax(int headerBytes) {
      this.headerBytes = headerBytes;
    }

    abstract int type(byte first);

    abstract boolean isSlice(int type);

    abstract boolean isSei(int type);
  }

  /**
   * One NAL unit.
   *
   * @param start where its start code begins
   * @param payload where its header begins (just past the start code)
   * @param end one past its last byte (where the next start code begins)
   */
  record Nal(int start, int payload, int end, int type) {
    int bytes() {
      return end - start;
    }
  }

  /**
   * A measured stream.
   *
   * @param total every byte of the stream
   * @param encoderInfo the bytes of the encoder's settings SEI (whole NAL units where they hold
   *     nothing else, else the message alone)
   * @param frames each frame's bytes, settings SEI excluded, in stream order; they add up to
   *     {@code total - encoderInfo}
   */
  record Measure(long total, long encoderInfo, long[] frames) {
    /** What the rate counts: everything but the encoder's settings. */
    long counted() {
      return total - encoderInfo;
    }
  }

  /** The NAL units of {@code stream}, in order; bytes before the first start code are none. */
  static List<Nal> units(byte[] stream, Syntax syntax) {
    List<Integer> codes = new ArrayList<>();
    List<Integer> payloads = new ArrayList<>();
    for (int i = 0; i + 2 < stream.length; i++) {
      if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
        boolean fourBytes = i > 0 && stream[i - 1] == 0 && (payloads.isEmpty() || i - 1 >= payloads.get(payloads.size() - 1));
        codes.add(fourBytes ? i - 1 : i);
        payloads.add(i + 3);
        i += 2;
      }
    }
    List<Nal> out = new ArrayList<>();
    for (int k = 0; k < codes.size(); k++) {
      int payload = payloads.get(k);
      int end = k + 1 < codes.size() ? codes.get(k + 1) : stream.length;
      int type = payload < end ? syntax.type(stream[payload]) : -1;
      out.add(new Nal(codes.get(k), payload, end, type));
    }
    return out;
  }

  /** Total bytes, the encoder's settings SEI, and the bytes of each frame. */
  static Measure measure(byte[] stream, Syntax syntax) {
    List<Long> frames = new ArrayList<>();
    long info = 0;
    long pending = 0;
    for (Nal n : units(stream, syntax)) {
      long removed = syntax.isSei(n.type()) ? encoderInfoBytes(stream, n, syntax) : 0;
      info += removed;
      long counted = n.bytes() - removed;
      int first = n.payload() + syntax.headerBytes;
      if (syntax.isSlice(n.type()) && first < n.end()) {
        if ((stream[first] & 0x80) != 0 || frames.isEmpty()) {
          frames.add(pending + counted);
        } else {
          frames.set(frames.size() - 1, frames.get(frames.size() - 1) + pending + counted);
        }
        pending = 0;
      } else {
        pending += counted;
      }
    }
    if (pending > 0 && !frames.isEmpty()) {
      frames.set(frames.size() - 1, frames.get(frames.size() - 1) + pending);
    }
    return new Measure(stream.length, info, frames.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * The bytes of {@code sei} that are the encoder's settings: the whole unit when it holds only
   * such messages, else the messages' own bytes (as coded, before emulation prevention is undone:
   * near enough for a message of text); 0 when it holds none.
   */
  static long encoderInfoBytes(byte[] stream, Nal sei, Syntax syntax) {
    byte[] rbsp = rbsp(stream, sei.payload() + syntax.headerBytes, sei.end());
    long info = 0;
    boolean other = false;
    int p = 0;
    // sei_message()s until rbsp_trailing_bits: a 0x80 byte alone, or the end.
    while (p < rbsp.length && !(rbsp[p] == (byte) 0x80 && p == lastNonZero(rbsp))) {
      int start = p;
      int type = 0;
      while (p < rbsp.length && rbsp[p] == (byte) 0xff) {
        type += 255;
        p++;
      }
      if (p >= rbsp.length) {
        break;
      }
      type += rbsp[p++] & 0xff;
      int size = 0;
      while (p < rbsp.length && rbsp[p] == (byte) 0xff) {
        size += 255;
        p++;
      }
      if (p >= rbsp.length) {
        break;
      }
      size += rbsp[p++] & 0xff;
      int payloadEnd = Math.min(rbsp.length, p + size);
      if (type == USER_DATA_UNREGISTERED && isEncoderInfo(rbsp, p, payloadEnd)) {
        info += payloadEnd - start;
      } else {
        other = true;
      }
      p = payloadEnd;
    }
    if (info == 0) {
      return 0;
    }
    return other ? info : sei.bytes();
  }

  private static boolean isEncoderInfo(byte[] rbsp, int payload, int end) {
    int text = payload + UUID_BYTES;
    if (text >= end) {
      return false;
    }
    String s = new String(rbsp, text, Math.min(end - text, 16), StandardCharsets.ISO_8859_1);
    return ENCODER_INFO.stream().anyMatch(s::startsWith);
  }

  private static int lastNonZero(byte[] b) {
    int i = b.length - 1;
    while (i > 0 && b[i] == 0) {
      i--;
    }
    return i;
  }

  /** The payload with emulation prevention bytes ({@code 00 00 03}: the 03) removed. */
  static byte[] rbsp(byte[] stream, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, to - from));
    int zeros = 0;
    for (int i = from; i < to; i++) {
      int b = stream[i] & 0xff;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out.write(b);
    }
    return out.toByteArray();
  }
}
