package org.lic4j.bitstream;

/**
 * The planes of the coded picture. Header field {@code ColourFormat}. The YUV formats have codes
 * reserved for a later version: format 1.0 streams must not use them, and {@link StreamHeader}
 * refuses them.
 */
public enum ColourFormat {
  /** One luminance plane. */
  GRAY(1, 1, false, false),
  /** Luminance and alpha. */
  GRAY_ALPHA(2, 2, true, false),
  /** Red, green, blue. */
  RGB(3, 3, false, false),
  /** Red, green, blue and alpha. */
  RGBA(4, 4, true, false),
  /** Reserved: Y'CbCr with chroma subsampled 2x2. */
  YUV420(5, 3, false, true),
  /** Reserved: Y'CbCr without subsampling. */
  YUV444(6, 3, false, true);

  private final int code;
  private final int channels;
  private final boolean alpha;
  private final boolean reserved;

  ColourFormat(int code, int channels, boolean alpha, boolean reserved) {
    this.code = code;
    this.channels = channels;
    this.alpha = alpha;
    this.reserved = reserved;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** Number of planes, alpha included. */
  public int channels() {
    return channels;
  }

  /** Whether the format has an alpha plane (and so may carry {@code ALPH} chunks). */
  public boolean hasAlpha() {
    return alpha;
  }

  /** Whether the code is reserved for a later format version and may not be written yet. */
  public boolean isReserved() {
    return reserved;
  }

  /** The format stored as {@code code}, reserved ones included, or {@code null} if none. */
  public static ColourFormat fromCode(int code) {
    for (ColourFormat format : values()) {
      if (format.code == code) {
        return format;
      }
    }
    return null;
  }
}
