package org.lic4j.codec;

/**
 * The one Exif tag the codec reads and changes: Orientation (0x0112) in the first image directory
 * (IFD0) of a TIFF-structured block. Changed in place, a 2-byte value, rather than by rewriting the
 * directory: maker notes hold absolute offsets into the block, which a rewrite would break.
 */
final class ExifOrientation {
  private static final int TAG = 0x0112;
  private static final int TYPE_BYTE = 1;
  private static final int TYPE_SHORT = 3;
  private static final int ENTRY_BYTES = 12;

  private ExifOrientation() {}

  static boolean isTiff(byte[] b) {
    return b.length >= 8 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
        || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42));
  }

  /** The orientation 1..8, or 0 if absent or out of range. */
  static int read(byte[] exif) {
    int at = valueOffset(exif);
    if (at < 0) {
      return 0;
    }
    int v = isByte(exif, at) ? exif[at] & 0xff : u16(exif, at, exif[0] == 'I');
    return v >= 1 && v <= 8 ? v : 0;
  }

  /** A copy of {@code exif} with the orientation value set; the tag must be present. */
  static byte[] write(byte[] exif, int value) {
    if (value < 1 || value > 8) {
      throw new IllegalArgumentException("orientation must be in 1..8, got " + value);
    }
    int at = valueOffset(exif);
    if (at < 0) {
      throw new IllegalArgumentException("no orientation tag");
    }
    byte[] out = exif.clone();
    if (isByte(exif, at)) {
      out[at] = (byte) value;
    } else if (exif[0] == 'I') {
      out[at] = (byte) value;
      out[at + 1] = 0;
    } else {
      out[at] = 0;
      out[at + 1] = (byte) value;
    }
    return out;
  }

  /** Whether the value at {@code at} is a BYTE (some writers use it; the standard says SHORT). */
  private static boolean isByte(byte[] b, int at) {
    return u16(b, at - 6, b[0] == 'I') == TYPE_BYTE;
  }

  /**
   * Offset of the orientation's value in IFD0 (a SHORT, or a BYTE as some writers have it), or -1
   * when there is none or the block is damaged.
   */
  private static int valueOffset(byte[] b) {
    if (!isTiff(b)) {
      return -1;
    }
    boolean little = b[0] == 'I';
    long ifd = u32(b, 4, little);
    if (ifd < 8 || ifd + 2 > b.length) {
      return -1;
    }
    int count = u16(b, (int) ifd, little);
    int first = (int) ifd + 2;
    for (int i = 0; i < count; i++) {
      int e = first + i * ENTRY_BYTES;
      if (e + ENTRY_BYTES > b.length) {
        return -1;
      }
      if (u16(b, e, little) == TAG) {
        int type = u16(b, e + 2, little);
        return (type == TYPE_SHORT || type == TYPE_BYTE) && u32(b, e + 4, little) >= 1 ? e + 8 : -1;
      }
    }
    return -1;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xff;
    int y = b[at + 1] & 0xff;
    return little ? x | y << 8 : x << 8 | y;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long hi = u16(b, little ? at + 2 : at, little);
    long lo = u16(b, little ? at : at + 2, little);
    return hi << 16 | lo;
  }
}
